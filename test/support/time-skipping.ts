/**
 * Temporal's time-skipping test server (the Java one from Maven Central): months of durable timers in
 * milliseconds. Activities are the real ones, against the real PostgreSQL and a real SMTP server.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Activities, ActivityDeps } from '../../activities';
import { createParcoursWorker } from '../../worker/worker';
import type { MessageRecu } from '../../infra/smtp-sink';
import { boiteAuxLettres, installerRuntime, requireEnv, testDb } from './stack';
import type { Db } from '../../infra/prisma';
import { startTimeSkippingServer } from '../../infra/temporal-test-server';

export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  db: Db;
  taskQueue: string;
  courriels: MessageRecu[];
  stop(): Promise<void>;
}

export async function startTimeSkipping(
  opts: { wrap?: (a: Activities) => Partial<Activities>; deps?: Partial<ActivityDeps> } = {},
): Promise<TimeSkippingStack> {
  installerRuntime();
  const env = await startTimeSkippingServer(requireEnv('TEST_TIME_SKIPPING_SERVER'));
  const db = testDb();
  const { courriels, mailer, stop: fermerBoite } = await boiteAuxLettres();
  const taskQueue = `ts-${randomUUID()}`;
  const worker = await createParcoursWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    // The client of the time-skipping server: activities that act on other workflows (absences) reach it.
    deps: { db, mailer, temporal: env.client, ...opts.deps },
    workflowBundle: { codePath: requireEnv('TEST_WORKFLOW_BUNDLE') },
    envelopper: opts.wrap,
  });
  const running = worker.run();
  return {
    env,
    db,
    taskQueue,
    courriels,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await fermerBoite();
      await db.$disconnect();
    },
  };
}
