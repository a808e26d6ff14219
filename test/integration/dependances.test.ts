/** A dependency down (PostgreSQL, Temporal) is a 503 with Retry-After, in bounded time: never a hang, never a 500. */
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { DELAI_TEMPORAL_MS, createApp } from '../../api/app';
import { dependanceIndisponible } from '../../api/errors';
import { createPrisma } from '../../infra/prisma';
import { connexionApi } from '../../infra/temporal-connection';
import { authDev, startStack, testLogger, type Stack } from '../support/stack';
import { comme, nouvelleEquipe } from '../support/parcours';

describe('Dépendance indisponible', () => {
  let s: Stack;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  beforeAll(async () => {
    s = await startStack();
    equipe = await nouvelleEquipe(s.db);
  });
  afterAll(async () => {
    await s.stop();
  });

  it('PostgreSQL injoignable, dès la recherche de l’agent connecté : 503 avec Retry-After', async () => {
    // A real refused connection: nothing listens on that port.
    const db = createPrisma('postgresql://personne:rien@127.0.0.1:9/aucune', { max: 1 });
    const app = createApp({
      db,
      temporal: s.client,
      taskQueue: s.taskQueue,
      departement: 'loiret',
      logger: testLogger,
      auth: authDev,
    });
    const debut = Date.now();
    for (const r of [
      await request(app).get('/parcours').set(comme(equipe.agents.cadre)),
      await request(app).post('/parcours').set(comme(equipe.agents.accueil)).send({}),
    ]) {
      expect([r.status, r.headers['retry-after'], r.body.erreur.code]).toEqual([503, '5', 'indisponible']);
    }
    expect(Date.now() - debut).toBeLessThan(15_000);
    await db.$disconnect();
  });

  it('PostgreSQL trop lent pour une transaction (P2028) : indisponible, comme injoignable ; une contrainte violée ne l’est pas', async () => {
    const id = crypto.randomUUID();
    const lente = await s.db
      .$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_sleep(0.3)`;
          await tx.usager.create({ data: { id, nom: 'Lente', prenom: 'Transaction' } });
        },
        { timeout: 100 },
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((lente as { code?: string }).code).toBe('P2028');
    expect(dependanceIndisponible(lente)).toBe(true);
    expect(await s.db.usager.count({ where: { id } })).toBe(0);
    const doublon = await s.db.equipe
      .create({ data: { id: equipe.equipeId, nom: 'Doublon', territoireId: equipe.territoireId } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((doublon as { code?: string }).code).toBe('P2002');
    expect(dependanceIndisponible(doublon)).toBe(false);
  });

  it('parcours projeté dont le workflow n’a pas encore démarré (import en cours) : 503 avec Retry-After, rien n’est écrit', async () => {
    const usagerId = crypto.randomUUID();
    const id = crypto.randomUUID();
    await s.db.usager.create({ data: { id: usagerId, nom: 'Import', prenom: 'En cours' } });
    await s.db.parcours.create({
      data: {
        id,
        workflowId: `import-en-cours-${id}`,
        usagerId,
        departement: 'loiret',
        etape: 'evaluation',
        statut: 'actif',
        besoins: ['logement'],
        territoireId: equipe.territoireId,
        equipeId: equipe.equipeId,
        ouvertLe: new Date(),
        etapeDepuis: new Date(),
        version: 1,
      },
    });
    try {
      const r = await request(s.app)
        .post(`/parcours/${id}/suspension`)
        .set(comme(equipe.agents.cadre))
        .send({ motif: 'Hospitalisation' });
      expect([r.status, r.headers['retry-after'], r.body.erreur.code]).toEqual([503, '5', 'indisponible']);
      const p = await s.db.parcours.findUniqueOrThrow({ where: { id } });
      expect([p.statut, p.version]).toEqual(['actif', 1]);
    } finally {
      // No row without its workflow may outlive the test (checks over the whole data compare them).
      await s.db.parcours.delete({ where: { id } });
      await s.db.usager.delete({ where: { id: usagerId } });
    }
  });

  it('Temporal injoignable : l’action répond 503 avant le délai de l’API, rien n’est écrit', async () => {
    const ouvert = await request(s.app)
      .post('/parcours')
      .set(comme(equipe.agents.accueil))
      .send({
        usager: { nom: 'Panne', prenom: 'Temporal' },
        accueil: { besoins: [{ domaine: 'logement' }], consentement: true },
        routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Essai de panne' },
      });
    expect(ouvert.status).toBe(201);
    // Connected lazily (as if it had been up at start-up), so the time measured is the request's own.
    const connection = Connection.lazy(connexionApi({ address: '127.0.0.1:9', connectTimeout: 1000 }));
    const temporal = new Client({ connection, namespace: 'default' });
    const app = createApp({
      db: s.db,
      temporal,
      taskQueue: s.taskQueue,
      departement: 'loiret',
      logger: testLogger,
      auth: authDev,
    });
    // The deadline bounds the request's calls; the retries' back-off, capped at 0.5 s (connexionApi), adds at most that.
    const debut = Date.now();
    const r = await request(app)
      .post(`/parcours/${ouvert.body.id}/suspension`)
      .set(comme(equipe.agents.cadre))
      .send({ motif: 'Hospitalisation' });
    expect([r.status, r.headers['retry-after']]).toEqual([503, '5']);
    const duree = Date.now() - debut;
    console.log(`Temporal injoignable : 503 en ${duree} ms (délai de l’API ${DELAI_TEMPORAL_MS} ms)`);
    // Not a timing test (speed is for bench/): a guard against a hang. Printed above: ≈ 9.6–10.9 s on the shared
    // machine (the deadline, the last back-off, the client's overhead); a hang would run to jest's timeout.
    expect(duree).toBeLessThan(2 * DELAI_TEMPORAL_MS);
    expect((await s.db.parcours.findUniqueOrThrow({ where: { id: ouvert.body.id } })).statut).toBe('actif');
    await connection.close();
  });
});
