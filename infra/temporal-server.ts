import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import type { Logger } from './logger';
import { projectRoot } from './env';
import { exigerPortLibre } from './postgres';

/** The newest Temporal CLI tag whose go.mod has no `replace` directive, so `go install` works (environment.md). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

/** Search attributes the parcours workflows publish (no personal data: they are not encrypted). */
export const SEARCH_ATTRIBUTES = {
  ParcoursEtape: 'Keyword',
  ParcoursTerritoire: 'Keyword',
  ParcoursEnRetard: 'Bool',
} as const;

/**
 * Server settings the product relies on, for the dev server and the cluster alike. The new matcher enforces task
 * priorities (default from Temporal 1.30 on): an import's tasks pass after the agents' (PRIORITE_IMPORT).
 */
export const CONFIG_DYNAMIQUE: Record<string, boolean> = { 'matching.useNewMatcher': true };

export class TemporalCliUnavailable extends Error {}

const cachedBinary = (cacheDir: string) => path.join(cacheDir, `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
const localBinary = path.join(projectRoot, '.tools', 'bin', 'temporal');

export function usable(p: string | undefined, versionArgs = ['--version']): boolean {
  return !!p && fs.existsSync(p) && spawnSync(p, versionArgs, { stdio: 'ignore' }).status === 0;
}

/**
 * Builds Go commands from the module proxy into `gobin` (`go install`; Go's module and build caches make a second
 * build quick). Asynchronous: the caller's other start-up work goes on meanwhile. False when Go is missing or fails.
 */
export async function goInstall(packages: string[], gobin: string, logger: Logger): Promise<boolean> {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) return false;
  logger.info({ packages }, 'Construction depuis le module Go (quelques minutes, une seule fois)…');
  const child = spawn('go', ['install', ...packages], {
    env: { ...process.env, GOBIN: gobin },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return code === 0;
}

/**
 * Finds the Temporal CLI (which embeds the real dev server): a path from the environment, else the project's
 * or the per-user cached copy, else the SDK's own download, else a build from the Go module into the cache.
 */
export async function ensureTemporalCli(opts: {
  explicitPath?: string;
  cacheDir: string;
  logger: Logger;
}): Promise<string> {
  const { logger } = opts;
  if (opts.explicitPath) {
    if (usable(opts.explicitPath)) return opts.explicitPath;
    throw new TemporalCliUnavailable(
      `TEMPORAL_CLI_PATH=${opts.explicitPath} n'est pas un binaire Temporal CLI exécutable.`,
    );
  }
  const cached = cachedBinary(opts.cacheDir);
  const found = [localBinary, cached].find((p) => usable(p));
  if (found) return found;

  const downloaded = await trySdkDownload(opts.cacheDir, logger);
  if (downloaded) return downloaded;

  if (
    (await goInstall([`${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], path.dirname(cached), logger)) &&
    usable(cached)
  )
    return cached;
  throw new TemporalCliUnavailable(
    'Aucun serveur Temporal disponible. Au choix : définir TEMPORAL_ADDRESS (serveur ou cluster existant), ' +
      'définir TEMPORAL_CLI_PATH (binaire `temporal`), installer Go pour construire ' +
      `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}, ou donner accès à internet pour le téléchargement du SDK.`,
  );
}

/** The SDK downloads the CLI where the internet is reachable; offline it fails fast and we fall through. */
async function trySdkDownload(cacheDir: string, logger: Logger): Promise<string | undefined> {
  const downloadDir = path.join(cacheDir, 'sdk-download');
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir } },
    });
    await env.teardown();
  } catch (err) {
    logger.debug({ err }, 'téléchargement du Temporal CLI par le SDK impossible');
    return undefined;
  }
  return fs.existsSync(downloadDir)
    ? fs
        .readdirSync(downloadDir)
        .map((f) => path.join(downloadDir, f))
        .find((f) => usable(f))
    : undefined;
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  stop: () => Promise<void>;
}

/** Starts `temporal server start-dev`, persisting to `dbFile`, and waits until it answers. */
export async function startTemporalDevServer(opts: {
  cliPath: string;
  dbFile?: string;
  port: number;
  uiPort?: number;
  namespace: string;
  logger: Logger;
}): Promise<RunningTemporal> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--namespace',
    opts.namespace,
    '--log-level',
    'warn',
    '--sqlite-pragma',
    'journal_mode=WAL',
  ];
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  for (const [cle, valeur] of Object.entries(CONFIG_DYNAMIQUE))
    args.push('--dynamic-config-value', `${cle}=${JSON.stringify(valeur)}`);

  await exigerPortLibre(opts.port, 'Serveur Temporal embarqué');
  if (opts.uiPort) await exigerPortLibre(opts.uiPort, 'Interface de Temporal');
  const child: ChildProcess = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  let output = '';
  const collect = (b: Buffer) => {
    output = (output + b.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const address = `127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`Le serveur Temporal s'est arrêté au démarrage :\n${output}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace: opts.namespace });
      await connection.close();
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Le serveur Temporal ne répond pas sur ${address} : ${String(err)}\n${output}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  opts.logger.info({ address }, 'serveur Temporal local démarré');
  return {
    address,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
