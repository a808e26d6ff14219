import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { PRIORITE_IMPORT, WORKFLOWS, accueillirUpdate, attributsRecherche, ouvertUpdate } from '../workflows/messages';
import type { ParcoursInput } from '../workflows/messages';
import type { AccueilRecu } from '../domain/parcours/commandes';
import type { VueParcours } from '../domain/parcours/etat';
import { workflowIdDe } from '../domain/parcours/identifiants';
import { chargerConfigUsager } from '../config/usager';
import type { ConfigUsager } from '../domain/espace/jalons';

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
 * Starts a parcours from its opening state, already projected by its opener (imports of partners' lists: rows
 * validated before, thousands at once): the workflow begins there, as after a continue-as-new, with its search
 * attributes set at the start — its first task only sets its timers and delivers its messages. Returns once the
 * workflow holds it (update-with-start `ouvert`): an import's starts are paced by what the worker actually
 * processes (Temporal's backlog figure is refreshed every few seconds: a gate on it let bursts of hundreds
 * through). Idempotent: a retried start finds the parcours already there.
 */
export async function demarrerParcoursOuvert(
  temporal: Client,
  taskQueue: string,
  input: ParcoursInput,
  ouverture: NonNullable<ParcoursInput['reprise']>,
): Promise<void> {
  try {
    await temporal.workflow.executeUpdateWithStart(ouvertUpdate, {
      updateId: 'ouvert',
      startWorkflowOperation: new WithStartWorkflowOperation(WORKFLOWS.parcours, {
        ...demarrage(taskQueue, { ...input, reprise: ouverture }),
        searchAttributes: attributsRecherche(ouverture.etat),
        priority: { priorityKey: PRIORITE_IMPORT },
        // Already ended (a retry long after): started once is enough, never a second run under the same id.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** What the person receives, as the département configures it when their parcours opens (kept in its input). */
export const configUsagerDe = (departement: string): ConfigUsager => ({
  jalonsSatisfaction: chargerConfigUsager(departement).jalonsSatisfaction,
});

function demarrage(taskQueue: string, input: ParcoursInput) {
  return {
    workflowId: workflowIdDe(input.parcoursId),
    taskQueue,
    args: [
      {
        ...input,
        usager: input.usager ?? configUsagerDe(input.departement),
      },
    ] as [ParcoursInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
  };
}
