/**
 * Starting the embedded services on a port another process holds: a clear refusal, never a system quietly running
 * on someone else's server (the readiness probe of our Temporal would be answered by theirs).
 */
import { loadEnv } from '../../infra/env';
import { ensureTemporalCli, startTemporalDevServer } from '../../infra/temporal-server';
import { startEmbeddedPostgres } from '../../infra/postgres';
import { requireEnv, testLogger } from '../support/stack';

describe('Démarrage sur un port déjà pris', () => {
  it('refuse de démarrer Temporal embarqué sur le port d’un autre serveur Temporal, sans s’y rattacher', async () => {
    const env = loadEnv();
    const cliPath = await ensureTemporalCli({
      explicitPath: env.TEMPORAL_CLI_PATH,
      cacheDir: env.TOOLS_CACHE_DIR,
      logger: testLogger,
    });
    // The tests' own Temporal answers there: before the check, this start "succeeded" on it.
    const port = Number(requireEnv('TEST_TEMPORAL_ADDRESS').split(':')[1]);
    const debut = Date.now();
    await expect(startTemporalDevServer({ cliPath, port, namespace: 'default', logger: testLogger })).rejects.toThrow(
      `le port ${port} est déjà utilisé par un autre processus`,
    );
    expect(Date.now() - debut).toBeLessThan(5_000);
  });

  it('refuse de démarrer PostgreSQL embarqué sur le port d’un autre PostgreSQL', async () => {
    const port = Number(new URL(requireEnv('TEST_DATABASE_URL')).port);
    await expect(
      startEmbeddedPostgres({
        dataDir: `/tmp/parcours-port-pris-${process.pid}`,
        port,
        database: 'x',
        logger: testLogger,
      }),
    ).rejects.toThrow(`le port ${port} est déjà utilisé par un autre processus`);
  });
});
