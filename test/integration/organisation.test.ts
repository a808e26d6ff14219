import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
import { routerUsager } from '../../lecture/routage';
import { couverture } from '../../domain/organisation/proximite';

describe('Organisation sur la géographie réelle (Eure, Loiret)', () => {
  let s: Stack;
  /** A cadre of the direction (no équipe): the whole département is in scope. */
  let direction: string;
  beforeAll(async () => {
    s = await startStack({ departement: 'loiret' });
    direction = await nouvelAgent(s.db, ['cadre'], null, 'cadre-direction');
    await chargerReferentiel(s.db);
    // Twice: the imports are idempotent.
    await chargerReferentiel(s.db);
  });
  afterAll(async () => {
    await s.stop();
  });

  it('importe les 910 communes, leurs anciens codes et les 55 France services', async () => {
    expect(await s.db.commune.count({ where: { departement: { in: ['27', '45'] } } })).toBe(910);
    expect(await s.db.lieuAccueil.count({ where: { type: 'france_services' } })).toBe(55);
    expect(await s.db.communeAncienCode.count()).toBeGreaterThan(100);
  });

  it.each([
    ['eure', '27', 585, 12],
    ['loiret', '45', 325, 19],
  ])('route chaque commune (%s) vers exactement un territoire du département', async (dept, code, n, territoires) => {
    const communes = await s.db.commune.findMany({ where: { departement: code }, select: { code: true } });
    expect(communes).toHaveLength(n);
    const autre = dept === 'eure' ? 'loiret' : 'eure';
    const parTerritoire = new Map<string, number>();
    for (const c of communes) {
      const r = await routerUsager(s.db, dept, c.code);
      expect(r?.territoireId).toMatch(new RegExp(`^${dept}-`));
      expect(r!.equipeId).toBe(`${r!.territoireId}-ep`);
      expect(await routerUsager(s.db, autre, c.code)).toBeNull();
      parTerritoire.set(r!.territoireId, (parTerritoire.get(r!.territoireId) ?? 0) + 1);
    }
    expect(parTerritoire.size).toBe(territoires);
    expect([...parTerritoire.values()].reduce((a, b) => a + b, 0)).toBe(n);
    console.log(
      `${dept} : ${n} communes routées vers ${territoires} territoires`,
      Object.fromEntries([...parTerritoire].sort()),
    );
  });

  it('résout les anciens codes et les communes déléguées vers la commune actuelle', async () => {
    // 27461 (merged into Acquigny 27003), 27007 Ajou (déléguée of Mesnil-en-Ouche 27049).
    expect(await routerUsager(s.db, 'eure', '27461')).toEqual(await routerUsager(s.db, 'eure', '27003'));
    expect(await routerUsager(s.db, 'eure', '27007')).toEqual(await routerUsager(s.db, 'eure', '27049'));
    expect(await routerUsager(s.db, 'eure', '27007')).not.toBeNull();
    expect(await routerUsager(s.db, 'loiret', '99999')).toBeNull();
    const r = await request(s.app).get('/communes/45234/routage').set(comme(direction));
    expect(r.body).toEqual({ communeCode: '45234', territoireId: 'loiret-t01', equipeId: 'loiret-t01-ep' });
    expect((await request(s.app).get('/communes/27229/routage').set(comme(direction))).status).toBe(404);
  });

  it('décrit l’organisation du Loiret : 4 agences, 19 territoires, une équipe chacun', async () => {
    const r = await request(s.app).get('/organisation').set(comme(direction));
    expect(r.status).toBe(200);
    expect(r.body.agences).toHaveLength(4);
    // Other test files add équipes of their own to the département (manual routing stays within it).
    const importes = r.body.territoires.filter((t: { id: string }) => t.id.startsWith('loiret-t'));
    expect(importes).toHaveLength(19);
    expect(importes.reduce((n: number, t: { communes: number }) => n + t.communes, 0)).toBe(325);
    expect(importes.every((t: { equipes: unknown[] }) => t.equipes.length === 1)).toBe(true);
  });

  it('donne les lieux d’accueil les plus proches d’une commune', async () => {
    const r = await request(s.app).get('/communes/45155/lieux-accueil?n=3').set(comme(direction));
    expect(r.status).toBe(200);
    expect(r.body.commune).toEqual({ code: '45155', nom: 'Gien' });
    const d = r.body.lieux.map((l: { distanceKm: number }) => l.distanceKm);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(r.body.lieux[0]).toMatchObject({
      communeCode: '45155',
      horaires: expect.objectContaining({ lundi: expect.any(String) }),
    });
    expect((await request(s.app).get('/communes/00000/lieux-accueil').set(comme(direction))).status).toBe(404);
  });

  it('couverture du Loiret à 20 km : communes hors de portée et pire distance', async () => {
    const r = await request(s.app).get('/couverture').set(comme(direction));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ departement: 'loiret', limiteKm: 20, communes: 325 });
    expect(r.body.horsPortee).toBe(r.body.communesHorsPortee.length);
    expect(r.body.pireDistanceKm).toBeLessThanOrEqual(20);
    expect(r.body.horsPortee).toBe(0);

    // A stricter limit shows the report's content: farthest first, each beyond the limit, the worst on top.
    const strict = await request(s.app).get('/couverture?limiteKm=10').set(comme(direction));
    const d10 = strict.body.communesHorsPortee.map((c: { distanceKm: number }) => c.distanceKm);
    expect(d10.length).toBeGreaterThan(0);
    expect(d10).toEqual([...d10].sort((a, b) => b - a));
    expect(d10.every((d: number) => d > 10)).toBe(true);
    expect(d10[0]).toBe(r.body.pireDistanceKm);

    // The same report against the France services alone (public data, no seed sites).
    const communes = await s.db.commune.findMany({ where: { departement: '45' } });
    const fs45 = await s.db.lieuAccueil.findMany({ where: { type: 'france_services' } });
    const seulesFs = couverture(
      communes.map((c) => ({ code: c.code, nom: c.nom, lat: c.latitude, lng: c.longitude })),
      fs45.map((l) => ({ id: l.id, lat: l.latitude, lng: l.longitude })),
      20,
    );
    console.log(
      [
        `Couverture Loiret à 20 km, tous lieux d'accueil (${r.body.lieuxAccueil}) : ${r.body.horsPortee} communes hors de portée, pire distance ${r.body.pireDistanceKm} km`,
        `  à 10 km : ${strict.body.horsPortee} communes hors de portée, dont ${strict.body.communesHorsPortee
          .slice(0, 3)
          .map(
            (c: { nom: string; distanceKm: number; lieuLePlusProche: { nom: string } }) =>
              `${c.nom} (${c.distanceKm} km de ${c.lieuLePlusProche.nom})`,
          )
          .join(', ')}`,
        `Couverture Loiret à 20 km, France services seules (${fs45.length}) : ${seulesFs.horsPortee.length} communes hors de portée, pire distance ${seulesFs.pireDistanceKm?.toFixed(1)} km`,
      ].join('\n'),
    );
    expect(seulesFs.horsPortee.length).toBeGreaterThanOrEqual(r.body.horsPortee);

    const large = await request(s.app).get('/couverture?limiteKm=60').set(comme(direction));
    expect(large.body.horsPortee).toBe(0);
  });

  describe('proposition de référent', () => {
    const equipeId = 'loiret-t06-ep';
    const [ref1, ref2, ref3] = ['ref1', 'ref2', 'ref3'].map((r) => `${equipeId}-${r}`) as [string, string, string];

    async function parcoursDe(referentId: string, statut = 'actif', usagerId?: string) {
      const u = usagerId ?? randomUUID();
      if (!usagerId) await s.db.usager.create({ data: { id: u, nom: 'Test', prenom: 'Référent' } });
      const id = randomUUID();
      const now = new Date();
      await s.db.parcours.create({
        data: {
          id,
          workflowId: `parcours-${id}`,
          usagerId: u,
          departement: 'loiret',
          etape: statut === 'clos' ? 'cloture' : 'accompagnement',
          statut,
          besoins: ['logement'],
          equipeId,
          territoireId: 'loiret-t06',
          referentId,
          etapeDepuis: now,
          ouvertLe: now,
          version: 1,
        },
      });
      return u;
    }

    it('classe par charge, puis continuité, signale la capacité atteinte, et exige un motif pour déroger', async () => {
      await parcoursDe(ref1);
      await parcoursDe(ref1);
      await parcoursDe(ref2);
      await parcoursDe(ref3, 'clos'); // closed: not counted
      const p = await request(s.app).get(`/equipes/${equipeId}/referents`).set(comme(direction));
      expect(p.status).toBe(200);
      expect(p.body.map((x: { agentId: string; charge: number }) => [x.agentId, x.charge])).toEqual([
        [ref3, 0],
        [ref2, 1],
        [ref1, 2],
      ]);

      // Continuity: an usager once followed by ref1 gets ref1 first.
      const usagerId = await parcoursDe(ref1, 'clos');
      const c = await request(s.app).get(`/equipes/${equipeId}/referents?usagerId=${usagerId}`).set(comme(direction));
      expect(c.body[0]).toMatchObject({ agentId: ref1, continuite: true, rang: 1 });

      // Capacity full: ref3 at its capacity goes last, flagged.
      await s.db.agent.update({ where: { id: ref3 }, data: { capacite: 0 } });
      try {
        const f = await request(s.app).get(`/equipes/${equipeId}/referents`).set(comme(direction));
        expect(f.body.at(-1)).toMatchObject({ agentId: ref3, complet: true });
        expect(f.body[0].agentId).toBe(ref2);
      } finally {
        await s.db.agent.update({ where: { id: ref3 }, data: { capacite: 40 } });
      }

      // Override by a cadre: another référent than the first needs a reason.
      const sansMotif = await request(s.app)
        .post(`/equipes/${equipeId}/referents/choix`)
        .set(comme(direction))
        .send({ agentId: ref1 });
      expect(sansMotif.status).toBe(400);
      expect(sansMotif.body.erreur.code).toBe('motif_requis');
      const avecMotif = await request(s.app)
        .post(`/equipes/${equipeId}/referents/choix`)
        .set(comme(direction))
        .send({ agentId: ref1, motif: 'Connaît déjà la famille' });
      expect(avecMotif.body).toEqual({ referentId: ref1, derogation: true, motif: 'Connaît déjà la famille' });
      expect(
        (await request(s.app).post(`/equipes/${equipeId}/referents/choix`).set(comme(direction)).send({})).body,
      ).toMatchObject({ referentId: ref3, derogation: false });
      expect((await request(s.app).get('/equipes/eure-evreux-ep/referents').set(comme(direction))).status).toBe(404);
    });
  });
});
