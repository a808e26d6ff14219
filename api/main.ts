/** `npm run api`: the API alone, against DATABASE_URL and TEMPORAL_ADDRESS (production topology). */
import { Client, Connection } from '@temporalio/client';
import { loadEnv, manquantes } from '../infra/env';
import { logger } from '../infra/logger';
import { createPrisma } from '../infra/prisma';
import { run } from '../infra/run';
import { connexionApi, temporalConnectionOptions } from '../infra/temporal-connection';
import { listen } from './server';

run(async () => {
  const env = loadEnv();
  const manque = manquantes(env, 'api');
  if (manque.length) {
    throw new Error(`npm run api requiert ${manque.join(', ')} (pour tout démarrer en local : npm start).`);
  }
  const db = createPrisma(env.DATABASE_URL!);
  const connection = await Connection.connect(connexionApi(temporalConnectionOptions(env, env.TEMPORAL_ADDRESS!)));
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const server = await listen(
    { db, temporal, taskQueue: env.TEMPORAL_TASK_QUEUE, departement: env.DEPARTEMENT, logger },
    env.PORT,
    env.HOST,
  );
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
  });
  await server.close();
  await connection.close();
  await db.$disconnect();
});
