/**
 * Per test file: a worker on its own task queue, a Temporal client, Prisma, and the Express app, all against
 * the real services started by global-setup.ts.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
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
import request from 'supertest';
import { verifierConformite } from './conformite';

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
  worker: WorkersParcours;
  /** Emails received by the file's real SMTP server. */
  courriels: MessageRecu[];
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

export function testDb(): Db {
  return createPrisma(requireEnv('TEST_DATABASE_URL'), { max: 5 });
}

export async function startStack(
  opts: { departement?: string; deps?: Partial<ActivityDeps>; auth?: ConfigAuth } = {},
): Promise<Stack> {
  installerRuntime();
  const address = requireEnv('TEST_TEMPORAL_ADDRESS');
  const db = testDb();
  const taskQueue = `test-${randomUUID()}`;
  const { courriels, mailer, stop: fermerBoite } = await boiteAuxLettres();
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const worker = await createParcoursWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    // Activities that act on other workflows (reassignment, imports) use the file's client.
    deps: { db, mailer, temporal: client, ...opts.deps },
    workflowBundle: { codePath: requireEnv('TEST_WORKFLOW_BUNDLE') },
  });
  const running = worker.run();
  const app = createApp({
    db,
    temporal: client,
    taskQueue,
    departement: opts.departement ?? 'loiret',
    logger: testLogger,
    auth: opts.auth ?? authDev,
  });
  const { ecarts } = verifierConformite(app, (await request(app).get('/openapi.json')).body);
  return {
    db,
    client,
    taskQueue,
    app,
    worker,
    courriels,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
      await fermerBoite();
      await db.$disconnect();
      if (ecarts.length)
        throw new Error(`Réponses hors du document OpenAPI (${ecarts.length}) :\n${ecarts.slice(0, 30).join('\n')}`);
    },
  };
}
