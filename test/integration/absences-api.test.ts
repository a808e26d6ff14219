/**
 * Absences through the API, on the real Temporal and PostgreSQL: bad input answered field by field in French,
 * roles, overlaps, an absence under way that lets the intérim act on the référent's parcours, and its
 * cancellation that hands them back; every change journaled.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent, nouvelleEquipe } from '../support/parcours';
import { attendre } from '../support/attendre';
import { annuaireDepuisDb } from '../../lecture/annuaire';

const JOUR = 86_400_000;
const dans = (jours: number) => new Date(Date.now() + jours * JOUR).toISOString();

describe('Absences et intérims (API)', () => {
  let s: Stack;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  let interim: string;
  let parcoursId: string;

  const api = (agent: string) => ({
    get: (chemin: string) => request(s.app).get(chemin).set(comme(agent)),
    post: (chemin: string, corps: object) => request(s.app).post(chemin).set(comme(agent)).send(corps),
    patch: (chemin: string, corps: object) => request(s.app).patch(chemin).set(comme(agent)).send(corps),
  });
  const champs = (r: request.Response) =>
    Object.fromEntries(
      (r.body.erreur?.champs ?? []).map((c: { champ: string; message: string }) => [c.champ, c.message]),
    );

  beforeAll(async () => {
    s = await startStack();
    equipe = await nouvelleEquipe(s.db);
    interim = await nouvelAgent(s.db, ['referent'], equipe.equipeId, 'interim');
    const cadre = api(equipe.agents.cadre);
    const r = await cadre.post('/parcours', {
      usager: { nom: 'Absences', prenom: 'Personne' },
      accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
      routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Test des absences' },
    });
    expect(r.status).toBe(201);
    parcoursId = r.body.id;
    const etape = async (agent: string, chemin: string, body: object) =>
      expect((await api(agent).post(`/parcours/${parcoursId}/${chemin}`, body)).status).toBe(200);
    await etape(equipe.agents.evaluateur, 'evaluation', {
      diagnostic: [{ domaine: 'logement', constat: 'c', besoinAccompagnement: true }],
      synthese: 's',
      conclusion: 'orientation',
    });
    await etape(equipe.agents.cadre, 'orientation', { decision: 'accompagnement', typeAccompagnement: 'social' });
    await etape(equipe.agents.cadre, 'referent', { referentId: equipe.referentId, accordUsager: true });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('refuse les données invalides champ par champ, en français, sans rien enregistrer', async () => {
    const cadre = api(equipe.agents.cadre);
    const base = { agentId: equipe.referentId, du: dans(30), au: dans(40), motif: 'conge' };
    const autreDepartement = `eure-${randomUUID().slice(0, 8)}`;
    await s.db.agent.create({
      data: {
        id: autreDepartement,
        departement: 'eure',
        prenom: 'Eure',
        nom: 'Agent',
        email: `${autreDepartement}@cd27.invalid`,
        roles: ['referent'],
        capacite: 10,
      },
    });
    const inactif = await nouvelAgent(s.db, ['referent'], equipe.equipeId, 'inactif');
    await s.db.agent.update({ where: { id: inactif }, data: { actif: false } });

    const cas: Array<[object, string, RegExp]> = [
      [{ ...base, du: dans(40), au: dans(30) }, 'au', /retour doit suivre/],
      [{ ...base, du: 'demain' }, 'du', /date et heure/],
      [{ ...base, motif: 'vacances' }, 'motif', /Motif attendu/],
      [{ ...base, du: dans(-10), au: dans(-2) }, 'au', /déjà finie/],
      [{ ...base, au: dans(30 + 800) }, 'au', /au plus deux ans/],
      [{ ...base, interimId: equipe.referentId }, 'interimId', /l’agent absent/],
      [{ ...base, interimId: inactif }, 'interimId', /agent actif du département/],
      [{ ...base, interimId: autreDepartement }, 'interimId', /agent actif du département/],
      [{ ...base, interimId: equipe.agents.accueil }, 'interimId', /rôle de référent/],
    ];
    for (const [corps, champ, message] of cas) {
      const r = await cadre.post('/absences', corps);
      expect({ corps, status: r.status }).toEqual({ corps, status: 400 });
      expect(champs(r)[champ]).toMatch(message);
    }
    expect(await s.db.absence.count({ where: { agentId: equipe.referentId } })).toBe(0);
    expect((await cadre.post('/absences', { ...base, agentId: 'agent-inconnu' })).status).toBe(404);
    expect((await cadre.patch(`/absences/${randomUUID()}`, { annulee: true })).status).toBe(404);
  });

  it('réserve les absences aux cadres et aux administrateurs', async () => {
    const corps = { agentId: equipe.referentId, du: dans(30), au: dans(40), motif: 'conge' };
    for (const role of ['accueil', 'evaluateur', 'referent', 'partenaire'] as const) {
      expect((await api(equipe.agents[role]).post('/absences', corps)).status).toBe(403);
      expect((await api(equipe.agents[role]).get('/absences')).status).toBe(403);
    }
    expect(await s.db.absence.count({ where: { agentId: equipe.referentId } })).toBe(0);
  });

  it('une absence en cours : l’intérim proposé voit et fait avancer le parcours ; annulée, le parcours revient', async () => {
    const cadre = api(equipe.agents.cadre);
    const proposes = await cadre.get(`/agents/${equipe.referentId}/interims`);
    expect(proposes.status).toBe(200);
    expect(proposes.body.interims[0]).toMatchObject({ agentId: interim, rang: 1, complet: false });
    // Before the absence, the other référent cannot see the parcours.
    expect((await api(interim).get(`/parcours/${parcoursId}`)).status).toBe(404);

    const r = await cadre.post('/absences', {
      agentId: equipe.referentId,
      du: new Date(Date.now() - 3_600_000).toISOString(),
      au: dans(21),
      motif: 'maladie',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ agentId: equipe.referentId, interimId: interim, motif: 'maladie' });
    const absenceId = r.body.id as string;

    // Overlapping the same agent's absence: 409, nothing more recorded.
    const chevauche = await cadre.post('/absences', {
      agentId: equipe.referentId,
      du: dans(20),
      au: dans(25),
      motif: 'formation',
    });
    expect(chevauche.status).toBe(409);
    expect(chevauche.body.erreur.code).toBe('absence_chevauchante');
    expect(await s.db.absence.count({ where: { agentId: equipe.referentId } })).toBe(1);

    await attendre(
      async () => (await s.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } })).interimId === interim,
      'l’intérim en place',
    );
    const vu = await api(interim).get(`/parcours/${parcoursId}`);
    expect(vu.status).toBe(200);
    const evenement = vu.body.evenements.find((e: { type: string }) => e.type === 'interim');
    expect(evenement).toMatchObject({ acteurNom: `cadre ${equipe.referentId.slice('referent-'.length)}` });
    expect(vu.body.actions).toContain('etablirPlan');
    expect(
      (
        await api(interim).post(`/parcours/${parcoursId}/plan`, {
          objectifs: [{ libelle: 'Logement', domaine: 'logement' }],
        })
      ).status,
    ).toBe(200);
    expect((await cadre.get('/absences')).body.absences).toEqual([
      expect.objectContaining({ id: absenceId, statut: 'en_cours', parcoursConfies: 1 }),
    ]);

    const annulee = await cadre.patch(`/absences/${absenceId}`, { annulee: true });
    expect(annulee.status).toBe(200);
    await attendre(async () => {
      const p = await s.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } });
      return p.interimId === null && p.referentId === equipe.referentId;
    }, 'le parcours rendu à sa référente');
    expect((await api(interim).get(`/parcours/${parcoursId}`)).status).toBe(404);
    const types = (await s.db.parcoursEvenement.findMany({ where: { parcoursId }, orderBy: { seq: 'asc' } })).map(
      (e) => e.type,
    );
    expect(types.slice(-3)).toEqual(['interim', 'plan', 'fin_interim']);
    expect((await cadre.patch(`/absences/${absenceId}`, { au: dans(10) })).status).toBe(409);

    const historique = await cadre.get(`/absences/${absenceId}/historique`);
    expect(historique.status).toBe(200);
    expect(
      historique.body.entrees.map((e: { action: string; apres: { statut: string } }) => [e.action, e.apres.statut]),
    ).toEqual([
      ['modification', 'annulee'],
      ['creation', 'prevue'],
    ]);
  });

  it('un évaluateur absent : les messages à l’équipe vont à son intérim pendant la période', async () => {
    const cadre = api(equipe.agents.cadre);
    const remplacant = await nouvelAgent(s.db, ['evaluateur'], equipe.equipeId, 'eval-interim');
    const annuaire = annuaireDepuisDb(s.db);
    const evaluateurs = () => annuaire({ role: 'evaluateur', equipeId: equipe.equipeId });
    expect(await evaluateurs()).toEqual([equipe.emails.evaluateur, `${remplacant}@cd45.invalid`].sort());
    const r = await cadre.post('/absences', {
      agentId: equipe.agents.evaluateur,
      interimId: remplacant,
      du: new Date(Date.now() - 60_000).toISOString(),
      au: dans(7),
      motif: 'formation',
    });
    expect(r.status).toBe(201);
    expect(await evaluateurs()).toEqual([`${remplacant}@cd45.invalid`]);
    expect((await cadre.patch(`/absences/${r.body.id}`, { annulee: true })).status).toBe(200);
    expect(await evaluateurs()).toHaveLength(2);
  });
});
