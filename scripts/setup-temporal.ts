/**
 * Provides the Temporal binaries: the CLI (dev server) and the Java time-skipping test server. Both are cached
 * per user, outside the clone, keyed by version; a second run finds them at once.
 */
import { loadEnv } from '../infra/env';
import { logger } from '../infra/logger';
import { ensureTemporalCli } from '../infra/temporal-server';
import { ensureTimeSkippingServer } from '../infra/temporal-test-server';
import { run } from '../infra/run';

run(async () => {
  const env = loadEnv();
  let t = Date.now();
  const cli = await ensureTemporalCli({ explicitPath: env.TEMPORAL_CLI_PATH, cacheDir: env.TOOLS_CACHE_DIR, logger });
  logger.info({ cli, secondes: Math.round((Date.now() - t) / 1000) }, 'Temporal CLI prêt');
  t = Date.now();
  const testServer = ensureTimeSkippingServer(env.TOOLS_CACHE_DIR);
  logger.info(
    { testServer, secondes: Math.round((Date.now() - t) / 1000) },
    'serveur de test Temporal (time-skipping) prêt',
  );
});
