/**
 * The production persistence of Temporal, on this machine: the Temporal server (Go module go.temporal.io/server)
 * on PostgreSQL, each of its services in its own process — one frontend, two history, one matching, one worker —
 * as a cluster scales out. Binaries come from a given path, else the per-user cache, else a build from the module.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import { grpcServing, tcpOuvert } from './sondes';
import type { Logger } from './logger';
import { exigerPortLibre, freePort } from './postgres';
import { startMembre, waitUntilReady, type Membre } from './processes';
import { CONFIG_DYNAMIQUE, goInstall, SEARCH_ATTRIBUTES, usable } from './temporal-server';

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const MODULE = 'go.temporal.io/server';
/** Fixed when Temporal's database is created: it cannot change afterwards. 8 shards spread over 2 history hosts. */
export const NUM_HISTORY_SHARDS = 8;
/** How long Temporal keeps the history of a closed workflow (the read model keeps the parcours). */
const RETENTION_JOURS = 30;

export type RoleTemporal = 'frontend' | 'history' | 'matching' | 'worker';

/** The processes of the cluster, in start order (history and the rest after the frontend has the namespace). */
export const TOPOLOGIE: Array<{ nom: string; role: RoleTemporal }> = [
  { nom: 'temporal-frontend', role: 'frontend' },
  { nom: 'temporal-history-1', role: 'history' },
  { nom: 'temporal-history-2', role: 'history' },
  { nom: 'temporal-matching', role: 'matching' },
  { nom: 'temporal-worker', role: 'worker' },
];

/** The gRPC health service each role registers; the internal worker serves no gRPC: its membership port is probed. */
const SERVICE_SANTE: Record<Exclude<RoleTemporal, 'worker'>, string> = {
  frontend: 'temporal.api.workflowservice.v1.WorkflowService',
  history: 'temporal.api.workflowservice.v1.HistoryService',
  matching: 'temporal.api.workflowservice.v1.MatchingService',
};

/** Whether a member of the cluster serves, from its address as MembreDecrit gives it. */
export const membreTemporalPret = (role: RoleTemporal, adresse: string): Promise<boolean> =>
  role === 'worker' ? tcpOuvert(adresse) : grpcServing(adresse, SERVICE_SANTE[role]);

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
}

export class TemporalServerUnavailable extends Error {}

/**
 * The Temporal server and its SQL tool: paths from the environment, else the per-user cache keyed by version,
 * else both built from the Go module into that cache (≈ 3 min on 2 cores when Go's caches are warm).
 */
