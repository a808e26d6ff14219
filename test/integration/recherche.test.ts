/** Searching usagers: accent- and case-insensitive, from a trigram index, LIKE's wildcards taken literally. */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';

describe('Recherche d’usagers', () => {
  let s: Stack;
  let cadre: string;
  // A mark of this file's rows in the shared database: every search below adds it as a second word.
  const marque = `r${randomUUID().slice(0, 8)}`;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    s = await startStack();
    cadre = await nouvelAgent(s.db, ['cadre']);
    for (const [cle, nom] of Object.entries({
      lefevre: 'Lefèvre',
      majuscules: 'LEFEVRE',
      coeur: 'Cœur',
      pourcent: '100%',
      souligne: 'Dupont_Durand',
      autre: 'Dupontx',
    })) {
      ids[cle] = randomUUID();
      await s.db.usager.create({ data: { id: ids[cle], nom, prenom: marque } });
    }
  });
  afterAll(async () => {
    await s.stop();
  });

  const chercher = async (q: string) => {
    const r = await request(s.app)
      .get('/usagers')
      .set(comme(cadre))
      .query({ q: `${q} ${marque}` });
    expect(r.status).toBe(200);
    const trouves = new Set(r.body.items.map((u: { id: string }) => u.id));
    return Object.keys(ids)
      .filter((cle) => trouves.has(ids[cle]))
      .sort();
  };

  it('ignore accents, ligatures et casse, dans les deux sens', async () => {
    expect(await chercher('Lefevre')).toEqual(['lefevre', 'majuscules']);
    expect(await chercher('lefèvre')).toEqual(['lefevre', 'majuscules']);
    expect(await chercher('LEFÈVRE')).toEqual(['lefevre', 'majuscules']);
    expect(await chercher('coeur')).toEqual(['coeur']);
    expect(await chercher('CŒUR')).toEqual(['coeur']);
  });

  it('cherche % et _ comme des caractères, pas comme des jokers', async () => {
    expect(await chercher('%')).toEqual(['pourcent']);
    expect(await chercher('0%')).toEqual(['pourcent']);
    expect(await chercher('dupont_')).toEqual(['souligne']);
    expect(await chercher('t_d')).toEqual(['souligne']);
    expect(await chercher('\\')).toEqual([]);
  });

  it('suit les corrections d’identité (colonne tenue par la base) et lit l’index trigramme', async () => {
    await s.db.usager.update({ where: { id: ids.autre! }, data: { nom: 'Hélène-Éloïse' } });
    expect(await chercher('ELOISE')).toEqual(['autre']);
    const plan = await s.db.$transaction(async (tx) => {
      // The table is small here: the planner is told to prefer an index when there is one.
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<Array<{ 'QUERY PLAN': string }>>`
        EXPLAIN SELECT id FROM "Usager" WHERE "nomRecherche" LIKE '%lefevre%'`;
    });
    expect(plan.map((l) => l['QUERY PLAN']).join('\n')).toContain('Usager_nomRecherche_idx');
  });
});
