import type { Db } from '../infra/prisma';
import { ACTEUR_SYSTEME } from '../domain/parcours/evenement';

export interface Noms {
  usager(id: string): string;
  territoire(id: string | null): string | null;
  equipe(id: string | null): string | null;
  agent(id: string | null): string | null;
}

const unique = (ids: Array<string | null | undefined>) => [...new Set(ids.filter((x): x is string => !!x))];
const personne = (p: { prenom: string | null; nom: string | null }) => [p.prenom, p.nom].filter(Boolean).join(' ');

/**
 * The names behind the ids of a page of parcours (usagers, territoires, équipes, référents, and the agents of
 * their timelines): four queries for the page, none per row.
 */
export async function nommer(
  db: Db,
  parcours: Array<{
    usagerId: string;
    territoireId: string | null;
    equipeId: string | null;
    referentId: string | null;
    interimId?: string | null;
    repreneurPropose?: string | null;
  }>,
  acteurs: string[] = [],
): Promise<Noms> {
  const [usagers, territoires, equipes, agents] = await Promise.all([
    db.usager.findMany({
      where: { id: { in: unique(parcours.map((p) => p.usagerId)) } },
      select: { id: true, prenom: true, nom: true },
    }),
    db.territoire.findMany({
      where: { id: { in: unique(parcours.map((p) => p.territoireId)) } },
      select: { id: true, nom: true },
    }),
    db.equipe.findMany({
      where: { id: { in: unique(parcours.map((p) => p.equipeId)) } },
      select: { id: true, nom: true },
    }),
    db.agent.findMany({
      where: {
        id: { in: unique([...parcours.flatMap((p) => [p.referentId, p.interimId, p.repreneurPropose]), ...acteurs]) },
      },
      select: { id: true, prenom: true, nom: true },
    }),
  ]);
  const carte = <T extends { id: string }>(rows: T[], nom: (r: T) => string) =>
    new Map(rows.map((r) => [r.id, nom(r)]));
  const u = carte(usagers, personne);
  const t = carte(territoires, (x) => x.nom);
  const e = carte(equipes, (x) => x.nom);
  const a = carte(agents, personne);
  // An id the organisation no longer knows is shown as such rather than hidden: it is still who acted.
  return {
    usager: (id) => u.get(id) ?? 'Personne anonymisée',
    territoire: (id) => (id ? (t.get(id) ?? id) : null),
    equipe: (id) => (id ? (e.get(id) ?? id) : null),
    agent: (id) => (id === ACTEUR_SYSTEME ? 'Système' : id ? (a.get(id) ?? id) : null),
  };
}

/** Names of communes by INSEE code (the screens show the commune, never its code). */
export async function nomsCommunes(db: Db, codes: Array<string | null | undefined>): Promise<Map<string, string>> {
  const liste = unique(codes);
  if (!liste.length) return new Map();
  const communes = await db.commune.findMany({ where: { code: { in: liste } }, select: { code: true, nom: true } });
  return new Map(communes.map((c) => [c.code, c.nom]));
}
