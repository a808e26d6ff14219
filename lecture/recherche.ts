import type { Db } from '../infra/prisma';

/** LIKE's own characters taken literally: a `%` or `_` typed is searched as such. */
const litteral = (mot: string) => mot.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The words typed, in the form the usagers' `nomRecherche` column keeps (normaliser_recherche in PostgreSQL:
 * without accents or ligatures, in lower case), escaped for LIKE. Normalised by the database itself, so that the
 * words and the names agree whatever the characters ("Lefevre" finds "Lefèvre", "coeur" finds "Cœur").
 */
export async function motsRecherche(db: Db, q: string): Promise<string[]> {
  const mots = q.split(/\s+/).filter(Boolean).map(litteral);
  const lignes = await db.$queryRaw<Array<{ mot: string }>>`
    SELECT normaliser_recherche(m) AS mot FROM unnest(${mots}::text[]) AS m`;
  return lignes.map((l) => l.mot);
}
