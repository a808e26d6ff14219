import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

/** A child process of the system (a Temporal service, a worker, an API), its output kept in a log file. */
export interface Membre {
  nom: string;
  child: ChildProcess;
  /** Resolves when the process has exited, whatever the reason. */
  exited: Promise<void>;
  isRunning(): boolean;
  /** The end of its output, to explain a failed start. */
  lastLines(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once (tests: a crash). */
  kill(): Promise<void>;
}

/** Members still running: killed if the parent exits without stopping them (no orphans). */
const vivants = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of vivants) c.kill('SIGKILL');
});

export function startMembre(opts: {
  nom: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
}): Membre {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = fs.createWriteStream(opts.logFile, { flags: 'a' });
  // Its own process group: Ctrl-C reaches the parent only, which stops the members in order.
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  vivants.add(child);
  let tail = '';
  const collect = (b: Buffer) => {
    log.write(b);
    tail = (tail + b.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running = false;
      vivants.delete(child);
      log.end();
      resolve();
    }),
  );
  return {
    nom: opts.nom,
    child,
    exited,
    isRunning: () => running,
    lastLines: () => tail,
    async stop(graceMs = 15_000) {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (!running) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `ready` until it resolves, the member exits (error with its last lines) or the deadline passes. */
export async function waitUntilReady(membre: Membre, ready: () => Promise<unknown>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!membre.isRunning()) throw new Error(`${membre.nom} s'est arrêté au démarrage :\n${membre.lastLines()}`);
    try {
      await ready();
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(
          `${membre.nom} n'est pas prêt après ${timeoutMs / 1000} s : ${String(err)}\n${membre.lastLines()}`,
          {
            cause: err,
          },
        );
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
