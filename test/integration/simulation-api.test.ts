/**
 * The screen's what-if simulation through the API: a tiny run (one territoire of the Eure, six weeks) on the
 * worker, as the command line in a child process, its journal while it runs, then both scenarios stored; bad
 * input refused field by field, a second launch refused while the first runs, and who may not launch.
 */
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { connexionApi } from '../../infra/temporal-connection';
import { authDev, startStack, testLogger, type Stack } from '../support/stack';
import { chargerReferentiel } from '../../imports/referentiel';
import { comme } from '../support/parcours';
import { agentDe, optionsSimulationTest, SIMULATION_API } from '../support/simulation';
import type { SimulationEtSi } from '../../api/contrat';

const { departement, territoireId: TERRITOIRE_SIMULATION, nom } = SIMULATION_API;

const demande = {
  territoires: [TERRITOIRE_SIMULATION],
  jours: 30,
  arriveesPour1000: 30,
  partOrientes: 0.9,
  partRsa: 0.4,
  partUrgence: 0.1,
  echantillon: 0.5,
  renforts: [{ territoireId: TERRITOIRE_SIMULATION, referents: 2 }],
  graine: 3,
};

describe('Simulation « et si » lancée par l’API (workflow, activité, résultat en base)', () => {
  let s: Stack;
  let direction: string;
  let administrateur: string;
  let cadreTerritoire: string;
  let referent: string;

  beforeAll(async () => {
    s = await startStack({ departement, deps: { simulation: optionsSimulationTest() } });
    await chargerReferentiel(s.db);
    direction = await agentDe(s.db, departement, ['cadre']);
    administrateur = await agentDe(s.db, departement, ['administrateur']);
    cadreTerritoire = await agentDe(s.db, departement, ['cadre'], `${TERRITOIRE_SIMULATION}-ep`);
    referent = await agentDe(s.db, departement, ['referent'], `${TERRITOIRE_SIMULATION}-ep`);
  });
  afterAll(() => s?.stop());

  const lancer = (agent: string, corps: object) => request(s.app).post('/simulations').set(comme(agent)).send(corps);

  it('refuse des paramètres hors bornes, champ par champ, en français', async () => {
    const r = await lancer(direction, {
      ...demande,
      territoires: [],
      jours: 400,
      partRsa: 1.5,
      echantillon: 0.8,
      renforts: [{ territoireId: 'eure-inexistant', referents: 0 }],
    });
    expect(r.status).toBe(400);
    const champs = Object.fromEntries(
      (r.body.erreur.champs as { champ: string; message: string }[]).map((c) => [c.champ, c.message]),
    );
    expect(champs.jours).toMatch(/de 10 à 365/);
    expect(champs.partRsa).toMatch(/part de 0 à 1/);
    expect(champs['renforts.0.referents']).toMatch(/Référents ajoutés/);
    const r2 = await lancer(direction, { ...demande, territoires: [], echantillon: 0.8 });
    expect(r2.status).toBe(400);
    expect(r2.body.erreur.champs).toEqual([
      { champ: 'echantillon', message: expect.stringMatching(/un ou deux territoires/) },
    ]);
    const r3 = await lancer(direction, { ...demande, territoires: ['eure-inexistant'], renforts: [] });
    expect(r3.body.erreur.champs).toEqual([
      { champ: 'territoires.0', message: 'Territoire inconnu dans le département.' },
    ]);
  });

  it('réservée à la direction et aux administrateurs : 403 pour un cadre de territoire et un référent', async () => {
    expect((await lancer(cadreTerritoire, demande)).status).toBe(403);
    expect((await lancer(referent, demande)).status).toBe(403);
    expect((await request(s.app).get('/simulations').set(comme(referent))).status).toBe(403);
  });

  it('tourne sur le worker, montre son avancement, puis garde les deux scénarios côte à côte', async () => {
    // Temporal unavailable at the click: 503, its row written but no run; the same click again starts it.
    const connection = Connection.lazy(connexionApi({ address: '127.0.0.1:9', connectTimeout: 1000 }));
    const sansTemporal = createApp({
      db: s.db,
      temporal: new Client({ connection, namespace: 'default' }),
      taskQueue: s.taskQueue,
      departement,
      logger: testLogger,
      auth: authDev,
    });
    const panne = await request(sansTemporal)
      .post('/simulations')
      .set(comme(direction))
      .set('Idempotency-Key', 'simulation-api-0001')
      .send(demande);
    await connection.close();
    expect([panne.status, panne.headers['retry-after']]).toEqual([503, '5']);
    const debut = Date.now();
    const r = await lancer(direction, demande).set('Idempotency-Key', 'simulation-api-0001');
    expect(r.status).toBe(202);
    const id = (r.body as SimulationEtSi).id;
    expect(await s.db.simulation.count({ where: { departement } })).toBe(1);
    // The same click again: the same simulation, not a second one (nor a 409).
    const rejeu = await lancer(direction, demande).set('Idempotency-Key', 'simulation-api-0001');
    expect(rejeu.status).toBe(202);
    expect(rejeu.body.id).toBe(id);
    // Another launch while it runs: one at a time per département.
    const seconde = await lancer(administrateur, demande);
    expect(seconde.status).toBe(409);
    expect(seconde.body.erreur.message).toMatch(/déjà en cours/);

    let v: SimulationEtSi;
    let journalVu = false;
    for (;;) {
      const g = await request(s.app).get(`/simulations/${id}`).set(comme(administrateur));
      expect(g.status).toBe(200);
      v = g.body as SimulationEtSi;
      if (v.statut === 'en_cours' && v.journal.length) journalVu = true;
      if (!['en_attente', 'en_cours'].includes(v.statut)) break;
      if (Date.now() - debut > 180_000) throw new Error(`simulation trop longue : ${v.journal.join('\n')}`);
      await new Promise((res) => setTimeout(res, 500));
    }
    console.log(`simulation par l’API : ${Math.round((Date.now() - debut) / 1000)} s`);
    expect(v.erreur).toBeNull();
    expect(v.statut).toBe('terminee');
    expect(journalVu).toBe(true);
    expect(v.journal[0]).toMatch(/^Préparation/);
    const res = v.resultat!;
    expect(res.echelle.startsWith(`Échantillon : 50 % du volume (${nom})`)).toBe(true);
    expect(res.territoires).toEqual([{ territoireId: TERRITOIRE_SIMULATION, nom }]);
    const [a, b] = res.scenarios;
    expect(a!.nom).toBe('organisation actuelle');
    expect(b!.nom).toBe(`+2 référent(s) à ${nom}`);
    expect(a!.parcours).toBeGreaterThan(5);
    expect(b!.parcours).toBe(a!.parcours);
    for (const sc of [a!, b!]) {
      expect(sc.delaisEtapes.some((l) => l.groupe === '')).toBe(true);
      expect(sc.delaisEtapes.some((l) => l.groupe === TERRITOIRE_SIMULATION)).toBe(true);
      expect(Object.keys(sc.stock).sort()).toEqual(['', TERRITOIRE_SIMULATION]);
    }
    const liste = await request(s.app).get('/simulations').set(comme(direction));
    expect(liste.status).toBe(200);
    expect(liste.body.items[0]).toMatchObject({ id, statut: 'terminee' });
    // Another département's simulation is not found here.
    const autre = await request(s.app).get(`/simulations/${crypto.randomUUID()}`).set(comme(direction));
    expect(autre.status).toBe(404);
  }, 240_000);
});
