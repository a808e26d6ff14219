import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../infra/prisma';
import { projectRoot } from '../infra/env';
import type { DemandeSimulation } from '../simulation/modele';

/** Where the screen's simulations run (the worker's configuration; tests point them at their own services). */
export interface OptionsSimulation {
  /** A PostgreSQL server to create each run's two scratch databases on; default: a scratch cluster per run. */
  postgresUrl?: string;
  /** A pre-built workflow bundle; default: the run bundles the workflows itself. */
  workflowBundlePath?: string;
}

/** Journal lines kept per simulation (one per simulated month, and the preparation). */
const LIGNES_JOURNAL = 200;
/** A heartbeat at least this often: a simulated month can take longer than that between two lines. */
const BATTEMENT_MS = 10_000;

/** A request as the API keeps it (api/contrat/simulation.ts): reinforcements as a list, as the screen sends them. */
export type ParametresSimulation = Omit<DemandeSimulation, 'renforts'> & {
  renforts: { territoireId: string; referents: number }[];
};

/** The command line's options for a request (scripts/simulation.ts reads them). */
function argumentsDe(d: ParametresSimulation): string[] {
  return [
    ['--departement', d.departement],
    ['--jours', String(d.jours)],
    ['--arrivees', String(d.arriveesPour1000)],
    ['--orientes', String(d.partOrientes)],
    ['--rsa', String(d.partRsa)],
    ['--urgence', String(d.partUrgence)],
    ['--echantillon', String(d.echantillon)],
    ['--graine', String(d.graine)],
    ...(d.territoires?.length ? [['--territoires', d.territoires.join(',')]] : []),
    ...d.renforts.map((r) => ['--renfort', `${r.territoireId}:${r.referents}`]),
  ].flat();
}

/**
 * The screen's what-if runs (workflows/simulation.ts). The engine runs as the command line in a child process:
 * it starts its own Temporal server (a JVM), PostgreSQL databases and workers, and computes for minutes; apart,
 * it cannot starve this worker's event loop (the parcours' tasks and this activity's heartbeats), its memory
 * goes with it, and a cancelled run is one process group to kill.
 */
export function createSimulationActivities(db: Db, options: OptionsSimulation = {}) {
  return {
    async executerSimulation(simulationId: string): Promise<void> {
      const s = await db.simulation.findUnique({ where: { id: simulationId } });
      if (!s) throw ApplicationFailure.nonRetryable(`Simulation inconnue : ${simulationId}.`, 'SimulationInconnue');
      // A retry after the result was kept: nothing to run again.
      if (s.statut === 'terminee') return;
      // A retried run starts from scratch (same seed, same result): its journal too.
      await db.simulation.update({
        where: { id: simulationId },
        data: { statut: 'en_cours', commenceLe: new Date(), journal: [], erreur: null },
      });
      const dossier = fs.mkdtempSync(path.join(os.tmpdir(), 'simulation-'));
      const sortie = path.join(dossier, 'resultat.json');
      const ctx = Context.current();
      try {
        const enfant = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            path.join(projectRoot, 'scripts', 'simulation.ts'),
            ...argumentsDe(s.parametres as unknown as ParametresSimulation),
            '--sortie',
            sortie,
            ...(options.workflowBundlePath ? ['--bundle', options.workflowBundlePath] : []),
          ],
          {
            cwd: projectRoot,
            env: {
              ...process.env,
              ...(options.postgresUrl ? { SIMULATION_DATABASE_URL: options.postgresUrl } : {}),
              LOG_LEVEL: 'warn',
            },
            // Its own process group: the JVM and PostgreSQL it starts go with it when it is killed.
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        const tuer = () => {
          try {
            process.kill(-enfant.pid!, 'SIGKILL');
          } catch {
            // Already gone.
          }
        };
        ctx.cancellationSignal.addEventListener('abort', tuer);
        let lignes = 0;
        // Appended one after the other, in order; the last write is awaited before the result.
        let ecriture: Promise<unknown> = Promise.resolve();
        // The tables printed after the result repeat it: only the run's progress goes to the journal.
        let fini = false;
        readline.createInterface({ input: enfant.stdout }).on('line', (ligne) => {
          if (fini || !ligne.trim() || lignes >= LIGNES_JOURNAL) return;
          if (ligne.startsWith('Simulation ')) fini = true;
          lignes++;
          ctx.heartbeat(lignes);
          ecriture = ecriture.then(() =>
            db.simulation.update({ where: { id: simulationId }, data: { journal: { push: ligne.slice(0, 500) } } }),
          );
        });
        const erreurs: string[] = [];
        readline.createInterface({ input: enfant.stderr }).on('line', (l) => {
          erreurs.push(l);
          if (erreurs.length > 20) erreurs.shift();
        });
        const battement = setInterval(() => ctx.heartbeat(lignes), BATTEMENT_MS);
        const code = await new Promise<number | null>((resolve, reject) => {
          enfant.on('error', reject);
          enfant.on('close', resolve);
        }).finally(() => {
          clearInterval(battement);
          ctx.cancellationSignal.removeEventListener('abort', tuer);
        });
        await ecriture;
        if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
        if (code !== 0 || !fs.existsSync(sortie))
          throw ApplicationFailure.retryable(
            `La simulation s’est arrêtée (code ${code}) : ${erreurs.join(' ').slice(-800) || 'sans message'}`,
            'SimulationEchouee',
          );
        // The command line's SortieSimulation, kept as written.
        const resultat = JSON.parse(fs.readFileSync(sortie, 'utf8')) as object;
        await db.simulation.update({
          where: { id: simulationId },
          data: { statut: 'terminee', resultat, termineLe: new Date() },
        });
      } finally {
        fs.rmSync(dossier, { recursive: true, force: true });
      }
    },

    /** The run failed for good (its attempts spent): said on the screen, the département free to launch again. */
    async terminerSimulationEnEchec(simulationId: string, message: string): Promise<void> {
      await db.simulation.updateMany({
        where: { id: simulationId, statut: { in: ['en_attente', 'en_cours'] } },
        data: { statut: 'echec', erreur: message.slice(0, 1000), termineLe: new Date() },
      });
    },
  };
}
