import { MESSAGE_TEXTE } from '../../domain/validation';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
import { routerUsager } from '../../lecture/routage';

const accueil = {
  besoins: [{ domaine: 'logement' }, { domaine: 'insertion_emploi', precision: 'RSA ouvert' }],
  urgence: false,
  consentement: true,
};
const usager = { nom: 'Durand', prenom: 'Nadia', communeCode: '45234' };

describe('Ouverture d’un parcours (API → Temporal → PostgreSQL)', () => {
  let s: Stack;
  let agentAccueil: string;
  let direction: string;
  beforeAll(async () => {
    s = await startStack();
    await chargerReferentiel(s.db); // the communes route to équipes: no parcours opens without one
    agentAccueil = await nouvelAgent(s.db, ['accueil'], null, 'agent-accueil');
    direction = await nouvelAgent(s.db, ['cadre'], null, 'cadre-direction');
  });
  afterAll(async () => {
    await s.stop();
  });

  it('crée l’usager, démarre le workflow, projette l’accueil et le relit depuis PostgreSQL', async () => {
    const res = await request(s.app).post('/parcours').set(comme(agentAccueil)).send({ usager, accueil });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ etape: 'evaluation', statut: 'actif', besoins: ['logement', 'insertion_emploi'] });

    const desc = await s.client.workflow.getHandle(res.body.workflowId).describe();
    expect(desc.status.name).toBe('RUNNING');

    const lu = await request(s.app).get(`/parcours/${res.body.id}`).set(comme(agentAccueil));
    expect(lu.status).toBe(200);
    expect(lu.body.etape).toBe('evaluation');
    expect(lu.body.evenements).toEqual([
      expect.objectContaining({
        seq: 1,
        type: 'accueil',
        acteur: agentAccueil,
        donnees: expect.objectContaining({ urgence: false }),
      }),
    ]);
    const u = await request(s.app).get(`/usagers/${res.body.usagerId}`).set(comme(agentAccueil));
    expect(u.body).toMatchObject({ nom: 'Durand', prenom: 'Nadia', communeCode: '45234' });
  });

  it('route automatiquement vers le territoire et l’équipe de la commune, ou selon le choix motivé de l’agent', async () => {
    await chargerReferentiel(s.db);
    const attendu = await routerUsager(s.db, 'loiret', '45234');
    expect(attendu).not.toBeNull();
    const auto = await request(s.app).post('/parcours').set(comme(direction)).send({ usager, accueil });
    expect(auto.body).toMatchObject({ territoireId: attendu!.territoireId, equipeId: attendu!.equipeId });
    const manuel = await request(s.app)
      .post('/parcours')
      .set(comme(direction))
      .send({
        usager,
        accueil,
        routage: { territoireId: 'loiret-t02', equipeId: 'loiret-t02-ep', motif: 'Suivi historique à Montargis' },
      });
    expect(manuel.body).toMatchObject({ territoireId: 'loiret-t02', equipeId: 'loiret-t02-ep' });
    const lu = await request(s.app).get(`/parcours/${manuel.body.id}`).set(comme(direction));
    expect(lu.body.evenements[0].donnees.routage).toEqual({
      territoireId: 'loiret-t02',
      equipeId: 'loiret-t02-ep',
      mode: 'manuel',
      motif: 'Suivi historique à Montargis',
    });
    expect(
      (
        await request(s.app)
          .post('/parcours')
          .set(comme(direction))
          .send({ usager, accueil, routage: { territoireId: 'x', equipeId: 'y', motif: ' ' } })
      ).status,
    ).toBe(400);
    const inconnue = await request(s.app)
      .post('/parcours')
      .set(comme(direction))
      .send({ usager, accueil, routage: { territoireId: 'loiret-t01', equipeId: 'loiret-t02-ep', motif: 'm' } });
    expect(inconnue.body.erreur.champs).toEqual([
      {
        champ: 'routage.equipeId',
        message: 'Cette équipe n’existe pas dans ce territoire du département, ou elle est désactivée.',
      },
    ]);
  });

  it('rejoue une requête de même Idempotency-Key sans rien créer de plus', async () => {
    const key = `cle-${Date.now()}`;
    const a = await request(s.app)
      .post('/parcours')
      .set(comme(direction))
      .set('Idempotency-Key', key)
      .send({ usager, accueil });
    const b = await request(s.app)
      .post('/parcours')
      .set(comme(direction))
      .set('Idempotency-Key', key)
      .send({ usager, accueil });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(await s.db.parcoursEvenement.count({ where: { parcoursId: a.body.id } })).toBe(1);
    expect(await s.db.usager.count({ where: { id: a.body.usagerId } })).toBe(1);
  });

  it('une même Idempotency-Key envoyée en parallèle : un seul parcours, la même réponse, jamais 500', async () => {
    const key = `parallele-${Date.now()}`;
    const reponses = await Promise.all(
      Array.from({ length: 8 }, () =>
        request(s.app).post('/parcours').set(comme(direction)).set('Idempotency-Key', key).send({ usager, accueil }),
      ),
    );
    expect(reponses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(reponses.map((r) => (r.body as { id: string }).id)).size).toBe(1);
    expect(await s.db.parcoursEvenement.count({ where: { parcoursId: reponses[0]!.body.id } })).toBe(1);
  });

  it('rejoue une clôture après la fin du workflow : la première réponse ; la clé est celle de l’agent', async () => {
    const ouvert = await request(s.app).post('/parcours').set(comme(direction)).send({ usager, accueil });
    const clore = (agent: string, cle: string) =>
      request(s.app)
        .post(`/parcours/${ouvert.body.id}/cloture`)
        .set(comme(agent))
        .set('Idempotency-Key', cle)
        .send({ motif: 'demenagement' });
    const premiere = await clore(direction, 'cloture-0001');
    expect([premiere.status, premiere.body.statut]).toEqual([200, 'clos']);
    await s.client.workflow.getHandle(ouvert.body.workflowId).result();
    const rejouee = await clore(direction, 'cloture-0001');
    expect([rejouee.status, rejouee.body]).toEqual([200, premiere.body]);
    // The same key from another agent, or another key: a new action on a closed parcours.
    const autre = await nouvelAgent(s.db, ['cadre'], null, 'autre-cadre');
    expect((await clore(autre, 'cloture-0001')).status).toBe(409);
    expect((await clore(direction, 'cloture-0002')).status).toBe(409);
  });

  it('répond 400 champ par champ, sans rien écrire', async () => {
    // Only this email: other suites write usagers into the same database at the same time.
    const personnes = () => s.db.usager.count({ where: { email: 'pas-un-mail' } });
    const before = await personnes();
    const res = await request(s.app)
      .post('/parcours')
      .set(comme(direction))
      .send({ usager: { nom: '', prenom: 'X', email: 'pas-un-mail' }, accueil: { besoins: [], consentement: false } });
    expect(res.status).toBe(400);
    const champs = res.body.erreur.champs.map((c: { champ: string }) => c.champ);
    expect(champs).toEqual(
      expect.arrayContaining(['usager.nom', 'usager.email', 'accueil.besoins', 'accueil.consentement']),
    );
    expect(await personnes()).toBe(before);
  });

  it('répond 404 pour un parcours ou un usager inconnu, 400 pour un identifiant mal formé, 400 pour un JSON illisible', async () => {
    expect(
      (await request(s.app).get('/parcours/6f1c1d2b-5c1e-4c52-9d3a-0f4e2a7d9c11').set(comme(direction))).status,
    ).toBe(404);
    expect(
      (
        await request(s.app)
          .post('/parcours')
          .set(comme(direction))
          .send({ usagerId: '6f1c1d2b-5c1e-4c52-9d3a-0f4e2a7d9c11', accueil })
      ).status,
    ).toBe(404);
    expect((await request(s.app).get('/parcours/abc').set(comme(direction))).status).toBe(400);
    // A NUL character (PostgreSQL stores none) is refused up front, in a query as in a body.
    const nul = await request(s.app).get('/usagers').set(comme(direction)).query({ q: 'ab\u0000c' });
    expect(nul.status).toBe(400);
    expect(nul.body.erreur.champs).toEqual([{ champ: 'query.q', message: MESSAGE_TEXTE }]);
    const bad = await request(s.app)
      .post('/parcours')
      .set(comme(direction))
      .set('content-type', 'application/json')
      .send('{bad');
    expect(bad.status).toBe(400);
    expect(bad.body.erreur.code).toBe('json_invalide');
  });

  it('répond 4xx, jamais 500, à toute requête illisible : chemin, jeu de caractères, compression, profondeur, méthode', async () => {
    const envoyer = (corps: string | Buffer, entetes: Record<string, string> = {}) =>
      request(s.app)
        .post('/parcours')
        .set(comme(direction))
        .set({ 'content-type': 'application/json', ...entetes })
        .send(corps);
    expect((await request(s.app).get('/parcours/%zz').set(comme(direction))).status).toBe(400);
    const latin1 = await envoyer(JSON.stringify({ usager, accueil }), {
      'content-type': 'application/json; charset=latin1',
    });
    expect([latin1.status, latin1.body.erreur.code]).toEqual([415, 'format_non_supporte']);
    expect((await envoyer(JSON.stringify({ usager, accueil }), { 'content-encoding': 'zstd-inconnu' })).status).toBe(
      415,
    );
    const profond = await envoyer('['.repeat(8000) + ']'.repeat(8000));
    expect([profond.status, profond.body.erreur.message]).toEqual([400, 'JSON trop imbriqué.']);
    // A lone surrogate or a bidi override anywhere (here in a key the schema would drop) is refused as such.
    const surrogat = await envoyer('{"usager":{"nom":"\\ud800x","prenom":"A"},"accueil":{}}');
    expect(surrogat.status).toBe(400);
    const cle = await envoyer(JSON.stringify({ usager, accueil, ['x\u202E']: 1 }));
    expect(cle.status).toBe(400);
    const rsa = await envoyer(JSON.stringify({ usager, accueil: { ...accueil, droitRsaOuvertLe: '9999-12-31' } }));
    expect(rsa.body.erreur.champs).toEqual([
      { champ: 'accueil.droitRsaOuvertLe', message: expect.stringMatching(/^Ouverture du droit RSA : entre le/) },
    ]);
    const naissance = await envoyer(JSON.stringify({ usager: { ...usager, dateNaissance: '0000-01-01' }, accueil }));
    expect([naissance.status, naissance.body.erreur.champs[0].champ]).toEqual([400, 'usager.dateNaissance']);
    const methode = await request(s.app).delete('/parcours').set(comme(direction));
    expect([methode.status, methode.headers.allow]).toEqual([405, 'POST, GET, HEAD']);
    expect(
      (await request(s.app).put('/parcours/6f1c1d2b-5c1e-4c52-9d3a-0f4e2a7d9c11').set(comme(direction))).status,
    ).toBe(405);
  });

  it('borne chaque date et chaque nombre d’une requête : 400 sur le champ, jamais 500', async () => {
    const administrateur = await nouvelAgent(s.db, ['administrateur'], null, 'administrateur');
    // Year 0 does not exist in PostgreSQL; an offset beyond 64 bits neither; a year-9999 absence is a timer.
    const journal = await request(s.app)
      .get('/audit')
      .set(comme(administrateur))
      .query({ depuis: '0000-01-01T00:00:00Z' });
    expect([journal.status, journal.body.erreur.champs[0].champ]).toEqual([400, 'query.depuis']);
    const page = await request(s.app).get('/parcours').set(comme(direction)).query({ offset: '1000000000000000' });
    expect([page.status, page.body.erreur.champs[0].champ]).toEqual([400, 'query.offset']);
    const absence = await request(s.app)
      .post('/absences')
      .set(comme(direction))
      .send({ agentId: agentAccueil, du: '9999-01-01T00:00:00Z', au: '9999-02-01T00:00:00Z', motif: 'conge' });
    expect(absence.status).toBe(400);
    expect(absence.body.erreur.champs.map((c: { champ: string }) => c.champ)).toEqual(
      expect.arrayContaining(['du', 'au']),
    );
  });

  it('rejette un second accueil sur le même parcours (409) sans rien changer', async () => {
    const res = await request(s.app).post('/parcours').set(comme(direction)).send({ usager, accueil });
    const handle = s.client.workflow.getHandle(res.body.workflowId);
    await expect(
      handle.executeUpdate('accueillir', { args: [{ acteur: 'x', donnees: accueil }] }),
    ).rejects.toMatchObject({ cause: { type: 'EtapeInvalide', message: expect.stringMatching(/déjà enregistré/) } });
    expect(await s.db.parcoursEvenement.count({ where: { parcoursId: res.body.id } })).toBe(1);
  });

  it('décrit chaque dépendance sur /health et publie /openapi.json', async () => {
    // Load balancers get a status and nothing else, without signing in; operators get the detail.
    const pret = await request(s.app).get('/health');
    expect([pret.status, pret.body]).toEqual([200, { statut: 'ok' }]);
    expect((await request(s.app).get('/health/processus')).status).toBe(200);
    expect((await request(s.app).get('/health/detail')).status).toBe(401);
    expect((await request(s.app).get('/health/detail').set(comme(direction))).status).toBe(403);
    const admin = await nouvelAgent(s.db, ['administrateur'], null, 'admin-sante');
    const h = await request(s.app).get('/health/detail').set(comme(admin));
    expect(h.status).toBe(200);
    expect(h.body.dependances).toMatchObject({
      postgresql: { ok: true },
      temporal: { ok: true },
      worker: { ok: true },
    });
    const doc = await request(s.app).get('/openapi.json').set(comme(direction));
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/parcours', '/parcours/{id}', '/usagers/{id}', '/parcours/{id}/revues']),
    );
    const docs = await request(s.app).get('/docs/').set(comme(direction)).redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
  });
});
