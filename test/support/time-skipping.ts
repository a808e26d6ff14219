/**
 * Temporal's time-skipping test server (the Java one from Maven Central): months of durable timers in
 * milliseconds. Activities are the real ones, against the real PostgreSQL and a real SMTP server.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Activities } from '../../activities';
import { createParcoursWorker } from '../../worker/worker';
import type { MessageRecu } from '../../infra/smtp-sink';
import { boiteAuxLettres, installerRuntime, requireEnv, testDb } from './stack';
import type { Db } from '../../infra/prisma';
import { SEARCH_ATTRIBUTES } from '../../infra/temporal-server';
import { temporal } from '@temporalio/proto';

const INDEXED_KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
const INDEXED_BOOL = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL;

export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  db: Db;
  taskQueue: string;
  courriels: MessageRecu[];
  stop(): Promise<void>;
}

/** The JVM must answer within the SDK's 5 s; on a loaded two-core machine it sometimes does not: try again. */
async function demarrerServeur(essais = 5): Promise<TestWorkflowEnvironment> {
  for (let essai = 1; ; essai++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: requireEnv('TEST_TIME_SKIPPING_SERVER') } },
      });
    } catch (err) {
      if (essai >= essais) throw err;
    }
  }
}

export async function startTimeSkipping(
  opts: { wrap?: (a: Activities) => Partial<Activities> } = {},
): Promise<TimeSkippingStack> {
  installerRuntime();
  const env = await demarrerServeur();
  // The test server, like any Temporal server, must know the search attributes the workflows publish.
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(SEARCH_ATTRIBUTES).map(([n, t]) => [n, t === 'Bool' ? INDEXED_BOOL : INDEXED_KEYWORD]),
    ),
  });
  const db = testDb();
  const { courriels, mailer, stop: fermerBoite } = await boiteAuxLettres();
  const taskQueue = `ts-${randomUUID()}`;
  const worker = await createParcoursWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    deps: { db, mailer },
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
