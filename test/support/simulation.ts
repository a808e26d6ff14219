import type { Db } from '../../infra/prisma';
import type { OptionsSimulation } from '../../activities/simulation';
import { nouvelAgent } from './parcours';
import { requireEnv } from './stack';

/** The screen's simulations in tests: their scratch databases on the run's PostgreSQL, the bundle built once. */
export const optionsSimulationTest = (): OptionsSimulation => ({
  postgresUrl: requireEnv('TEST_DATABASE_URL'),
  workflowBundlePath: requireEnv('TEST_WORKFLOW_BUNDLE'),
});

/** Simulations of the Eure's tests: no other file launches any there (one at a time per département). */
export const DEPARTEMENT_SIMULATION = 'eure';
/** A small territoire of the Eure: a tiny run stays within seconds. */
export const TERRITOIRE_SIMULATION = 'eure-conches';

/** An agent of the Eure (a cadre without équipe is the direction). */
export async function agentEure(db: Db, roles: string[], equipeId: string | null = null): Promise<string> {
  const id = await nouvelAgent(db, roles, equipeId);
  await db.agent.update({ where: { id }, data: { departement: DEPARTEMENT_SIMULATION } });
  return id;
}

/**
 * Waits until the département runs no simulation (the other test file's, both in the Eure), so that a launch is
 * not refused for it.
 */
export async function attendreAucuneSimulation(db: Db, delaiMs = 240_000): Promise<void> {
  const fin = Date.now() + delaiMs;
  while (
    await db.simulation.count({
      where: { departement: DEPARTEMENT_SIMULATION, statut: { in: ['en_attente', 'en_cours'] } },
    })
  ) {
    if (Date.now() > fin) throw new Error('Une simulation de l’Eure ne finit pas.');
    await new Promise((r) => setTimeout(r, 500));
  }
}
