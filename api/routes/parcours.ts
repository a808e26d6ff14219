import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { Request } from 'express';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe, agentDe, auditer, filtreAAgir, filtreParcours, filtreUsager, verifierEtape } from '../acces';
import { HttpError, notFound } from '../errors';
import { idParams, parcoursPresente, parcoursVue } from '../schemas';
import { presenterParcours } from '../presentation';
import type { Prisma } from '../../generated/prisma/client';
import { vueDto } from '../mappers';
import { usagerSchema } from '../../domain/usager';
import { accueilSchema } from '../../domain/parcours/commandes';
import { ETAPES, STATUTS } from '../../domain/parcours/etapes';
import { workflowIdDe } from '../../domain/parcours/identifiants';
import {
  SCHEMAS_COMMANDES,
  accueillirUpdate,
  commandeUpdate,
  parcoursWorkflow,
  type TypeCommande,
} from '../../workflows/parcours';
import { chargerPolitiqueDelais } from '../../config/delais';
import type { Routage } from '../../domain/parcours/transitions';
import { routerUsager } from '../../activities/organisation';

/** Namespace of the ids derived from an Idempotency-Key: the same key always designates the same parcours. */
const IDEMPOTENCE = 'b6f1c1d2-5c1e-4c52-9d3a-0f4e2a7d9c11';

function cleIdempotence(req: Request): string | undefined {
  const cle = req.header('idempotency-key');
  if (cle !== undefined && !/^[\w.:-]{8,200}$/.test(cle)) {
    throw new HttpError(400, 'donnees_invalides', 'Idempotency-Key invalide.', [
      { champ: 'Idempotency-Key', message: '8 à 200 caractères alphanumériques.' },
    ]);
  }
  return cle;
}

const ouvrirParcours = z
  .object({
    usagerId: z.uuid().optional(),
    usager: usagerSchema.optional(),
    accueil: accueilSchema,
    /** Manual override of the automatic routing, with its reason. */
    routage: z
      .object({
        territoireId: z.string().min(1),
        equipeId: z.string().min(1),
        motif: z.string().trim().min(1, 'Le motif du routage manuel est requis.'),
      })
      .optional(),
  })
  .refine((b) => !!b.usagerId !== !!b.usager, {
    message: 'Indiquer soit usagerId (usager connu), soit usager (nouvel usager).',
    path: ['usagerId'],
  })
  .openapi('OuvertureParcours');

