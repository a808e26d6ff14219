/**
 * A parcours worker in a process of its own, that fault tests kill with SIGKILL (test/support/pannes.ts starts
 * it): the run's bundle and Temporal (TEST_* variables), the test's DATABASE_URL, SMTP_URL and TEMPORAL_TASK_QUEUE.
 */
import { Client, Connection } from '@temporalio/client';
import { createSmtpMailer } from '../../infra/mailer';
import { connexionApi } from '../../infra/temporal-connection';
import { run } from '../../infra/run';
import { PRET } from './pannes';
import { demarrerWorker, requireEnv, testDb } from './stack';

run(async () => {
  const db = testDb(requireEnv('DATABASE_URL'));
  const mailer = createSmtpMailer(requireEnv('SMTP_URL'), 'test@parcours-solidarites.invalid');
  // Activities that act on other workflows (a session's decisions on their parcours) need a client.
  const connection = await Connection.connect(connexionApi({ address: requireEnv('TEST_TEMPORAL_ADDRESS') }));
  const temporal = new Client({ connection, namespace: 'default' });
  await demarrerWorker(requireEnv('TEMPORAL_TASK_QUEUE'), { db, mailer, temporal });
  console.log(PRET);
  // Runs until the test kills it.
  await new Promise(() => undefined);
});
