import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { executerSimulation } = proxyActivities<Activities>({
  // A year of the département by sampling takes minutes to tens of minutes; the bounds of the request
  // (api/contrat/simulation.ts) keep it well under this.
  startToCloseTimeout: '4 hours',
  // The run says where it is at each simulated month, and at least every 10 s: a worker that died is seen soon.
  heartbeatTimeout: '2 minutes',
  // Once again after a failure (a JVM that did not start in time); a run that fails twice is an échec to read.
  retry: { maximumAttempts: 2, initialInterval: '10 seconds' },
});
const { terminerSimulationEnEchec } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

/**
 * A what-if simulation launched from the screen: one long activity runs it and keeps its result in PostgreSQL
 * (the Simulation row, keyed on this workflow's id); an échec is kept there too.
 */
export async function simulationWorkflow(simulationId: string): Promise<void> {
  try {
    await executerSimulation(simulationId);
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const cause = err.cause instanceof ApplicationFailure ? err.cause.message : err.message;
    await terminerSimulationEnEchec(simulationId, cause);
  }
}
