/**
 * `npm run setup:cluster`: what `npm run start:cluster` needs, ahead of time — the Temporal server and its SQL
 * tool (given paths, the per-user cache, else built from the Go module), and Temporal's two databases with their
 * schemas on the embedded PostgreSQL (or DATABASE_URL's server). Idempotent.
 */
import path from 'node:path';
import { loadEnv } from '../infra/env';
import { logger } from '../infra/logger';
import { startEmbeddedPostgres } from '../infra/postgres';
import { run } from '../infra/run';
import { ensureTemporalSchemas, ensureTemporalServer } from '../infra/temporal-cluster';

run(async () => {
  const env = loadEnv();
  let t = Date.now();
  const { sqlTool } = await ensureTemporalServer({
    serverPath: env.TEMPORAL_SERVER_PATH,
    sqlToolPath: env.TEMPORAL_SQL_TOOL_PATH,
    cacheDir: env.TOOLS_CACHE_DIR,
    logger,
  });
  logger.info({ secondes: Math.round((Date.now() - t) / 1000) }, 'serveur Temporal et outil SQL prêts');
  t = Date.now();
  const pg = env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(env.DATA_DIR, 'postgres'),
        port: env.EMBEDDED_PG_PORT,
        database: 'parcours',
        logger,
      });
  try {
    await ensureTemporalSchemas(sqlTool, env.DATABASE_URL ?? pg!.url, logger);
  } finally {
    await pg?.stop();
  }
  logger.info({ secondes: Math.round((Date.now() - t) / 1000) }, 'bases Temporal prêtes');
});
