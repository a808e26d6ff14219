import request from 'supertest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';

const equipeId = 'loiret-t12-ep';
const agents = { cadre: `${equipeId}-cadre`, evaluateur: `${equipeId}-eval`, referent: `${equipeId}-ref1` };

/** The text of a PDF, as a reader's software extracts it. */
const texte = (pdf: Buffer) =>
  execFileSync(process.execPath, [path.join(__dirname, '..', 'support', 'texte-pdf.mjs')], { input: pdf }).toString();

/** Binary answers (PDF) as a Buffer. */
const binaire = (res: request.Response, fin: (err: Error | null, corps: Buffer) => void) => {
  const morceaux: Buffer[] = [];
  res.on('data', (m: Buffer) => morceaux.push(m));
  res.on('end', () => fin(null, Buffer.concat(morceaux)));
};

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
        usager: { nom: 'Lefèvre', prenom: 'Anaïs' },
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
