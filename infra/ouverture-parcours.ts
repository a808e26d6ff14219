import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { WORKFLOWS, accueillirUpdate } from '../workflows/messages';
import type { ParcoursInput } from '../workflows/messages';
import type { AccueilRecu } from '../domain/parcours/commandes';
import type { VueParcours } from '../domain/parcours/etat';
import { workflowIdDe } from '../domain/parcours/identifiants';

/**
 * Opens a parcours: start and premier accueil in one call, so that no parcours exists without its accueil. The
 * fixed update id makes a retried call (same parcours id) return the first result instead of acting twice.
 * Used by the API (an agent's accueil) and by imports of partners' lists. Named by its type, not imported: the
 * workflow's module imports the activities, some of which open parcours.
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
    startWorkflowOperation: new WithStartWorkflowOperation(WORKFLOWS.parcours, {
      workflowId: workflowIdDe(input.parcoursId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}
