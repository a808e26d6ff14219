/** No parcours without an équipe that can act on it: at opening, on manual routing, on re-routing, and over the read model. */
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelleEquipe } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
import { filtreParcours, verifierEtape, type AgentConnecte } from '../../api/acces';
import { ACTIONS, TYPES_ACTION } from '../../domain/parcours/actions';
import type { Role } from '../../domain/organisation/referentiel';
import { commandeUpdate } from '../../workflows/messages';

const accueil = { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true };

describe('Pas de parcours sans équipe qui puisse agir', () => {
  let s: Stack;
  let a: Awaited<ReturnType<typeof nouvelleEquipe>>;
  let b: Awaited<ReturnType<typeof nouvelleEquipe>>;
  beforeAll(async () => {
    s = await startStack();
    await chargerReferentiel(s.db);
    [a, b] = [await nouvelleEquipe(s.db), await nouvelleEquipe(s.db)];
  });
  afterAll(async () => {
    await s.stop();
  });
  const ouvrir = (corps: object, agent = a.agents.accueil) =>
    request(s.app).post('/parcours').set(comme(agent)).send(corps);
  const agir = (id: string, chemin: string, corps: object, agent = a.agents.cadre) =>
    request(s.app).post(`/parcours/${id}/${chemin}`).set(comme(agent)).send(corps);

  it('refuse une personne sans commune ou hors du département, sans rien écrire, sauf routage manuel motivé', async () => {
    // Only these names: other suites write usagers into the same database at the same time.
    const personnes = () => s.db.usager.count({ where: { nom: { in: ['Sans', 'Hors'] } } });
    const avant = await personnes();
    const sansCommune = await ouvrir({ usager: { nom: 'Sans', prenom: 'Commune' }, accueil });
    expect([sansCommune.status, sansCommune.body.erreur.champs[0]]).toEqual([
      400,
      { champ: 'usager.communeCode', message: expect.stringMatching(/^Sans commune de résidence/) },
    ]);
    const horsDepartement = await ouvrir({ usager: { nom: 'Hors', prenom: 'Loiret', communeCode: '27229' }, accueil });
    expect(horsDepartement.body.erreur.champs[0].message).toMatch(/^Commune hors du département/);
    expect(await personnes()).toBe(avant);

    // Manual routing: an équipe of the département only.
    await s.db.territoire.create({ data: { id: `${a.territoireId}-ailleurs`, departement: 'eure', nom: 'Ailleurs' } });
    await s.db.equipe.create({
      data: { id: `${a.equipeId}-ailleurs`, territoireId: `${a.territoireId}-ailleurs`, nom: 'Ailleurs' },
    });
    const ailleurs = await ouvrir({
      usager: { nom: 'Hors', prenom: 'Loiret' },
      accueil,
      routage: { territoireId: `${a.territoireId}-ailleurs`, equipeId: `${a.equipeId}-ailleurs`, motif: 'Essai' },
    });
    expect([ailleurs.status, ailleurs.body.erreur.champs[0].champ]).toEqual([400, 'routage.equipeId']);
    const manuel = await ouvrir({
      usager: { nom: 'Sans', prenom: 'Commune' },
      accueil,
      routage: { territoireId: a.territoireId, equipeId: a.equipeId, motif: 'Sans domicile stable' },
    });
    expect([manuel.status, manuel.body.equipeId]).toEqual([201, a.equipeId]);
  });

  it('le cadre confie un parcours à une autre équipe du département ; le référent est à redésigner', async () => {
    const routage = { territoireId: a.territoireId, equipeId: a.equipeId, motif: 'Suivi par A' };
    const p = (await ouvrir({ usager: { nom: 'Reroutage', prenom: 'Essai' }, accueil, routage })).body;
    await agir(p.id, 'evaluation', {
      diagnostic: [{ domaine: 'logement', constat: 'c', besoinAccompagnement: true }],
      synthese: 's',
      conclusion: 'orientation',
    });
    await agir(p.id, 'orientation', { decision: 'accompagnement', typeAccompagnement: 'social' });
    await agir(p.id, 'referent', { referentId: a.referentId, accordUsager: true });
    expect((await agir(p.id, 'routage', { ...routage, motif: 'Même équipe' })).status).toBe(409);
    const ailleurs = await agir(p.id, 'routage', {
      territoireId: `${a.territoireId}-ailleurs`,
      equipeId: `${a.equipeId}-ailleurs`,
      motif: 'Autre département',
    });
    expect([ailleurs.status, ailleurs.body.erreur.champs[0].champ]).toEqual([400, 'equipeId']);
    expect(
      (
        await agir(
          p.id,
          'routage',
          { territoireId: b.territoireId, equipeId: b.equipeId, motif: 'x' },
          a.agents.evaluateur,
        )
      ).status,
    ).toBe(403);
    const r = await agir(p.id, 'routage', {
      territoireId: b.territoireId,
      equipeId: b.equipeId,
      motif: 'Déménagement',
    });
    expect(r.body).toMatchObject({
      equipeId: b.equipeId,
      territoireId: b.territoireId,
      etape: 'designation',
      referentId: null,
    });
    // Now B's to act on; A's cadre no longer sees it.
    expect((await request(s.app).get(`/parcours/${p.id}`).set(comme(b.agents.cadre))).status).toBe(200);
    expect((await request(s.app).get(`/parcours/${p.id}`).set(comme(a.agents.cadre))).status).toBe(404);
    expect(
      (await agir(p.id, 'referent', { referentId: a.referentId, accordUsager: true }, b.agents.cadre)).status,
    ).toBe(400);
    expect(
      (await agir(p.id, 'referent', { referentId: b.referentId, accordUsager: true }, b.agents.cadre)).status,
    ).toBe(200);
    // The workflow checks the équipe itself: a direct Update cannot route out of the département.
    await expect(
      s.client.workflow.getHandle(p.workflowId).executeUpdate(commandeUpdate('rerouter'), {
        args: [{ acteur: 'script', donnees: { territoireId: 'x', equipeId: 'y', motif: 'm' } }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'DonneesInvalides' } });
  });

  it('sur tout le modèle de lecture : chaque parcours en cours ouvert par un agent est vu d’un cadre et d’un agent de son étape', async () => {
    for (const communeCode of ['45234', '45208', '45302'])
      expect((await ouvrir({ usager: { nom: 'Auto', prenom: 'Routage', communeCode }, accueil })).status).toBe(201);
    const agents = await s.db.agent.findMany({
      where: { departement: 'loiret', actif: true },
      include: { equipe: { select: { territoireId: true } } },
    });
    const connectes: AgentConnecte[] = agents.map((x) => ({
      ...x,
      roles: x.roles as Role[],
      territoireId: x.equipe?.territoireId ?? null,
      moyen: 'dev',
    }));
    const ids = new Set(agents.map((x) => x.id));
    const parcours = (
      await s.db.parcours.findMany({
        where: { departement: 'loiret', statut: { not: 'clos' } },
        select: {
          id: true,
          etape: true,
          territoireId: true,
          referentId: true,
          structureId: true,
          evenements: { where: { seq: 1 } },
        },
      })
    ).filter((p) => ids.has(p.evenements[0]?.acteur ?? ''));
    expect(parcours.length).toBeGreaterThanOrEqual(5);
    const voient = new Map<string, AgentConnecte[]>(parcours.map((p) => [p.id, []]));
    for (const agent of connectes) {
      const vus = await s.db.parcours.findMany({
        where: { AND: [{ id: { in: parcours.map((p) => p.id) } }, filtreParcours(agent)] },
        select: { id: true },
      });
      for (const v of vus) voient.get(v.id)!.push(agent);
    }
    const orphelins = parcours.filter((p) => {
      const qui = voient.get(p.id)!;
      const actions = TYPES_ACTION.filter((t) =>
        (ACTIONS[t].quand as { etapes?: readonly string[] }).etapes?.includes(p.etape),
      );
      const agitSurEtape = (x: AgentConnecte) =>
        actions.some((t) => {
          try {
            verifierEtape(x, t, p);
            return true;
          } catch {
            return false;
          }
        });
      return !qui.some((x) => x.roles.includes('cadre')) || !qui.some(agitSurEtape);
    });
    expect(orphelins.map((p) => `${p.id} (${p.etape}, ${p.territoireId})`)).toEqual([]);
  });
});
