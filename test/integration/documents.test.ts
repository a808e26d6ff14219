import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import { attendre } from '../support/attendre';
import { chargerReferentiel } from '../../imports/referentiel';
import { chargerIdentite } from '../../config/identite';
import { binaire, piecesPdf, textePdf as texte } from '../support/pdf';

const equipeId = 'loiret-t12-ep';
const ADRESSE = 'anais.lefevre@exemple.invalid';
const agents = { cadre: `${equipeId}-cadre`, evaluateur: `${equipeId}-eval`, referent: `${equipeId}-ref1` };

describe('Documents du parcours en PDF, au nom du département', () => {
  let s: Stack;
  let parcoursId: string;
  beforeAll(async () => {
    s = await startStack();
    await chargerReferentiel(s.db);
    const r = await request(s.app)
      .post('/parcours')
      .set(comme(agents.cadre))
      .send({
        usager: { nom: 'Lefèvre', prenom: 'Anaïs', email: ADRESSE },
        accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
        routage: { territoireId: 'loiret-t12', equipeId, motif: 'Suivie par cette équipe' },
      });
    expect(r.status).toBe(201);
    parcoursId = r.body.id;
  });
  afterAll(async () => {
    await s.stop();
  });
  const agir = async (agent: string, chemin: string, corps: object) =>
    expect((await request(s.app).post(`/parcours/${parcoursId}/${chemin}`).set(comme(agent)).send(corps)).status).toBe(
      200,
    );
  const pdf = (document: string, agent = agents.cadre) =>
    request(s.app).get(`/parcours/${parcoursId}/documents/${document}`).set(comme(agent)).buffer(true).parse(binaire);

  it('refuse le contrat avant le plan (409), puis le rend avec la personne, le référent et les objectifs', async () => {
    const avant = await pdf('contrat-engagement');
    expect([avant.status, JSON.parse(String(avant.body)).erreur.message]).toEqual([
      409,
      expect.stringMatching(/plan établi/),
    ]);

    await agir(agents.evaluateur, 'evaluation', {
      diagnostic: [{ domaine: 'logement', constat: 'Logement insalubre', besoinAccompagnement: true }],
      synthese: 'Accompagnement vers un relogement',
      conclusion: 'orientation',
    });
    await agir(agents.cadre, 'orientation', { decision: 'accompagnement', typeAccompagnement: 'social' });
    await agir(agents.cadre, 'referent', { referentId: agents.referent, accordUsager: true });
    await agir(agents.referent, 'plan', {
      objectifs: [{ libelle: 'Déposer une demande de logement social', domaine: 'logement' }],
    });

    const r = await pdf('contrat-engagement', agents.referent);
    expect([r.status, r.headers['content-type']]).toEqual([200, 'application/pdf']);
    const text = texte(r.body as Buffer);
    const referent = await s.db.agent.findUniqueOrThrow({ where: { id: agents.referent } });
    for (const attendu of [
      'Département du Loiret',
      'Contrat d’engagement réciproque',
      'Anaïs Lefèvre',
      `${referent.prenom} ${referent.nom}`,
      'Déposer une demande de logement social',
    ])
      expect(text).toContain(attendu);

    const lettre = await pdf('designation-referent');
    expect(texte(lettre.body as Buffer)).toContain('est désormais votre référent de parcours');
  });

  it('envoie à la personne, par courriel, sa lettre de désignation et son contrat, en PDF au nom du département', async () => {
    // Each message once (the designation and the plan happened once each), delivered after the steps answered.
    const envoyes = await attendre(async () => {
      const n = await s.db.notification.findMany({
        where: { parcoursId, modele: { in: ['designation_referent', 'contrat_engagement'] } },
        orderBy: { modele: 'asc' },
      });
      return n.length === 2 && n.every((x) => x.statut === 'envoye') && n;
    }, 'la lettre de désignation et le contrat envoyés');
    expect(envoyes.map((n) => n.modele)).toEqual(['contrat_engagement', 'designation_referent']);
    const { signataire } = chargerIdentite('loiret');
    const referent = await s.db.agent.findUniqueOrThrow({ where: { id: agents.referent } });
    const attendus = {
      contrat_engagement: ['Contrat d’engagement réciproque', 'Déposer une demande de logement social'],
      designation_referent: ['est désormais votre référent de parcours'],
    } as Record<string, string[]>;
    for (const n of envoyes) {
      const courriel = s.courriels.find((m) => m.brut.includes(`<${n.cle}@parcours-solidarites>`))!;
      expect(courriel.a).toEqual([ADRESSE]);
      const pieces = piecesPdf(courriel.brut);
      expect(pieces).toHaveLength(1);
      const t = texte(pieces[0]!);
      for (const attendu of [
        ...attendus[n.modele]!,
        'Anaïs Lefèvre',
        `${referent.prenom} ${referent.nom}`,
        signataire.nom,
      ])
        expect(t).toContain(attendu);
    }
  });

  it('ne montre les documents qu’à qui voit tout le dossier, dans son périmètre, et journalise la lecture', async () => {
    const accueil = await nouvelAgent(s.db, ['accueil'], equipeId, 'accueil-doc');
    expect((await pdf('contrat-engagement', accueil)).status).toBe(403);
    // The restricted view is listed no document (neither the contract nor a session's letters).
    const liste = await request(s.app).get(`/parcours/${parcoursId}/documents`).set(comme(accueil));
    expect([liste.status, liste.body.items]).toEqual([200, []]);
    const complet = await request(s.app).get(`/parcours/${parcoursId}/documents`).set(comme(agents.cadre));
    expect(complet.body.items.map((d: { document: string }) => d.document)).toContain('contrat-engagement');
    expect((await pdf('contrat-engagement', 'loiret-t13-ep-cadre')).status).toBe(404);
    expect((await pdf('inconnu')).status).toBe(400);
    const journal = await s.db.auditAcces.count({
      where: { agentId: agents.referent, chemin: `/parcours/${parcoursId}/documents/contrat-engagement` },
    });
    expect(journal).toBeGreaterThan(0);
  });
});
