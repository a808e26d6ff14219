/** `npm run worker`: the worker alone, against DATABASE_URL and TEMPORAL_ADDRESS (production topology). */
import { NativeConnection } from '@temporalio/worker';
import { loadEnv } from '../infra/env';
import { logger } from '../infra/logger';
import { createPrisma } from '../infra/prisma';
import { run } from '../infra/run';
import { createParcoursWorker } from './worker';

run(async () => {
  const env = loadEnv();
  if (!env.DATABASE_URL || !env.TEMPORAL_ADDRESS) {
    throw new Error('npm run worker requiert DATABASE_URL et TEMPORAL_ADDRESS (pour tout démarrer en local : npm start).');
  }
  const db = createPrisma(env.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createParcoursWorker({ connection, namespace: env.TEMPORAL_NAMESPACE, taskQueue: env.TEMPORAL_TASK_QUEUE, deps: { db } });
  logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE }, 'worker démarré');
  // Worker.run() handles SIGINT/SIGTERM itself: it drains in-flight tasks, then resolves.
  await worker.run();
  await connection.close();
  await db.$disconnect();
});
