/**
 * Per test file: a worker on its own task queue, a Temporal client, Prisma, and the Express app, all against
 * the real services started by global-setup.ts.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import type { Express } from 'express';
import { createPrisma, type Db } from '../../infra/prisma';
import { logger } from '../../infra/logger';
import { createParcoursWorker, type WorkersParcours } from '../../worker/worker';
import { createApp } from '../../api/app';
import type { ActivityDeps } from '../../activities';
import { createSmtpMailer } from '../../infra/mailer';
import { startSmtpSink, type MessageRecu } from '../../infra/smtp-sink';
import type { ConfigAuth } from '../../api/auth';
import { connexionApi } from '../../infra/temporal-connection';
import request from 'supertest';
import { verifierConformite } from './conformite';
import { WORKFLOWS } from '../../workflows/messages';

/** Development sign-in (POST /auth/dev, `Authorization: Dev <agentId>`): tests act as real Agent rows. */
export const authDev: ConfigAuth = {
  mode: 'dev',
  urlApplication: 'http://127.0.0.1',
  sessionSecret: 'secret-de-test-uniquement',
  sessionDureeMs: 3_600_000,
  cookieSecure: false,
  limiteConnexions: 1000,
};

export interface Stack {
  db: Db;
  client: Client;
  taskQueue: string;
  app: Express;
  /** Absent when the test runs its worker in a process of its own (`sansWorker`, worker-processus.ts). */
  worker?: WorkersParcours;
  /** Emails received by the file's real SMTP server, and its address. */
  courriels: MessageRecu[];
  smtpUrl: string;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** The Temporal runtime of the test process, once: quiet, and leaving signals to jest. */
export function installerRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  runtimeInstalled = true;
}

/** A real SMTP server for the test file, the emails it received, and a mailer pointed at it. */
export async function boiteAuxLettres() {
  const courriels: MessageRecu[] = [];
  const smtp = await startSmtpSink((m) => {
    courriels.push(m);
  });
  const mailer = createSmtpMailer(smtp.url, 'test@parcours-solidarites.invalid');
  return {
    courriels,
    mailer,
    url: smtp.url,
    async stop() {
      mailer.fermer();
      await smtp.stop();
    },
  };
}

export const testLogger = logger.child({}, { level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v)
    throw new Error(`${name} manquant : les tests d'intégration passent par jest (test/support/global-setup.ts).`);
  return v;
}

export function testDb(url = requireEnv('TEST_DATABASE_URL')): Db {
  return createPrisma(url, { max: 5 });
}

/** A parcours worker on the run's bundle, running: in the test process, or in a process of its own. */
export async function demarrerWorker(taskQueue: string, deps: ActivityDeps) {
  installerRuntime();
  const connection = await NativeConnection.connect({ address: requireEnv('TEST_TEMPORAL_ADDRESS') });
  const worker = await createParcoursWorker({
    connection,
    namespace: 'default',
    taskQueue,
    deps,
    workflowBundle: { codePath: requireEnv('TEST_WORKFLOW_BUNDLE') },
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/**
 * A file's rows outlive it in the shared database, its workflows cannot go on (no worker polls its task queue once
 * it stops): they are terminated, so that another file (the fuzzing, an administrator's list) gets a clear 404
 * rather than an Update nothing answers, and its absences recorded as cancelled.
 */
async function arreterWorkflowsDuFichier(client: Client, db: Db, taskQueue: string): Promise<void> {
  const enCours: { workflowId: string; type: string }[] = [];
  for await (const w of client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` }))
    enCours.push({ workflowId: w.workflowId, type: w.type });
  const absences = enCours
    .filter((w) => w.type === WORKFLOWS.absence)
    .map((w) => w.workflowId.replace(/^absence-/, ''));
  await db.absence.updateMany({
    where: { id: { in: absences }, statut: { in: ['prevue', 'en_cours'] } },
    data: { statut: 'annulee' },
  });
  for (let i = 0; i < enCours.length; i += 20)
    await Promise.all(
      enCours.slice(i, i + 20).map((w) =>
        client.workflow
          .getHandle(w.workflowId)
          .terminate('Fin du fichier de test')
          .catch((err: unknown) => {
            // Ended meanwhile: nothing to stop.
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          }),
      ),
    );
}

export async function startStack(
  opts: {
    departement?: string;
    deps?: Partial<ActivityDeps>;
    auth?: ConfigAuth;
    /** Another PostgreSQL than the run's (a test that restarts it). */
    databaseUrl?: string;
    /** No worker here: the test starts it elsewhere (test/support/worker-processus.ts). */
    sansWorker?: boolean;
  } = {},
): Promise<Stack> {
  installerRuntime();
  const address = requireEnv('TEST_TEMPORAL_ADDRESS');
  const db = testDb(opts.databaseUrl);
  const taskQueue = `test-${randomUUID()}`;
  const { courriels, mailer, url: smtpUrl, stop: fermerBoite } = await boiteAuxLettres();
  const connection = await Connection.connect(connexionApi({ address }));
  const client = new Client({ connection, namespace: 'default' });
  // Activities that act on other workflows (reassignment, imports) use the file's client.
  const worker = opts.sansWorker
    ? undefined
    : await demarrerWorker(taskQueue, { db, mailer, temporal: client, ...opts.deps });
  const app = createApp({
    db,
    temporal: client,
    taskQueue,
    departement: opts.departement ?? 'loiret',
    logger: testLogger,
    auth: opts.auth ?? authDev,
    // Suites open the person's page far more often than a person would (the access matrix, every role).
    limiteLiensMinute: 10_000,
  });
  const { ecarts } = verifierConformite(app, (await request(app).get('/openapi.json')).body);
  return {
    db,
    client,
    taskQueue,
    app,
    worker: worker?.worker,
    courriels,
    smtpUrl,
    async stop() {
      if (worker) await arreterWorkflowsDuFichier(client, db, taskQueue);
      await worker?.stop();
      await connection.close();
      await fermerBoite();
      await db.$disconnect();
      if (ecarts.length)
        throw new Error(`Réponses hors du document OpenAPI (${ecarts.length}) :\n${ecarts.slice(0, 30).join('\n')}`);
    },
  };
}
