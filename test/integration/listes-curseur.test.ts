/**
 * Keyset pages of GET /parcours (`apres` = the previous page's `suivant`): walking a list while parcours arrive
 * between pages shows each row once, in the list's order, and every row that arrived after the cursor; a cursor
 * is checked before use (400 in French) and never widens the agent's scope. Rows are written straight into the
 * read model (no workflow needed to list them), in two territoires of their own, removed at the end.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import fc from 'fast-check';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelleEquipe } from '../support/parcours';
import { MESSAGE_CURSEUR, encoderCurseur } from '../../api/contrat/curseur';

type Tri = 'urgence' | 'echeance' | 'recent';
interface Cles {
  urgence: boolean;
  enRetard: boolean;
  echeance: Date | null;
  etapeDepuis: Date;
}

const JOUR = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
// Few distinct values: ties on every key, so the id decides often.
const cles = fc.record({
  urgence: fc.boolean(),
  enRetard: fc.boolean(),
  echeance: fc.option(
    fc.integer({ min: 0, max: 4 }).map((j) => new Date(T0 + j * JOUR)),
    { nil: null },
  ),
  etapeDepuis: fc.integer({ min: 0, max: 3 }).map((j) => new Date(T0 - j * JOUR)),
});

/** The oracle, written apart from lecture/listes.ts: the order as PostgreSQL sorts it. */
const ORDRE: Record<Tri, string> = {
  urgence: `urgence DESC, "enRetard" DESC, echeance ASC NULLS LAST, "etapeDepuis" ASC, id ASC`,
  echeance: `echeance ASC NULLS LAST, "etapeDepuis" ASC, id ASC`,
  recent: `"etapeDepuis" DESC, id DESC`,
};

