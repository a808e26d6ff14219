/**
 * The cluster project's services: a throw-away PostgreSQL holding the read model and Temporal's two databases,
 * and the Temporal server on it with its services as separate processes (frontend, two history, matching,
 * worker), as `npm run start:cluster` runs them. The server is built from its Go module when not cached yet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnv } from '../../infra/env';
import { logger } from '../../infra/logger';
import { startScratchPostgres } from '../../infra/postgres';
import { applyMigrations } from '../../infra/migrations';
import { ensureTemporalSchemas, ensureTemporalServer, startTemporalCluster } from '../../infra/temporal-cluster';
import { bundleToFile } from '../support/global-setup';

declare global {
  var __services_cluster__: Array<() => Promise<void>>;
}

/** What the test files need to kill and restart a member (test/cluster/environnement.ts passes the rest on). */
export interface ClusterDeTest {
  serverPath: string;
  configDir: string;
  logDir: string;
  membres: Array<{ nom: string; role: 'frontend' | 'history' | 'matching' | 'worker'; adresse: string; pid: number }>;
}

export default async function globalSetup(): Promise<void> {
  const env = loadEnv();
  const quiet = logger.child({}, { level: 'warn' });
  globalThis.__services_cluster__ = [];
  const [pg, binaries, bundle] = await Promise.all([
    startScratchPostgres(quiet, 'parcours_cluster'),
    ensureTemporalServer({
      serverPath: env.TEMPORAL_SERVER_PATH,
      sqlToolPath: env.TEMPORAL_SQL_TOOL_PATH,
      cacheDir: env.TOOLS_CACHE_DIR,
      logger: quiet,
    }),
    bundleToFile(),
  ]);
  globalThis.__services_cluster__.push(pg.stop);
  applyMigrations(pg.url);
  await ensureTemporalSchemas(binaries.sqlTool, pg.url, quiet);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-cluster-'));
  const logDir = path.join(dataDir, 'logs');
  const cluster = await startTemporalCluster({
    serverPath: binaries.server,
    databaseUrl: pg.url,
    dataDir,
    logDir,
    namespace: 'default',
    logger: quiet,
  });
  globalThis.__services_cluster__.push(
    () => cluster.stop(),
    () => fs.promises.rm(dataDir, { recursive: true, force: true }),
  );

  process.env.TEST_CLUSTER_DATABASE_URL = pg.url;
  process.env.TEST_CLUSTER_TEMPORAL_ADDRESS = cluster.address;
  process.env.TEST_CLUSTER_WORKFLOW_BUNDLE = bundle;
  process.env.TEST_CLUSTER = JSON.stringify({
    serverPath: binaries.server,
    configDir: cluster.configDir,
    logDir,
    membres: cluster.membres.map((m) => ({
      nom: m.nom,
      role: m.role,
      adresse: m.adresse,
      pid: m.processus.child.pid!,
    })),
  } satisfies ClusterDeTest);
}
