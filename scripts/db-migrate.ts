/** Applies the migrations to DATABASE_URL, or to the embedded database when it is not set. */
import path from 'node:path';
import { loadEnv } from '../infra/env';
import { logger } from '../infra/logger';
import { applyMigrations } from '../infra/migrations';
import { startEmbeddedPostgres } from '../infra/postgres';
import { run } from '../infra/run';

run(async () => {
  const env = loadEnv();
  if (env.DATABASE_URL) {
    applyMigrations(env.DATABASE_URL);
  } else {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(env.DATA_DIR, 'postgres'), port: env.EMBEDDED_PG_PORT, database: 'parcours', logger });
    try {
      applyMigrations(pg.url);
    } finally {
      await pg.stop();
    }
  }
  logger.info('migrations appliquées');
});