describe('Listes de parcours par curseur', () => {
  let s: Stack;
  let a: Awaited<ReturnType<typeof nouvelleEquipe>>;
  let b: Awaited<ReturnType<typeof nouvelleEquipe>>;
  const crees: string[] = [];

  const inserer = async (equipe: typeof a, lignes: Cles[]) => {
    const ids = lignes.map(() => ({ parcours: randomUUID(), usager: randomUUID() }));
    await s.db.usager.createMany({ data: ids.map((i) => ({ id: i.usager, nom: 'Curseur', prenom: 'Essai' })) });
    await s.db.parcours.createMany({
      data: lignes.map((l, k) => ({
        ...l,
        id: ids[k]!.parcours,
        workflowId: `curseur-${ids[k]!.parcours}`,
        usagerId: ids[k]!.usager,
        departement: 'loiret',
        etape: 'evaluation',
        statut: 'actif',
        besoins: ['logement'],
        territoireId: equipe.territoireId,
        equipeId: equipe.equipeId,
        ouvertLe: new Date(T0 - 10 * JOUR),
        version: 1,
      })),
    });
    crees.push(...ids.map((i) => i.parcours));
    return ids.map((i) => i.parcours);
  };
  const ordreComplet = async (territoireId: string, tri: Tri) =>
    (
      await s.db.$queryRawUnsafe<Array<{ id: string }>>(
        `SELECT id::text FROM "Parcours" WHERE "territoireId" = $1 ORDER BY ${ORDRE[tri]}`,
        territoireId,
      )
    ).map((r) => r.id);
  const page = (agent: string, query: Record<string, string | number>) =>
    request(s.app).get('/parcours').set(comme(agent)).query(query);

  beforeAll(async () => {
    s = await startStack({ sansWorker: true });
    a = await nouvelleEquipe(s.db);
    b = await nouvelleEquipe(s.db);
    await inserer(a, fc.sample(cles, { numRuns: 30, seed: 7 }));
    await inserer(b, fc.sample(cles, { numRuns: 12, seed: 8 }));
  });
  afterAll(async () => {
    await s.db.parcours.deleteMany({ where: { id: { in: crees } } });
    await s.stop();
  });

  it('parcourt la liste sans trou ni doublon pendant que des parcours arrivent entre deux pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Tri>('urgence', 'echeance', 'recent'),
        fc.array(fc.record({ taille: fc.integer({ min: 1, max: 7 }), arrivees: fc.array(cles, { maxLength: 3 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (tri, pas) => {
          const initiaux = new Set(await ordreComplet(a.territoireId, tri));
          const vus: string[] = [];
          // Each arrival with the last row shown before it: it must be shown if it sorts after that row.
          const arrivees: Array<{ id: string; apres: string | undefined }> = [];
          let apres: string | undefined;
          for (let i = 0; ; i++) {
            const { taille, arrivees: nouvelles } = pas[i % pas.length]!;
            const r = await page(a.agents.cadre, { tri, limit: taille, ...(apres ? { apres } : {}) });
            expect(r.status).toBe(200);
            vus.push(...(r.body.items as Array<{ id: string }>).map((p) => p.id));
            if (!r.body.suivant) break;
            apres = r.body.suivant as string;
            for (const id of await inserer(a, nouvelles)) arrivees.push({ id, apres: vus.at(-1) });
          }
          const final = await ordreComplet(a.territoireId, tri);
          const rang = new Map(final.map((id, k) => [id, k]));
          expect(new Set(vus).size).toBe(vus.length);
          // In the list's order, each initial row once, each arrival after the cursor at its arrival.
          expect(vus.map((id) => rang.get(id)!)).toEqual([...vus.map((id) => rang.get(id)!)].sort((x, y) => x - y));
          for (const id of initiaux) expect(vus).toContain(id);
          for (const x of arrivees)
            if (x.apres === undefined || rang.get(x.id)! > rang.get(x.apres)!) expect(vus).toContain(x.id);
          // The next run starts from the same 30 rows: the walk stays short.
          await s.db.parcours.deleteMany({ where: { id: { in: arrivees.map((x) => x.id) } } });
        },
      ),
      { numRuns: 12 },
    );
  });

  it('refuse un curseur mal formé, d’un autre tri, ou avec offset (400, en français)', async () => {
    const premiere = await page(a.agents.cadre, { tri: 'recent', limit: 2 });
    const recent = premiere.body.suivant as string;
    expect(recent).toEqual(expect.any(String));
    const tronque = Buffer.from(JSON.stringify({ t: 'urgence', k: [true] })).toString('base64url');
    const date = Buffer.from(JSON.stringify({ t: 'recent', k: ['2026-13-45T00:00:00.000Z', randomUUID()] })).toString(
      'base64url',
    );
    for (const query of <Array<Record<string, string>>>[
      { apres: 'pas un curseur !' },
      { apres: 'e30' }, // {}
      { apres: tronque },
      { apres: date },
      { apres: recent, tri: 'urgence' },
    ]) {
      const r = await page(a.agents.cadre, query);
      expect([r.status, r.body.erreur.champs]).toEqual([400, [{ champ: 'query.apres', message: MESSAGE_CURSEUR }]]);
    }
    const avecOffset = await page(a.agents.cadre, { tri: 'recent', apres: recent, offset: 2 });
    expect([avecOffset.status, avecOffset.body.erreur.champs[0].champ]).toEqual([400, 'query.apres']);
  });

  it('un curseur ne sort jamais du périmètre : le cadre de A ne voit pas B, même depuis la position d’une ligne de B', async () => {
    const deB = await page(b.agents.cadre, { tri: 'urgence', limit: 200 });
    const idsB = new Set((deB.body.items as Array<{ id: string }>).map((p) => p.id));
    expect(idsB.size).toBeGreaterThan(0);
    const ligneB = (await s.db.parcours.findFirstOrThrow({ where: { territoireId: b.territoireId } })) as Cles & {
      id: string;
    };
    const depuisB = encoderCurseur('urgence', [
      ligneB.urgence,
      ligneB.enRetard,
      ligneB.echeance?.toISOString() ?? null,
      ligneB.etapeDepuis.toISOString(),
      ligneB.id,
    ]);
    for (let apres: string | undefined = depuisB, n = 0; apres && n < 100; n++) {
      const r = await page(a.agents.cadre, { tri: 'urgence', limit: 5, apres });
      expect(r.status).toBe(200);
      for (const p of r.body.items as Array<{ id: string; territoireId: string }>) {
        expect(p.territoireId).toBe(a.territoireId);
        expect(idsB.has(p.id)).toBe(false);
      }
      apres = r.body.suivant ?? undefined;
    }
  });

  it('compte la liste jusqu’à 1 000 parcours, puis le dit', async () => {
    const avant = await page(b.agents.cadre, { limit: 5 });
    expect(avant.body).toMatchObject({ total: 12, totalExact: true });
    await inserer(
      b,
      Array.from({ length: 1000 }, () => ({
        urgence: false,
        enRetard: false,
        echeance: null,
        etapeDepuis: new Date(T0),
      })),
    );
    const apres = await page(b.agents.cadre, { limit: 5 });
    expect(apres.body).toMatchObject({ total: 1000, totalExact: false, suivant: expect.any(String) });
  });
});