export async function ensureTemporalServer(opts: {
  serverPath?: string;
  sqlToolPath?: string;
  cacheDir: string;
  logger: Logger;
}): Promise<TemporalServerBinaries> {
  const dir = path.join(opts.cacheDir, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const binaries = {
    server: opts.serverPath ?? path.join(dir, 'server'),
    sqlTool: opts.sqlToolPath ?? path.join(dir, 'sql'),
  };
  const ok = () => usable(binaries.server, ['--help']) && usable(binaries.sqlTool, ['--help']);
  if (ok()) return binaries;
  if (opts.serverPath && opts.sqlToolPath) {
    throw new TemporalServerUnavailable(
      `TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH ne désignent pas les binaires du serveur Temporal et de son outil SQL.`,
    );
  }
  const packages = [
    `${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
    `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
  ];
  if ((await goInstall(packages, dir, opts.logger)) && ok()) return binaries;
  throw new TemporalServerUnavailable(
    `Serveur Temporal introuvable. Au choix : TEMPORAL_SERVER_PATH et TEMPORAL_SQL_TOOL_PATH, ou Go pour construire ${packages.join(' et ')}.`,
  );
}

interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

function pgTarget(databaseUrl: string): PgTarget {
  const u = new URL(databaseUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

const BASES = [
  { database: 'temporal', schema: 'postgresql/v12/temporal' },
  { database: 'temporal_visibility', schema: 'postgresql/v12/visibility' },
] as const;

async function sqlTool(bin: string, pg: PgTarget, database: string, args: string[]): Promise<void> {
  const child = spawn(
    bin,
    ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--db', database, ...args],
    // The password through the environment, not the command line (visible to `ps`).
    { env: { ...process.env, SQL_PASSWORD: pg.password }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`temporal-sql-tool ${args.join(' ')} (${database}) a échoué :\n${out.slice(-3000)}`);
}

/**
 * Creates Temporal's two databases on the PostgreSQL server of `databaseUrl` (same server, same role) and brings
 * their schemas to the version shipped in the SQL tool. Idempotent: a second run only checks the versions.
 */
export async function ensureTemporalSchemas(sqlToolPath: string, databaseUrl: string, logger: Logger): Promise<void> {
  const pg = pgTarget(databaseUrl);
  const admin = new PgClient({ connectionString: databaseUrl });
  await admin.connect();
  try {
    for (const { database } of BASES) {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    }
  } finally {
    await admin.end();
  }
  for (const { database, schema } of BASES) {
    const db = new PgClient({
      connectionString: Object.assign(new URL(databaseUrl), { pathname: `/${database}` }).href,
    });
    await db.connect();
    const versioned = await db
      .query<{ present: boolean }>(`SELECT to_regclass('schema_version') IS NOT NULL AS present`)
      .finally(() => db.end());
    if (!versioned.rows[0]?.present) await sqlTool(sqlToolPath, pg, database, ['setup-schema', '-v', '0.0']);
    await sqlTool(sqlToolPath, pg, database, ['update-schema', '--schema-name', schema]);
  }
  logger.info('schémas Temporal (temporal, temporal_visibility) à jour');
}

interface Ports {
  grpc: number;
  membership: number;
  metrics: number;
  http?: number;
}

/** One member's configuration: Temporal reads YAML, of which JSON is a subset. */
function configuration(opts: {
  role: RoleTemporal;
  ports: Ports;
  /** The ports of one member of each role. */
  autres: Record<RoleTemporal, Ports>;
  frontendPort: number;
  pg: PgTarget;
  dynamicConfig: string;
}) {
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${opts.pg.host}:${opts.pg.port}`,
      connectProtocol: 'tcp',
      user: opts.pg.user,
      password: opts.pg.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: NUM_HISTORY_SHARDS,
      datastores: {
        default: store('temporal', opts.role === 'history' ? 20 : 10),
        visibility: store('temporal_visibility', 5),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: {
        prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `127.0.0.1:${opts.ports.metrics}` },
      },
    },
    // Every role is listed (the membership monitor tracks them all); this member's own role with its own ports.
    services: Object.fromEntries(
      Object.entries({ ...opts.autres, [opts.role]: opts.ports }).map(([role, p]) => [
        role,
        {
          rpc: {
            grpcPort: p.grpc,
            membershipPort: p.membership,
            bindOnLocalHost: true,
            ...(p.http ? { httpPort: p.http } : {}),
          },
        },
      ]),
    ),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${opts.frontendPort}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    publicClient: { hostPort: `127.0.0.1:${opts.frontendPort}` },
    dynamicConfigClient: { filepath: opts.dynamicConfig, pollInterval: '10s' },
  };
}

/** Starts one member from its configuration file (written by startTemporalCluster). */
export function lancerMembreTemporal(o: {
  serverPath: string;
  configDir: string;
  logDir: string;
  nom: string;
  role: RoleTemporal;
}): Membre {
  return startMembre({
    nom: o.nom,
    command: o.serverPath,
    args: ['--root', o.configDir, '--config', '.', '--env', o.nom, '--allow-no-auth', 'start', '--service', o.role],
    logFile: path.join(o.logDir, `${o.nom}.log`),
  });
}

/** A member of the system as /health reports it: name, kind and address. */
export interface MembreDecrit {
  nom: string;
  role: RoleTemporal;
  adresse: string;
}

export interface RunningTemporalCluster {
  address: string;
  configDir: string;
  membres: Array<MembreDecrit & { processus: Membre }>;
  stop(): Promise<void>;
}

/**
 * Starts the cluster on `databaseUrl`'s PostgreSQL server (schemas must exist: ensureTemporalSchemas). Ports are
 * consecutive from `portBase` (frontend gRPC = portBase), or free ones when absent (tests). The namespace and the
 * parcours' search attributes are created before the history hosts start, so that they load them at once.
 */
export async function startTemporalCluster(opts: {
  serverPath: string;
  databaseUrl: string;
  dataDir: string;
  /** Each member's output, in <logDir>/<member>.log. */
  logDir: string;
  namespace: string;
  logger: Logger;
  portBase?: number;
}): Promise<RunningTemporalCluster> {
  const pg = pgTarget(opts.databaseUrl);
  let next = opts.portBase;
  const port = async () => {
    if (next === undefined) return freePort({ min: 20_000, max: 32_000 });
    // Fixed ports: one held by another cluster would have our members join it.
    const p = next++;
    await exigerPortLibre(p, 'Temporal (grappe)');
    return p;
  };
  const frontendPort = await port();
  const configDir = path.join(opts.dataDir, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  const dynamicConfig = path.join(configDir, 'dynamicconfig.yaml');
  // Update-with-start (opening a parcours) and Updates are on by default in 1.29; JSON is YAML.
  fs.writeFileSync(
    dynamicConfig,
    `${JSON.stringify(Object.fromEntries(Object.entries(CONFIG_DYNAMIQUE).map(([cle, value]) => [cle, [{ value }]])))}\n`,
  );

  const membres: RunningTemporalCluster['membres'] = [];
  const lancer = (nom: string, role: RoleTemporal) =>
    lancerMembreTemporal({ serverPath: opts.serverPath, configDir, logDir: opts.logDir, nom, role });
  const ports: Ports[] = [];
  for (const { role } of TOPOLOGIE) {
    ports.push(
      role === 'frontend'
        ? { grpc: frontendPort, http: await port(), membership: await port(), metrics: await port() }
        : { grpc: await port(), membership: await port(), metrics: await port() },
    );
  }
  const autres = Object.fromEntries(
    [...TOPOLOGIE.entries()].reverse().map(([i, { role }]) => [role, ports[i]!]),
  ) as Record<RoleTemporal, Ports>;
  for (const [i, { nom, role }] of TOPOLOGIE.entries()) {
    fs.writeFileSync(
      path.join(configDir, `${nom}.yaml`),
      JSON.stringify(configuration({ role, ports: ports[i]!, autres, frontendPort, pg, dynamicConfig }), null, 2),
    );
    const sonde = role === 'worker' ? ports[i]!.membership : ports[i]!.grpc;
    membres.push({ nom, role, adresse: `127.0.0.1:${sonde}`, processus: undefined as unknown as Membre });
  }

  const stop = async () => {
    await Promise.all(membres.filter((m) => m.processus).map((m) => m.processus.stop()));
  };
  const address = `127.0.0.1:${frontendPort}`;
  const demarrer = async (m: (typeof membres)[number]) => {
    m.processus = lancer(m.nom, m.role);
    // Shard acquisition can take minutes on two busy cores (seen: history not ready after 60 s in a full run).
    await waitUntilReady(
      m.processus,
      async () => {
        if (!(await membreTemporalPret(m.role, m.adresse))) throw new Error('pas encore prêt');
      },
      180_000,
    );
  };
  try {
    const [frontend, ...autres] = membres;
    await demarrer(frontend!);
    await preparerNamespace(address, opts.namespace);
    await Promise.all(autres.map(demarrer));
    await waitUntilReady(frontend!.processus, () => namespacePret(address, opts.namespace));
  } catch (err) {
    await stop();
    throw err;
  }
  opts.logger.info({ address, membres: membres.map((m) => `${m.nom}@${m.adresse}`) }, 'cluster Temporal démarré');
  return {
    address,
    configDir,
    membres,
    stop,
  };
}

async function avecConnexion<T>(address: string, fn: (c: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

/** Registers the namespace and the search attributes when missing (a new cluster). */
async function preparerNamespace(address: string, namespace: string): Promise<void> {
  const { IndexedValueType } = temporal.api.enums.v1;
  const types = {
    Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  };
  await avecConnexion(address, async (c) => {
    const existe = await c.workflowService.describeNamespace({ namespace }).then(
      () => true,
      () => false,
    );
    if (!existe) {
      await c.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(`${RETENTION_JOURS} days`),
      });
    }
    // The namespace registry refreshes every few seconds: until then adding attributes says "not found".
    for (let essai = 0; ; essai++) {
      try {
        const { customAttributes } = await c.operatorService.listSearchAttributes({ namespace });
        const manquants = Object.entries(SEARCH_ATTRIBUTES).filter(([nom]) => !(nom in (customAttributes ?? {})));
        if (manquants.length)
          await c.operatorService.addSearchAttributes({
            namespace,
            searchAttributes: Object.fromEntries(manquants.map(([nom, type]) => [nom, types[type]])),
          });
        return;
      } catch (err) {
        if (essai > 100) throw err;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  });
}

async function namespacePret(address: string, namespace: string): Promise<void> {
  await avecConnexion(address, async (c) => {
    await c.workflowService.describeNamespace({ namespace });
    const { customAttributes } = await c.operatorService.listSearchAttributes({ namespace });
    const manquants = Object.keys(SEARCH_ATTRIBUTES).filter((nom) => !(nom in (customAttributes ?? {})));
    if (manquants.length) throw new Error(`attributs de recherche manquants : ${manquants.join(', ')}`);
  });
}
