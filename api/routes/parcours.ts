import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { Routes } from '../route';
import { route } from '../route';
import { acteurDe, type ApiDeps } from '../context';
import { HttpError, notFound } from '../errors';
import { evenementVue, idParams, parcoursVue } from '../schemas';
import { evenementDto, parcoursDto } from '../mappers';
import { usagerSchema } from '../../domain/usager';
import { accueilSchema } from '../../domain/parcours/commandes';
import { accueillirUpdate, parcoursWorkflow } from '../../workflows/parcours';
import { workflowIdDe } from '../../domain/parcours/identifiants';

/** Namespace of the ids derived from an Idempotency-Key: the same key always designates the same parcours. */
const IDEMPOTENCE = 'b6f1c1d2-5c1e-4c52-9d3a-0f4e2a7d9c11';

const ouvrirParcours = z
  .object({
    usagerId: z.uuid().optional(),
    usager: usagerSchema.optional(),
    accueil: accueilSchema,
  })
  .refine((b) => !!b.usagerId !== !!b.usager, { message: 'Indiquer soit usagerId (usager connu), soit usager (nouvel usager).', path: ['usagerId'] })
  .openapi('OuvertureParcours');

const parcoursDetail = parcoursVue.extend({ evenements: z.array(evenementVue) }).openapi('ParcoursDetail');

export function parcoursRoutes(r: Routes, deps: ApiDeps): void {
  const { db, temporal } = deps;

  route(r, {
    method: 'post', path: '/parcours', tag: 'Parcours',
    summary: "Premier accueil : ouvre un parcours (en-tête Idempotency-Key accepté)",
    body: ouvrirParcours, response: parcoursVue, status: 201, errors: [404, 409],
    handler: async ({ body, req }) => {
      const cle = req.header('idempotency-key');
      if (cle !== undefined && !/^[\w.:-]{8,200}$/.test(cle)) {
        throw new HttpError(400, 'donnees_invalides', 'Idempotency-Key invalide.', [{ champ: 'Idempotency-Key', message: '8 à 200 caractères alphanumériques.' }]);
      }
      const parcoursId = cle ? uuidv5(`parcours:${cle}`, IDEMPOTENCE) : randomUUID();
      let usagerId = body.usagerId;
      if (body.usager) {
        usagerId = cle ? uuidv5(`usager:${cle}`, IDEMPOTENCE) : randomUUID();
        const data = { ...body.usager, dateNaissance: body.usager.dateNaissance ? new Date(body.usager.dateNaissance) : undefined };
        await db.usager.upsert({ where: { id: usagerId }, create: { id: usagerId, ...data }, update: {} });
      } else if (!(await db.usager.findUnique({ where: { id: usagerId! }, select: { id: true } }))) {
        throw notFound('Usager');
      }
      const workflowId = workflowIdDe(parcoursId);
      // Start and first step in one call: no parcours can exist without its accueil. The fixed update id makes
      // a retried request (same Idempotency-Key) return the first result instead of acting twice.
      const vue = await temporal.workflow.executeUpdateWithStart(accueillirUpdate, {
        args: [{ acteur: acteurDe(req), donnees: body.accueil }],
        updateId: 'accueil',
        startWorkflowOperation: new WithStartWorkflowOperation(parcoursWorkflow, {
          workflowId,
          taskQueue: deps.taskQueue,
          args: [{ parcoursId, usagerId: usagerId!, departement: deps.departement }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
      const { parcoursId: id, ...reste } = vue;
      return { id, ...reste };
    },
  });

  route(r, {
    method: 'get', path: '/parcours/:id', tag: 'Parcours', summary: 'Lire un parcours et sa chronologie',
    params: idParams, response: parcoursDetail, errors: [404],
    handler: async ({ params }) => {
      const p = await db.parcours.findUnique({ where: { id: params.id }, include: { evenements: { orderBy: { seq: 'asc' } } } });
      if (!p) throw notFound('Parcours');
      return { ...parcoursDto(p), evenements: p.evenements.map(evenementDto) };
    },
  });
}
