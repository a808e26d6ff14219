import path from 'node:path';
import { loadEnv } from '../infra/env';
import { logger } from '../infra/logger';
import { applyMigrations } from '../infra/migrations';
import { startEmbeddedPostgres } from '../infra/postgres';
import { createPrisma, type Db } from '../infra/prisma';

/**
 * Runs a data command against DATABASE_URL, or else against the embedded PostgreSQL of `npm start`
 * (started for the command: stop `npm start` first). Migrations are applied first.
 */
export async function avecBase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const pg = env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({
        dataDir: path.join(env.DATA_DIR, 'postgres'),
        port: env.EMBEDDED_PG_PORT,
        database: 'parcours',
        logger,
      });
  const url = env.DATABASE_URL ?? pg!.url;
  applyMigrations(url);
  const db = createPrisma(url);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
    await pg?.stop();
  }
}
