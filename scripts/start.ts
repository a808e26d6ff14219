/**
 * `npm start`: the whole system in one process tree — database, Temporal, worker and API. Embedded defaults
 * when DATABASE_URL / TEMPORAL_ADDRESS are not set. Ctrl-C stops everything; data stays in DATA_DIR.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadEnv, secretLien, type Env } from '../infra/env';
import { fournisseurBrevo, fournisseurSmsDepuis } from '../infra/sms';
import { demarrerFournisseurFictif } from '../infra/sms-fictif';
import { logger } from '../infra/logger';
import { createPrisma } from '../infra/prisma';
import { createSmtpMailer } from '../infra/mailer';
import { run } from '../infra/run';
import { startServices, type Services } from '../infra/services';
import { connexionApi } from '../infra/temporal-connection';
import { createParcoursWorker } from '../worker/worker';
import { planifierRetention } from '../worker/planification';
import { listen } from '../api/server';
import { amorcerReferentiel } from '../imports/referentiel';

run(async () => {
  const env = loadEnv();
  const services = await startServices(env, logger);
  // Whatever happens next, the services we started (Temporal, PostgreSQL, SMTP) are stopped: no orphans.
  try {
    await servir(env, services);
  } finally {
    await services.stop();
  }
  logger.info('arrêté');
});

/** Worker and API on top of the services, until Ctrl-C (or SIGTERM). */
async function servir(env: Env, services: Services): Promise<void> {
  const db = createPrisma(services.databaseUrl);
  const mailer = createSmtpMailer(services.smtpUrl, env.SMTP_EXPEDITEUR);
  await amorcerReferentiel(db, logger);
  // Without a real SMS provider, a local one keeps the SMS (and logs them) instead of sending them.
  const fictif = env.BREVO_API_KEY ? null : await demarrerFournisseurFictif();
  const sms = fictif
    ? fournisseurBrevo({ url: fictif.url, cleApi: fictif.cleApi, expediteur: env.SMS_EXPEDITEUR })
    : fournisseurSmsDepuis(env);
  const workerConnection = await NativeConnection.connect({ address: services.temporalAddress });
  const connection = await Connection.connect(connexionApi({ address: services.temporalAddress }));
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const worker = await createParcoursWorker({
    connection: workerConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    deps: { db, mailer, urlApplication: env.URL_APPLICATION, temporal, sms, secretLien: secretLien(env) },
  });
  // Worker.run() stops by itself on SIGINT/SIGTERM, after finishing the tasks in flight.
  const workerDone = worker.run();
  await planifierRetention(temporal, { departement: env.DEPARTEMENT, taskQueue: env.TEMPORAL_TASK_QUEUE });
  const api = await listen(
    { db, temporal, taskQueue: env.TEMPORAL_TASK_QUEUE, departement: env.DEPARTEMENT, logger },
    env.PORT,
    env.HOST,
  );
  logger.info(
    { api: api.url, temporalUi: services.temporalUiUrl },
    'Parcours Solidarités est démarré (Ctrl-C pour arrêter)',
  );

  await Promise.race([
    workerDone,
    new Promise<void>((resolve) => {
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
    }),
  ]);
  logger.info('arrêt en cours…');
  await api.close();
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await workerDone;
  await connection.close();
  await workerConnection.close();
  mailer.fermer();
  await fictif?.stop();
  await db.$disconnect();
}
