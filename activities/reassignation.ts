import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { Db } from '../infra/prisma';
import { ECHECS, commandeUpdate, vueQuery } from '../workflows/messages';
import { repartirParcours } from '../domain/organisation/referents';
import type { ChangementPrevu, IssueChangement, Reassignation } from '../domain/organisation/reassignation';
import { anciensReferents, candidatsReferents } from '../lecture/referents';

/**
 * Activities of the bulk reassignment (workflows/reassignation.ts): plan who takes each open parcours of an
 * agent, then hand each parcours over through its own workflow.
 */
export function createReassignationActivities(db: Db, temporal: Client | undefined) {
  return {
    /**
     * The agent's open parcours (read model) and who takes each: the named référent, or else the équipe's
     * référents ranked by the assignment rules, caseloads counted as the plan goes.
     */
    async planifierReassignation(r: Reassignation): Promise<ChangementPrevu[]> {
      const ancien = await db.agent.findUnique({ where: { id: r.ancienReferentId } });
      if (!ancien) throw ApplicationFailure.nonRetryable(`Agent inconnu : ${r.ancienReferentId}.`, 'AgentInconnu');
      const parcours = await db.parcours.findMany({
        where: { referentId: r.ancienReferentId, statut: { not: 'clos' } },
        select: { id: true, workflowId: true, usagerId: true },
        orderBy: { ouvertLe: 'asc' },
      });
      if (r.nouveauReferentId) {
        return parcours.map((p) => ({ parcoursId: p.id, workflowId: p.workflowId, referentId: r.nouveauReferentId! }));
      }
      const candidats = ancien.equipeId ? await candidatsReferents(db, { equipeId: ancien.equipeId }, [ancien.id]) : [];
      const aRepartir = [];
      for (const p of parcours)
        aRepartir.push({ parcoursId: p.id, anciensReferents: await anciensReferents(db, p.usagerId) });
      const plan = repartirParcours(aRepartir, candidats);
      return parcours.map((p, i) => ({ parcoursId: p.id, workflowId: p.workflowId, referentId: plan[i]!.referentId }));
    },

    /**
     * Hands one parcours over by the parcours workflow's `changerReferent` update. The update id is fixed per
     * (operation, parcours), so a retried activity or a re-run operation is applied once; a parcours whose
     * référent is no longer the leaving agent (already handed over, or changed meanwhile) is left alone.
     */
    async changerReferentParcours(
      c: { operationId: string; workflowId: string; parcoursId: string; referentId: string } & Pick<
        Reassignation,
        'ancienReferentId' | 'motif' | 'acteur'
      >,
    ): Promise<IssueChangement> {
      if (!temporal) throw new Error('Réassignation : client Temporal absent des dépendances des activités.');
      const handle = temporal.workflow.getHandle(c.workflowId);
      try {
        const vue = await handle.query(vueQuery);
        if (vue?.referentId !== c.ancienReferentId) return 'deja_fait';
        await handle.executeUpdate(commandeUpdate('changerReferent'), {
          updateId: `${c.operationId}:${c.parcoursId}`,
          args: [{ acteur: c.acteur, donnees: { referentId: c.referentId, motif: c.motif } }],
        });
        return 'change';
      } catch (err) {
        // Closed meanwhile, or no longer at a step with a référent: nothing to hand over.
        if (err instanceof WorkflowNotFoundError) return 'hors_accompagnement';
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
          if (err.cause.type === ECHECS.etapeInvalide) return 'hors_accompagnement';
          if (err.cause.type === ECHECS.donneesInvalides) return 'refuse';
        }
        throw err;
      }
    },
  };
}
