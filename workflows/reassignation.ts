import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BilanReassignation, Reassignation } from '../domain/organisation/reassignation';

const { planifierReassignation, changerReferentParcours } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

/** Parcours handed over at once: bounded so that a large caseload does not flood the server. */
const LOT = 10;

/**
 * Bulk reassignment of an agent's open parcours, durable: the plan is computed once (an activity, kept in
 * history), then each parcours is handed over by its own workflow. The operation id (this workflow's id)
 * names each handover, so running it again applies nothing twice.
 */
export async function reassignationWorkflow(r: Reassignation): Promise<BilanReassignation> {
  const operationId = workflowInfo().workflowId;
  const plan = await planifierReassignation(r);
  const bilan: BilanReassignation = {
    parcours: plan.length,
    changes: 0,
    dejaFaits: 0,
    horsAccompagnement: 0,
    sansRepreneur: [],
    repartition: {},
  };
  const aChanger = plan.filter((p) => {
    if (p.referentId === null) bilan.sansRepreneur.push(p.parcoursId);
    return p.referentId !== null;
  });
  for (let i = 0; i < aChanger.length; i += LOT) {
    const lot = aChanger.slice(i, i + LOT);
    const issues = await Promise.all(
      lot.map((p) =>
        changerReferentParcours({
          operationId,
          workflowId: p.workflowId,
          parcoursId: p.parcoursId,
          referentId: p.referentId!,
          ancienReferentId: r.ancienReferentId,
          motif: r.motif,
          acteur: r.acteur,
        }),
      ),
    );
    issues.forEach((issue, j) => {
      if (issue === 'change') {
        bilan.changes++;
        const ref = lot[j]!.referentId!;
        bilan.repartition[ref] = (bilan.repartition[ref] ?? 0) + 1;
      } else if (issue === 'deja_fait') bilan.dejaFaits++;
      else if (issue === 'refuse') bilan.sansRepreneur.push(lot[j]!.parcoursId);
      else bilan.horsAccompagnement++;
    });
  }
  return bilan;
}
