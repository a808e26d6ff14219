/** The whole lifecycle through the API, and every step refused at the wrong moment with nothing changed. */
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent, nouvelleEquipe } from '../support/parcours';
import { commandeUpdate } from '../../workflows/messages';

const usager = { nom: 'Essai-Cycle', prenom: 'Samia', communeCode: '45234', email: 'samia@exemple.invalid' };
const accueil = {
  besoins: [{ domaine: 'insertion_emploi' }, { domaine: 'logement' }],
  urgence: false,
  consentement: true,
  // Three days ago: a fixed date drifts past the RSA reminder (4 weeks after it), which then fires during the test.
  droitRsaOuvertLe: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
};
const evaluation = {
  diagnostic: [{ domaine: 'insertion_emploi', constat: 'Sans emploi depuis 2 ans', besoinAccompagnement: true }],
  synthese: 'Accompagnement socio-professionnel',
  conclusion: 'orientation',
};
const orientation = { decision: 'accompagnement', typeAccompagnement: 'socio_professionnel' };
const plan = {
  objectifs: [
    { libelle: 'Reprendre une formation', domaine: 'insertion_emploi' },
    { libelle: 'Stabiliser le logement', domaine: 'logement' },
  ],
};

describe('Cycle de vie complet d’un parcours par l’API', () => {
  let s: Stack;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  beforeAll(async () => {
    s = await startStack();
    equipe = await nouvelleEquipe(s.db);
  });
  afterAll(async () => {
    await s.stop();
  });

  const post = (id: string, chemin: string, body: unknown, agent = equipe.agents.cadre) =>
    request(s.app)
      .post(`/parcours/${id}/${chemin}`)
      .set(comme(agent))
      .send(body as object);
  const ouvrir = async () => {
    const r = await request(s.app)
      .post('/parcours')
      .set(comme(equipe.agents.accueil))
      .send({
        usager,
        accueil,
        routage: {
          territoireId: equipe.territoireId,
          equipeId: equipe.equipeId,
          motif: 'Usager suivi par cette équipe',
        },
      });
    expect(r.status).toBe(201);
    return r.body as { id: string; usagerId: string };
  };

  it('va de l’accueil à la clôture, avec réorientation, suspension et reprise', async () => {
    const { id, usagerId } = await ouvrir();
    let r = await post(id, 'evaluation', evaluation, equipe.agents.evaluateur);
    expect(r.body).toMatchObject({ etape: 'orientation' });
    // RSA clock from the opening of the right runs alongside the service target.
    expect(r.body.echeances.map((e: { code: string }) => e.code).sort()).toEqual(['orientation', 'orientationRsa']);

    r = await post(id, 'orientation', orientation, equipe.agents.cadre);
    expect(r.body).toMatchObject({ etape: 'designation', typeAccompagnement: 'socio_professionnel' });
    r = await post(id, 'referent', { referentId: equipe.referentId, accordUsager: true }, equipe.agents.cadre);
    expect(r.body).toMatchObject({ etape: 'accompagnement', referentId: equipe.referentId });
    r = await post(id, 'plan', plan, equipe.referentId);
    expect(r.body.objectifs).toHaveLength(2);
    const [o1, o2] = r.body.objectifs;
    r = await post(id, 'revues', {
      synthese: 'Formation trouvée',
      progres: [
        { objectifId: o1.id, avancement: 'en_cours' },
        { objectifId: o2.id, avancement: 'atteint' },
      ],
      issue: 'poursuite',
      prolongation: { motif: 'Raisons de santé' },
    });
    expect(r.status).toBe(200);
    const revue = r.body.echeances.find((e: { code: string }) => e.code === 'revue');
    // 12 months instead of 6 with a reason (art. L262-31 CASF).
    expect(new Date(revue.due).getTime() - new Date(revue.depuis).getTime()).toBeGreaterThan(360 * 86_400_000);

    r = await post(id, 'suspension', { motif: 'Hospitalisation' });
    expect(r.body.statut).toBe('suspendu');
    expect((await post(id, 'revues', { synthese: 'x', progres: [], issue: 'poursuite' })).status).toBe(409);
    r = await post(id, 'reprise', {});
    expect(r.body.statut).toBe('actif');

    r = await post(id, 'reorientation', { motif: 'Projet professionnel à revoir' }, equipe.referentId);
    expect(r.body.etape).toBe('orientation');
    r = await post(
      id,
      'orientation',
      { decision: 'accompagnement', typeAccompagnement: 'professionnel' },
      equipe.agents.cadre,
    );
    expect(r.body).toMatchObject({
      etape: 'accompagnement',
      referentId: equipe.referentId,
      typeAccompagnement: 'professionnel',
    });

    r = await post(id, 'cloture', { motif: 'objectifs_atteints', commentaire: 'Emploi durable' }, equipe.referentId);
    expect(r.body).toMatchObject({
      statut: 'clos',
      etape: 'cloture',
      motifCloture: 'objectifs_atteints',
      echeances: [],
    });
    expect((await post(id, 'relance', {})).status).toBe(409);

    const lu = await request(s.app).get(`/parcours/${id}`).set(comme(equipe.agents.cadre));
    expect(lu.body.evenements.map((e: { type: string }) => e.type)).toEqual([
      'accueil',
      'evaluation',
      'orientation',
      'designation_referent',
      'plan',
      'revue',
      'suspension',
      'reprise',
      'demande_reorientation',
      'orientation',
      'cloture',
    ]);
    expect(lu.body.evenements[0].donnees.routage).toMatchObject({
      mode: 'manuel',
      motif: 'Usager suivi par cette équipe',
    });
    expect(lu.body.evenements[2].acteur).toBe(equipe.agents.cadre);

    const dossier = await request(s.app).get(`/usagers/${usagerId}/dossier`).set(comme(equipe.agents.cadre));
    expect(dossier.body.usager.nom).toBe('Essai-Cycle');
    expect(dossier.body.parcours[0].evenements).toHaveLength(11);
    const trouve = await request(s.app).get('/usagers').set(comme(equipe.agents.cadre)).query({ q: 'samia essai-cy' });
    expect(trouve.body.items.map((u: { id: string }) => u.id)).toContain(usagerId);
  });

  it('clôt directement quand l’évaluation répond au besoin, ou quand l’équipe oriente ailleurs', async () => {
    const a = await ouvrir();
    const r = await post(a.id, 'evaluation', { ...evaluation, conclusion: 'repondu' });
    expect(r.body).toMatchObject({ statut: 'clos', motifCloture: 'reponse_immediate' });
    const b = await ouvrir();
    await post(b.id, 'evaluation', evaluation);
    const e = await post(b.id, 'orientation', {
      decision: 'externe',
      organismeExterne: 'France Travail',
      motif: 'Accompagnement professionnel',
    });
    expect(e.body).toMatchObject({ statut: 'clos', motifCloture: 'orientation_externe' });
  });

  it('refuse chaque action à la mauvaise étape (409) ou sur données invalides (400), sans rien changer', async () => {
    const { id } = await ouvrir();
    const etatAvant = async () => {
      const p = await s.db.parcours.findUniqueOrThrow({ where: { id } });
      return {
        version: p.version,
        etape: p.etape,
        statut: p.statut,
        evenements: await s.db.parcoursEvenement.count({ where: { parcoursId: id } }),
      };
    };
    const refus: Array<[string, unknown]> = [
      ['orientation', orientation],
      ['referent', { referentId: 'x', accordUsager: true }],
      ['plan', plan],
      ['revues', { synthese: 's', progres: [], issue: 'poursuite' }],
      ['reorientation', { motif: 'm' }],
      ['reprise', {}],
      ['referent/changement', { referentId: 'y', motif: 'm' }],
    ];
    const avant = await etatAvant();
    for (const [chemin, body] of refus) {
      const r = await post(id, chemin, body);
      expect({ chemin, status: r.status, code: r.body.erreur?.code }).toEqual({
        chemin,
        status: 409,
        code: 'etape_invalide',
      });
    }
    const invalides: Array<[string, unknown, string]> = [
      ['evaluation', { ...evaluation, conclusion: 'peut-etre' }, 'conclusion'],
      ['evaluation', { ...evaluation, diagnostic: [] }, 'diagnostic'],
      ['suspension', {}, 'motif'],
      ['cloture', { motif: 'lassitude' }, 'motif'],
      ['rendez-vous', { le: 'demain', lieu: 'MDS', objet: 'x' }, 'le'],
    ];
    for (const [chemin, body, champ] of invalides) {
      const r = await post(id, chemin, body);
      expect(r.status).toBe(400);
      expect(r.body.erreur.champs.map((c: { champ: string }) => c.champ)).toContain(champ);
    }
    expect(await etatAvant()).toEqual(avant);

    // Accompaniment-stage rules: revue before the plan, unknown objective, referent agreement.
    await post(id, 'evaluation', evaluation);
    await post(id, 'orientation', orientation);
    expect((await post(id, 'referent', { referentId: equipe.referentId, accordUsager: false })).status).toBe(400);
    await post(id, 'referent', { referentId: equipe.referentId, accordUsager: true });
    const avantPlan = await etatAvant();
    const r = await post(id, 'revues', { synthese: 's', progres: [], issue: 'poursuite' });
    expect(r.status).toBe(409);
    expect(r.body.erreur.message).toMatch(/plan/);
    await post(id, 'plan', plan);
    const inconnu = await post(id, 'revues', {
      synthese: 's',
      progres: [{ objectifId: 'obj-999', avancement: 'atteint' }],
      issue: 'poursuite',
    });
    expect(inconnu.status).toBe(409);
    expect((await post(id, 'referent/changement', { referentId: equipe.referentId, motif: 'm' })).status).toBe(409);
    expect((await etatAvant()).version).toBe(avantPlan.version + 1);
  });

  it('n’accepte comme référent qu’un référent actif de l’équipe du parcours, même par un Update direct', async () => {
    const { id } = await ouvrir();
    await post(id, 'evaluation', evaluation);
    await post(id, 'orientation', orientation);
    const autre = await nouvelleEquipe(s.db);
    const inactif = await nouvelAgent(s.db, ['referent'], equipe.equipeId, 'referent-parti');
    await s.db.agent.update({ where: { id: inactif }, data: { actif: false } });
    const version = async () => (await s.db.parcours.findUniqueOrThrow({ where: { id } })).version;
    const avant = await version();
    for (const referentId of ['inconnu-0000', equipe.agents.accueil, equipe.agents.cadre, autre.referentId, inactif]) {
      const r = await post(id, 'referent', { referentId, accordUsager: true });
      expect({ referentId, status: r.status, champs: r.body.erreur?.champs }).toEqual({
        referentId,
        status: 400,
        champs: [{ champ: 'referentId', message: expect.stringMatching(/référent actif de l’équipe/) }],
      });
    }
    // The API is not the guard: the workflow refuses whoever calls its Update.
    const { workflowId } = await s.db.parcours.findUniqueOrThrow({ where: { id } });
    await expect(
      s.client.workflow.getHandle(workflowId).executeUpdate(commandeUpdate('designerReferent'), {
        args: [{ acteur: 'script', donnees: { referentId: autre.referentId, accordUsager: true } }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'DonneesInvalides' } });
    expect(await version()).toBe(avant);
    expect((await post(id, 'referent', { referentId: equipe.referentId, accordUsager: true })).status).toBe(200);
    const change = await post(id, 'referent/changement', { referentId: autre.referentId, motif: 'm' });
    expect(change.status).toBe(400);
    const second = await nouvelAgent(s.db, ['referent'], equipe.equipeId, 'referent-bis');
    const ok = await post(id, 'referent/changement', { referentId: second, motif: 'Congé' });
    expect([ok.status, ok.body.referentId]).toEqual([200, second]);
  });

  it('répond 404 à une action sur un parcours inconnu', async () => {
    expect((await post('6f1c1d2b-5c1e-4c52-9d3a-0f4e2a7d9c11', 'evaluation', evaluation)).status).toBe(404);
  });

  it('liste les parcours par filtres, en retard d’abord', async () => {
    const { id } = await ouvrir();
    await s.db.parcours.update({ where: { id }, data: { enRetard: true } });
    const r = await request(s.app)
      .get('/parcours')
      .set(comme(equipe.agents.cadre))
      .query({ equipeId: equipe.equipeId, statut: 'actif' });
    expect(r.status).toBe(200);
    expect(r.body.items[0].id).toBe(id);
    expect(
      r.body.items.every(
        (p: { equipeId: string; statut: string }) => p.equipeId === equipe.equipeId && p.statut === 'actif',
      ),
    ).toBe(true);
    const enRetard = await request(s.app)
      .get('/parcours')
      .set(comme(equipe.agents.cadre))
      .query({ equipeId: equipe.equipeId, enRetard: 'true' });
    expect(enRetard.body.total).toBe(1);
    expect(
      (await request(s.app).get('/parcours').set(comme(equipe.agents.cadre)).query({ etape: 'nulle-part' })).status,
    ).toBe(400);
  });
});
