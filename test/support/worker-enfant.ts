/**
 * A parcours worker in a process of its own, that fault tests kill with SIGKILL (test/support/pannes.ts starts
 * it): the run's bundle and Temporal (TEST_* variables), the test's DATABASE_URL, SMTP_URL and TEMPORAL_TASK_QUEUE.
 */
import { createSmtpMailer } from '../../infra/mailer';
import { run } from '../../infra/run';
import { PRET } from './pannes';
import { demarrerWorker, requireEnv, testDb } from './stack';

run(async () => {
  const db = testDb(requireEnv('DATABASE_URL'));
  const mailer = createSmtpMailer(requireEnv('SMTP_URL'), 'test@parcours-solidarites.invalid');
  await demarrerWorker(requireEnv('TEMPORAL_TASK_QUEUE'), { db, mailer });
  console.log(PRET);
  // Runs until the test kills it.
  await new Promise(() => undefined);
});
