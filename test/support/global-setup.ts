/**
 * Starts, once for the whole run, the real services the integration tests talk to: a throw-away PostgreSQL
 * (migrated) and a Temporal dev server (in memory). Also bundles the workflows once. Test files find them
 * through environment variables; each file runs its own worker on its own task queue.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { loadEnv } from '../../infra/env';
import { logger } from '../../infra/logger';
import { freePort, startScratchPostgres } from '../../infra/postgres';
import { applyMigrations } from '../../infra/migrations';
import { ensureTemporalCli, startTemporalDevServer } from '../../infra/temporal-server';
import { ensureTimeSkippingServer } from '../../infra/temporal-test-server';
import { workflowsPath } from '../../worker/worker';

declare global {
  var __services__: Array<() => Promise<void>>;
}

/** The workflows bundled once for the run, in a file the test files' workers load. */
export async function bundleToFile(): Promise<string> {
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  const bundlePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-bundle-')), 'workflows.js');
  fs.writeFileSync(bundlePath, bundle.code);
  return bundlePath;
}

export default async function globalSetup(): Promise<void> {
  const env = loadEnv();
  const quiet = logger.child({}, { level: 'warn' });
  globalThis.__services__ = [];
  const [pg, temporal, bundle] = await Promise.all([
    startScratchPostgres(quiet, 'parcours_test'),
    ensureTemporalCli({ explicitPath: env.TEMPORAL_CLI_PATH, cacheDir: env.TOOLS_CACHE_DIR, logger: quiet }).then(
      async (cliPath) =>
        startTemporalDevServer({ cliPath, port: await freePort(), namespace: 'default', logger: quiet }),
    ),
    bundleToFile(),
  ]);
  globalThis.__services__.push(pg.stop, temporal.stop);
  applyMigrations(pg.url);

  process.env.TEST_DATABASE_URL = pg.url;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundle;
  process.env.TEST_TIME_SKIPPING_SERVER = ensureTimeSkippingServer(env.TOOLS_CACHE_DIR);
}
