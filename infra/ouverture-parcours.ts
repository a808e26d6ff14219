import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WORKFLOWS, accueillirUpdate } from '../workflows/messages';
import type { ParcoursInput } from '../workflows/messages';
import { schemaAccueil, type AccueilRecu } from '../domain/parcours/commandes';
import type { VueParcours } from '../domain/parcours/etat';
import { workflowIdDe } from '../domain/parcours/identifiants';
import { chargerConfigUsager } from '../config/usager';

/**
 * Opens a parcours: start and premier accueil in one call, so that no parcours exists without its accueil. The
 * fixed update id makes a retried call (same parcours id) return the first result instead of acting twice.
 * Used by the API (an agent's accueil, answered with the parcours). Named by its type, not imported: the
 * workflow's module imports the activities, some of which open parcours. The parcours keeps what the person
 * receives (their link, the satisfaction milestones) as the département configures it at the opening.
 */
export function ouvrirParcours(
  temporal: Client,
  taskQueue: string,
  input: ParcoursInput,
  accueil: { acteur: string; donnees: AccueilRecu },
): Promise<VueParcours> {
  return temporal.workflow.executeUpdateWithStart(accueillirUpdate, {
    args: [accueil],
    updateId: 'accueil',
    startWorkflowOperation: new WithStartWorkflowOperation(WORKFLOWS.parcours, demarrage(taskQueue, input)),
  });
}

/**
 * Starts a parcours with its accueil in its input, not waiting for the workflow to record it: for imports,
 * whose rows were validated before. Measured (bench/import-flux.ts): about 1.4 times the parcours per second of
 * waiting for each accueil. Idempotent: a retried start finds the parcours already there.
 */
export async function demarrerParcours(
  temporal: Client,
  taskQueue: string,
  input: ParcoursInput,
  accueil: { acteur: string; donnees: AccueilRecu },
): Promise<void> {
  schemaAccueil(accueil.donnees).parse(accueil.donnees);
  try {
    await temporal.workflow.start(WORKFLOWS.parcours, {
      ...demarrage(taskQueue, { ...input, accueil }),
      // Already ended (a retry long after): started once is enough, never a second run under the same id.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

function demarrage(taskQueue: string, input: ParcoursInput) {
  return {
    workflowId: workflowIdDe(input.parcoursId),
    taskQueue,
    args: [
      {
        ...input,
        usager: input.usager ?? { jalonsSatisfaction: chargerConfigUsager(input.departement).jalonsSatisfaction },
      },
    ] as [ParcoursInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
  };
}
