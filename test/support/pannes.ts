/**
 * Building blocks of the fault tests: a worker in a process of its own (to kill), a PostgreSQL that can be
 * restarted, and bursts of requests measured as a client sees them (status, latency), 503s retried with their key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import { projectRoot } from '../../infra/env';
import { freePort } from '../../infra/postgres';
import { startMembre, waitUntilReady, type Membre } from '../../infra/processes';
import { applyMigrations } from '../../infra/migrations';

/** Runs `n` tasks, at most `c` at a time. */
export async function enParallele(n: number, c: number, tache: (i: number) => Promise<void>): Promise<void> {
  let suivant = 0;
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (suivant < n) await tache(suivant++);
    }),
  );
}

/** What the worker process prints once it polls its queues. */
export const PRET = 'worker prêt';

/** The parcours worker in a process of its own (test/support/worker-enfant.ts), started and ready. */
export function lancerWorker(env: { databaseUrl: string; smtpUrl: string; taskQueue: string }): Promise<Membre> {
  return lancer(
    'worker-enfant.ts',
    { DATABASE_URL: env.databaseUrl, SMTP_URL: env.smtpUrl, TEMPORAL_TASK_QUEUE: env.taskQueue },
    PRET,
  );
}

/** What the PostgreSQL process prints, with its URL, once it accepts connections. */
export const PG_PRET = 'postgresql prêt';

/** A child process running one of this folder's scripts, ready once it printed `pret`. */
async function lancer(script: string, env: NodeJS.ProcessEnv, pret: string): Promise<Membre> {
  const membre = startMembre({
    nom: script,
    // Node itself, with tsx as a loader: the tsx command would run the script in a child of its own, which a
    // SIGKILL of the tsx process would leave running.
    command: process.execPath,
    args: ['--import', 'tsx', path.join(projectRoot, 'test', 'support', script)],
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    logFile: path.join(os.tmpdir(), `parcours-${script}-${process.pid}.log`),
  });
  await waitUntilReady(membre, () =>
    membre.lastLines().includes(pret) ? Promise.resolve() : Promise.reject(new Error('pas encore prêt')),
  );
  return membre;
}

/**
 * A migrated PostgreSQL of the test file's own, in a process of its own (test/support/postgres-enfant.ts),
 * stopped and started again on the same data and port.
 */
export async function postgresRedemarrable() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-pg-panne-'));
  fs.rmSync(dataDir, { recursive: true });
  const env = { PG_DATA_DIR: dataDir, PG_PORT: String(await freePort()) };
  let membre = await lancer('postgres-enfant.ts', env, PG_PRET);
  const url = new RegExp(`${PG_PRET} (\\S+)`).exec(membre.lastLines())![1]!;
  applyMigrations(url);
  return {
    url,
    arreter: () => membre.stop(),
    async demarrer() {
      membre = await lancer('postgres-enfant.ts', env, PG_PRET);
    },
    async stop() {
      await membre.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A request a client sends, again with the same Idempotency-Key after a 503. */
export type Requete = () => Promise<Response>;

export interface Mesure {
  requetes: number;
  /** Answers 5xx at the first try (503 with Retry-After expected; anything else fails the test). */
  erreurs5xx: number;
  sans503RetryAfter: number;
  /** Longest first answer, ms. */
  pireLatenceMs: number;
  /** Status of each request once retried (2xx expected). */
  statutsFinaux: number[];
}

/**
 * Sends the requests `c` at a time (`pendant(i)` runs before the i-th: the fault), measures the first answers,
 * then retries each 503 with its key every 2 s, as the screens do, until it succeeds (or 45 tries).
 */
export async function rafale(
  requetes: Requete[],
  c: number,
  pendant: (i: number) => Promise<void> = () => Promise.resolve(),
): Promise<Mesure> {
  const mesure: Mesure = { requetes: 0, erreurs5xx: 0, sans503RetryAfter: 0, pireLatenceMs: 0, statutsFinaux: [] };
  const premiers: number[] = [];
  await enParallele(requetes.length, c, async (i) => {
    await pendant(i);
    const debut = Date.now();
    const r = await requetes[i]!();
    mesure.pireLatenceMs = Math.max(mesure.pireLatenceMs, Date.now() - debut);
    mesure.requetes++;
    premiers[i] = r.status;
    if (r.status >= 500) mesure.erreurs5xx++;
    if (r.status >= 500 && (r.status !== 503 || !r.headers['retry-after'])) mesure.sans503RetryAfter++;
  });
  await enParallele(requetes.length, c, async (i) => {
    let statut = premiers[i]!;
    for (let essai = 0; statut === 503 && essai < 45; essai++) {
      await new Promise((r) => setTimeout(r, 2000));
      statut = (await requetes[i]!()).status;
    }
    mesure.statutsFinaux[i] = statut;
  });
  return mesure;
}
