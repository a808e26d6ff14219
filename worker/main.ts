/** `npm run worker`: the worker alone, against DATABASE_URL and TEMPORAL_ADDRESS (production topology). */
import { NativeConnection, Runtime } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { loadEnv, manquantes, secretLien } from '../infra/env';
import { fournisseurSmsDepuis } from '../infra/sms';
import { logger } from '../infra/logger';
import { createPrisma } from '../infra/prisma';
import { createSmtpMailer } from '../infra/mailer';
import { run } from '../infra/run';
import { temporalConnectionOptions } from '../infra/temporal-connection';
import { createParcoursWorker } from './worker';
import { planifierRetention } from './planification';

run(async () => {
  const env = loadEnv();
  const manque = manquantes(env, 'worker');
  if (manque.length) {
    throw new Error(`npm run worker requiert ${manque.join(', ')} (pour tout démarrer en local : npm start).`);
  }
  // The SDK's worker metrics (task slots, latencies, sticky cache) for Prometheus, when asked for.
  if (env.WORKER_METRICS_ADDRESS) {
    Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: env.WORKER_METRICS_ADDRESS } } } });
  }
  const mailer = createSmtpMailer(env.SMTP_URL!, env.SMTP_EXPEDITEUR);
  const db = createPrisma(env.DATABASE_URL!);
  const options = temporalConnectionOptions(env, env.TEMPORAL_ADDRESS!);
  const connection = await NativeConnection.connect(options);
  // Some activities act on other workflows (bulk reassignment of référents): they need a client.
  const clientConnection = await Connection.connect(options);
  const temporal = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
  const worker = await createParcoursWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    deps: {
      db,
      mailer,
      urlApplication: env.URL_APPLICATION,
      temporal,
      sms: fournisseurSmsDepuis(env),
      secretLien: secretLien(env),
    },
    tuning: {
      cacheWorkflows: env.WORKER_CACHE_WORKFLOWS,
      tachesWorkflow: env.WORKER_TACHES_WORKFLOW,
      tachesActivite: env.WORKER_TACHES_ACTIVITE,
    },
  });
  await planifierRetention(temporal, { departement: env.DEPARTEMENT, taskQueue: env.TEMPORAL_TASK_QUEUE });
  logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, metriques: env.WORKER_METRICS_ADDRESS }, 'worker démarré');
  // Worker.run() handles SIGINT/SIGTERM itself: it drains in-flight tasks, then resolves.
  await worker.run();
  await clientConnection.close();
  await connection.close();
  mailer.fermer();
  await db.$disconnect();
});