const filtres = z.object({
  etape: z.enum(ETAPES).optional(),
  statut: z.enum(STATUTS).optional(),
  territoireId: z.string().optional(),
  equipeId: z.string().optional(),
  referentId: z.string().optional(),
  usagerId: z.uuid().optional(),
  enRetard: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Only the parcours not closed (actifs and suspendus). */
  ouverts: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** `moi`: the parcours waiting for an action of the signed-in agent ("Mes actions"). */
  pour: z.enum(['moi']).optional(),
  tri: z.enum(['urgence', 'echeance', 'recent']).default('urgence'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Orders of the lists: urgent first then late then by due date; nearest due date; latest step changes. */
const TRIS: Record<'urgence' | 'echeance' | 'recent', Prisma.ParcoursOrderByWithRelationInput[]> = {
  urgence: [
    { urgence: 'desc' },
    { enRetard: 'desc' },
    { echeance: { sort: 'asc', nulls: 'last' } },
    { etapeDepuis: 'asc' },
  ],
  echeance: [{ echeance: { sort: 'asc', nulls: 'last' } }, { etapeDepuis: 'asc' }],
  recent: [{ etapeDepuis: 'desc' }],
};

/** The human steps, by path: each is one workflow Update whose data schema is also the request body. */
const ACTIONS: Array<{ chemin: string; type: TypeCommande; resume: string }> = [
  {
    chemin: 'evaluation',
    type: 'evaluer',
    resume: 'Enregistrer l’évaluation globale (conclusion : répondu ou orientation)',
  },
  { chemin: 'orientation', type: 'orienter', resume: 'Décision d’orientation de l’équipe pluridisciplinaire' },
  {
    chemin: 'referent',
    type: 'designerReferent',
    resume: 'Désigner le référent de parcours (accord de la personne requis)',
  },
  { chemin: 'plan', type: 'etablirPlan', resume: 'Établir le plan d’accompagnement (contrat d’engagement)' },
  { chemin: 'revues', type: 'reviser', resume: 'Enregistrer une revue périodique' },
  { chemin: 'reorientation', type: 'demanderReorientation', resume: 'Demander une réorientation à l’équipe' },
  { chemin: 'suspension', type: 'suspendre', resume: 'Suspendre le parcours (les délais s’arrêtent)' },
  { chemin: 'reprise', type: 'reprendre', resume: 'Reprendre un parcours suspendu (les délais repartent)' },
  { chemin: 'prolongation', type: 'prolonger', resume: 'Prolonger le délai en cours, avec un motif' },
  { chemin: 'cloture', type: 'cloturer', resume: 'Clore le parcours avec un motif' },
  { chemin: 'referent/changement', type: 'changerReferent', resume: 'Changer de référent (passation tracée)' },
  { chemin: 'rendez-vous', type: 'planifierRendezVous', resume: 'Planifier un rendez-vous (rappel à la personne)' },
  { chemin: 'relance', type: 'relancer', resume: 'Relancer la personne qui doit agir' },
];

export function parcoursRoutes(r: Routes, deps: ApiDeps): void {
  const { db, temporal } = deps;
  const politique = chargerPolitiqueDelais(deps.departement);

  route(r, {
    method: 'post',
    path: '/parcours',
    tag: 'Parcours',
    summary: 'Premier accueil : ouvre un parcours (en-tête Idempotency-Key accepté)',
    acces: 'parcours.ouvrir',
    body: ouvrirParcours,
    response: parcoursPresente,
    status: 201,
    errors: [404, 409],
    handler: async ({ body, req, res }) => {
      const cle = cleIdempotence(req);
      if (body.routage) {
        const equipe = await db.equipe.findUnique({
          where: { id: body.routage.equipeId },
          select: { territoireId: true },
        });
        if (equipe?.territoireId !== body.routage.territoireId) {
          throw new HttpError(400, 'donnees_invalides', 'Routage invalide.', [
            { champ: 'routage.equipeId', message: 'Cette équipe n’existe pas dans ce territoire.' },
          ]);
        }
      }
      // Keys are per agent: replaying someone else's key must not hand back their parcours.
      const agentCle = cle ? `${agentDe(req).id}:${cle}` : undefined;
      const parcoursId = agentCle ? uuidv5(`parcours:${agentCle}`, IDEMPOTENCE) : randomUUID();
      let usagerId = body.usagerId;
      let communeCode = body.usager?.communeCode;
      if (body.usager) {
        usagerId = agentCle ? uuidv5(`usager:${agentCle}`, IDEMPOTENCE) : randomUUID();
        const data = {
          ...body.usager,
          dateNaissance: body.usager.dateNaissance ? new Date(body.usager.dateNaissance) : undefined,
        };
        await db.usager.upsert({ where: { id: usagerId }, create: { id: usagerId, ...data }, update: {} });
      } else {
        const connu = await db.usager.findFirst({
          where: { id: usagerId!, ...filtreUsager(agentDe(req)) },
          select: { communeCode: true },
        });
        if (!connu) throw notFound('Usager');
        communeCode = connu.communeCode ?? undefined;
      }
      // Routing: the manual choice when given (with its reason), else the usager's commune → territoire → équipe.
      const auto = !body.routage && communeCode ? await routerUsager(db, deps.departement, communeCode) : null;
      auditer(res, usagerId);
      const routage: Routage | null = body.routage
        ? { ...body.routage, mode: 'manuel' }
        : auto
          ? { ...auto, mode: 'automatique' }
          : null;
      // Start and first step in one call: no parcours can exist without its accueil. The fixed update id makes
      // a retried request (same Idempotency-Key) return the first result instead of acting twice.
      const vue = await temporal.workflow.executeUpdateWithStart(accueillirUpdate, {
        args: [{ acteur: acteurDe(req), donnees: body.accueil }],
        updateId: 'accueil',
        startWorkflowOperation: new WithStartWorkflowOperation(parcoursWorkflow, {
          workflowId: workflowIdDe(parcoursId),
          taskQueue: deps.taskQueue,
          args: [{ parcoursId, usagerId: usagerId!, departement: deps.departement, politique, routage }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
      // The update returns once its projection is written: the row is there to present with its names.
      const ligne = await db.parcours.findUniqueOrThrow({ where: { id: vue.parcoursId } });
      const [presente] = await presenterParcours(db, politique, agentDe(req), [ligne]);
      return presente!;
    },
  });

  route(r, {
    method: 'get',
    path: '/parcours',
    tag: 'Parcours',
    summary: 'Lister les parcours (urgents, puis en retard, puis par échéance), avec les noms et les actions possibles',
    acces: 'parcours.lire',
    query: filtres,
    response: z.object({ items: z.array(parcoursPresente), total: z.number() }),
    handler: async ({ query: { limit, offset, tri, pour, ouverts, ...f }, req, res }) => {
      const agent = agentDe(req);
      const where = {
        AND: [
          Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)),
          pour === 'moi' ? filtreAAgir(agent) : filtreParcours(agent),
          ...(ouverts ? [{ statut: { not: 'clos' } }] : []),
        ],
      };
      const [items, total] = await Promise.all([
        db.parcours.findMany({ where, orderBy: TRIS[tri], take: limit, skip: offset }),
        db.parcours.count({ where }),
      ]);
      auditer(res, ...items.map((p) => p.usagerId));
      return { items: await presenterParcours(db, politique, agent, items), total };
    },
  });

  route(r, {
    method: 'get',
    path: '/parcours/:id',
    tag: 'Parcours',
    summary: 'Lire un parcours et sa chronologie',
    acces: 'parcours.lire',
    params: idParams,
    response: parcoursPresente,
    errors: [404],
    handler: async ({ params, req, res }) => {
      const agent = agentDe(req);
      const p = await db.parcours.findFirst({
        where: { id: params.id, ...filtreParcours(agent) },
        include: { evenements: { orderBy: { seq: 'asc' } } },
      });
      if (!p) throw notFound('Parcours');
      auditer(res, p.usagerId);
      const [presente] = await presenterParcours(db, politique, agent, [p]);
      return presente!;
    },
  });

  for (const action of ACTIONS) {
    route(r, {
      method: 'post',
      path: `/parcours/:id/${action.chemin}`,
      tag: 'Étapes du parcours',
      summary: action.resume,
      acces: 'parcours.agir',
      params: idParams,
      body: SCHEMAS_COMMANDES[action.type],
      response: parcoursVue,
      errors: [404, 409],
      handler: async ({ params, body, req, res }) => {
        const agent = agentDe(req);
        const p = await db.parcours.findFirst({
          where: { id: params.id, ...filtreParcours(agent) },
          select: { workflowId: true, statut: true, usagerId: true, referentId: true, territoireId: true },
        });
        if (!p) throw notFound('Parcours');
        auditer(res, p.usagerId);
        verifierEtape(agent, action.type, p);
        if (p.statut === 'clos') throw new HttpError(409, 'etape_invalide', 'Le parcours est clos.');
        const cle = cleIdempotence(req);
        const vue = await temporal.workflow.getHandle(p.workflowId).executeUpdate(commandeUpdate(action.type), {
          args: [{ acteur: acteurDe(req), donnees: body }],
          ...(cle ? { updateId: `${action.type}:${cle}` } : {}),
        });
        return vueDto(vue);
      },
    });
  }
}
