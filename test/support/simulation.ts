import type { Db } from '../../infra/prisma';
import type { OptionsSimulation } from '../../activities/simulation';
import { nouvelAgent } from './parcours';
import { requireEnv } from './stack';

/** The screen's simulations in tests: their scratch databases on the run's PostgreSQL, the bundle built once. */
export const optionsSimulationTest = (): OptionsSimulation => ({
  postgresUrl: requireEnv('TEST_DATABASE_URL'),
  workflowBundlePath: requireEnv('TEST_WORKFLOW_BUNDLE'),
});

/**
 * Where a test file runs its simulations: one département per file, since a département runs one simulation at a
 * time and the files run side by side. A small territoire keeps a tiny run within seconds.
 */
export interface TerrainSimulation {
  departement: string;
  territoireId: string;
  nom: string;
}
export const SIMULATION_API: TerrainSimulation = {
  departement: 'eure',
  territoireId: 'eure-conches',
  nom: 'Pays de Conches',
};
export const SIMULATION_ECRAN: TerrainSimulation = {
  departement: 'loiret',
  territoireId: 'loiret-t12',
  nom: 'Cléry, Betz et Ouanne',
};

/** An agent of that département (a cadre without équipe is the direction). */
export async function agentDe(
  db: Db,
  departement: string,
  roles: string[],
  equipeId: string | null = null,
): Promise<string> {
  const id = await nouvelAgent(db, roles, equipeId);
  await db.agent.update({ where: { id }, data: { departement } });
  return id;
}
