import fs from 'node:fs';
import path from 'node:path';
import type { Env } from './env';
import type { Logger } from './logger';
import { startEmbeddedPostgres } from './postgres';
import { ensureTemporalCli, startTemporalDevServer } from './temporal-server';
import { applyMigrations } from './migrations';
import {
  ensureTemporalSchemas,
  ensureTemporalServer,
  startTemporalCluster,
  type MembreDecrit,
} from './temporal-cluster';
import { startSmtpSink } from './smtp-sink';

export interface Services {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  /** The Temporal services' processes, in cluster mode. */
  temporalMembres?: MembreDecrit[];
  smtpUrl: string;
  stop(): Promise<void>;
}

/**
 * The external services the system needs: those named in the environment, else embedded defaults —
 * PostgreSQL in DATA_DIR/postgres, a Temporal dev server persisting to DATA_DIR/temporal.db, and a local SMTP
 * server keeping the emails in DATA_DIR/courriels/*.eml instead of relaying them.
 * Migrations are applied either way. In `cluster` mode the embedded Temporal is the production one instead: its
 * services as separate processes on PostgreSQL (infra/temporal-cluster.ts), data in DATA_DIR/temporal-cluster.
 */
export async function startServices(
  env: Env,
  logger: Logger,
  opts: { temporal: 'dev' | 'cluster' } = { temporal: 'dev' },
): Promise<Services> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => logger.warn({ err }, 'arrêt incomplet'));
  };
  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(env.DATA_DIR, 'postgres'),
        port: env.EMBEDDED_PG_PORT,
        database: 'parcours',
        logger,
      });
      stops.push(pg.stop);
      databaseUrl = pg.url;
      logger.info({ port: env.EMBEDDED_PG_PORT }, 'PostgreSQL embarqué démarré');
    }
    applyMigrations(databaseUrl);

    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | undefined;
    let temporalMembres: MembreDecrit[] | undefined;
    if (!temporalAddress && opts.temporal === 'cluster') {
      const { server, sqlTool } = await ensureTemporalServer({
        serverPath: env.TEMPORAL_SERVER_PATH,
        sqlToolPath: env.TEMPORAL_SQL_TOOL_PATH,
        cacheDir: env.TOOLS_CACHE_DIR,
        logger,
      });
      await ensureTemporalSchemas(sqlTool, databaseUrl, logger);
      const cluster = await startTemporalCluster({
        serverPath: server,
        databaseUrl,
        dataDir: path.join(env.DATA_DIR, 'temporal-cluster'),
        logDir: path.join(env.DATA_DIR, 'logs'),
        namespace: env.TEMPORAL_NAMESPACE,
        logger,
        portBase: env.EMBEDDED_TEMPORAL_PORT,
      });
      stops.push(() => cluster.stop());
      temporalAddress = cluster.address;
      temporalMembres = cluster.membres.map(({ nom, role, adresse }) => ({ nom, role, adresse }));
    } else if (!temporalAddress) {
      const cliPath = await ensureTemporalCli({
        explicitPath: env.TEMPORAL_CLI_PATH,
        cacheDir: env.TOOLS_CACHE_DIR,
        logger,
      });
      const temporal = await startTemporalDevServer({
        cliPath,
        dbFile: path.join(env.DATA_DIR, 'temporal.db'),
        port: env.EMBEDDED_TEMPORAL_PORT,
        uiPort: env.EMBEDDED_TEMPORAL_UI_PORT,
        namespace: env.TEMPORAL_NAMESPACE,
        logger,
      });
      stops.push(temporal.stop);
      temporalAddress = temporal.address;
      temporalUiUrl = temporal.uiUrl;
    }
    let smtpUrl = env.SMTP_URL;
    if (!smtpUrl) {
      const dossier = path.join(env.DATA_DIR, 'courriels');
      fs.mkdirSync(dossier, { recursive: true });
      const smtp = await startSmtpSink(
        (m) => fs.promises.writeFile(path.join(dossier, `${Date.now()}-${m.a.join(',')}.eml`), m.brut),
        0,
        (err) => logger.warn({ err }, 'SMTP local : connexion interrompue par le client'),
      );
      stops.push(smtp.stop);
      smtpUrl = smtp.url;
      logger.info({ dossier }, 'SMTP local : les courriels sont conservés, pas envoyés');
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, temporalMembres, smtpUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
