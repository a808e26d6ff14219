import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Routes } from '../route';
import { route } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe, agentDe, verifierTerritoire } from '../acces';
import { HttpError, notFound } from '../errors';
import { cleIdempotence } from '../idempotence';
import { z } from '../contrat/zod';
import { identifiantParams } from '../contrat/communs';
import { bilanVue, demandeReassignation, etatReassignation, operationReassignation } from '../contrat/organisation';
import { WORKFLOWS } from '../../workflows/messages';
import type { reassignationWorkflow } from '../../workflows/reassignation';
import type { Reassignation } from '../../domain/organisation/reassignation';

/** Bulk reassignment of an agent's parcours (absence, departure): a durable operation and its report. */
export function reassignationsRoutes(r: Routes, deps: ApiDeps): void {
  const { db, temporal } = deps;

  route(r, {
    method: 'post',
    path: '/agents/:id/reassignation',
    tag: 'Organisation',
    summary:
      'Réassigner tous les parcours ouverts d’un agent (absence, départ) : une opération durable (Idempotency-Key accepté)',
    acces: 'agents.reassigner',
    params: identifiantParams,
    body: demandeReassignation,
    status: 202,
    response: operationReassignation,
    idempotence: true,
    errors: [404],
    handler: async ({ params, body, req }) => {
      const cle = cleIdempotence(req);
      const [ancien, nouveau] = await Promise.all([
        db.agent.findFirst({
          where: { id: params.id, departement: deps.departement },
          include: { equipe: { select: { territoireId: true } } },
        }),
        body.nouveauReferentId
          ? db.agent.findFirst({
              where: {
                id: body.nouveauReferentId,
                departement: deps.departement,
                actif: true,
                roles: { has: 'referent' },
              },
            })
          : true,
      ]);
      if (!ancien) throw notFound('Agent');
      verifierTerritoire(agentDe(req), ancien.equipe?.territoireId ?? null);
      if (!nouveau)
        throw new HttpError(
          404,
          'introuvable',
          'Nouveau référent introuvable (agent actif, rôle référent, du département).',
        );
      const operationId = `reassignation-${params.id}-${cle ?? randomUUID()}`;
      try {
        await temporal.workflow.start<typeof reassignationWorkflow>(WORKFLOWS.reassignation, {
          workflowId: operationId,
          taskQueue: deps.taskQueue,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [
            {
              ancienReferentId: params.id,
              nouveauReferentId: body.nouveauReferentId,
              motif: body.motif,
              acteur: acteurDe(req),
            },
          ],
        });
      } catch (err) {
        // Same Idempotency-Key: the operation already exists (running or done); answer with it.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      return { operationId };
    },
  });

  route(r, {
    method: 'get',
    path: '/reassignations/:id',
    tag: 'Organisation',
    summary: 'État et bilan d’une réassignation',
    acces: 'pilotage.lire',
    params: z.object({ id: z.string().regex(/^reassignation-[\w.:-]+$/, 'Identifiant d’opération invalide.') }),
    response: etatReassignation,
    errors: [404],
    handler: async ({ params, req }) => {
      const handle = temporal.workflow.getHandle(params.id);
      const { status } = await handle.describe().catch((err: unknown) => {
        throw err instanceof WorkflowNotFoundError ? notFound('Réassignation') : err;
      });
      // Scope on the data: the operation is about an agent; a cadre reads it only within that agent's territoire.
      const [entree] =
        (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
      const ancienId = entree
        ? temporal.options.loadedDataConverter.payloadConverter.fromPayload<Reassignation>(entree).ancienReferentId
        : undefined;
      const ancien = ancienId
        ? await db.agent.findFirst({
            where: { id: ancienId, departement: deps.departement },
            include: { equipe: { select: { territoireId: true } } },
          })
        : null;
      if (!ancien) throw notFound('Réassignation');
      try {
        verifierTerritoire(agentDe(req), ancien.equipe?.territoireId ?? null);
      } catch {
        throw notFound('Réassignation');
      }
      return {
        operationId: params.id,
        statut: status.name,
        bilan: status.name === 'COMPLETED' ? ((await handle.result()) as z.infer<typeof bilanVue>) : null,
      };
    },
  });
}
