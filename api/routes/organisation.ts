import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Routes } from '../route';
import { route } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe, agentDe, auditer, filtreUsager, verifierTerritoire, type AgentConnecte } from '../acces';
import { HttpError, notFound } from '../errors';
import { chargerOrganisation } from '../../config/organisation';
import { communeActuelle, proposerReferents, routerUsager } from '../../activities/organisation';
import { couverture, lieuxLesPlusProches } from '../../domain/organisation/proximite';
import { choisirReferent } from '../../domain/organisation/referents';
import { reassignationWorkflow } from '../../workflows/reassignation';
import type { Db } from '../../infra/prisma';
import { nomsAgents } from '../noms';

const codeCommune = z.object({
  code: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE de commune attendu (5 caractères).'),
});
const idLisible = z.string().regex(/^[a-z0-9-]{1,100}$/, 'Identifiant invalide.');
const km = (d: number) => Math.round(d * 10) / 10;

const lieuVue = z
  .object({
    id: z.string(),
    type: z.string(),
    nom: z.string(),
    adresse: z.string().nullable(),
    communeCode: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    horaires: z.record(z.string(), z.string()),
    partenaire: z.boolean(),
    telephone: z.string().nullable(),
    email: z.string().nullable(),
    source: z.string(),
  })
  .openapi('LieuAccueil');
const lieuProcheVue = lieuVue.extend({ distanceKm: z.number() }).openapi('LieuAccueilProche');

const routageVue = z
  .object({ communeCode: z.string(), territoireId: z.string(), equipeId: z.string() })
  .openapi('Routage');

const propositionVue = z
  .object({
    agentId: z.string(),
    nom: z.string().describe('Nom de l’agent'),
    rang: z.number(),
    continuite: z.boolean(),
    bonPole: z.boolean(),
    complet: z.boolean(),
    charge: z.number(),
    capacite: z.number(),
  })
  .openapi('PropositionReferent');

const bilanVue = z
  .object({
    parcours: z.number(),
    changes: z.number(),
    dejaFaits: z.number(),
    horsAccompagnement: z.number(),
    sansRepreneur: z.array(z.string()),
    repartition: z.record(z.string(), z.number()),
  })
  .openapi('BilanReassignation');

const ERREURS_CHOIX = {
  aucun_referent: [409, 'Aucun référent actif dans cette équipe.'],
  hors_equipe: [400, 'Cet agent n’est pas référent de cette équipe.'],
  motif_requis: [400, 'Choisir un autre référent que celui proposé demande un motif.'],
} as const;

async function communePoint(db: Db, code: string) {
  const c = await db.commune.findUnique({ where: { code: await communeActuelle(db, code) } });
  if (!c) throw notFound('Commune');
  return c;
}

/** Organisation and geography: routing, proximity, coverage, référent proposals, bulk reassignment. */
export function organisationRoutes(r: Routes, deps: ApiDeps): void {
  const { db, temporal } = deps;
  const organisation = chargerOrganisation(deps.departement);

  route(r, {
    method: 'get',
    path: '/organisation',
    tag: 'Organisation',
    summary: 'Agences, territoires d’action et équipes du département',
    acces: 'authentifie',
    response: z
      .object({
        departement: z.string(),
        nom: z.string(),
        limiteKm: z.number(),
        agences: z.array(z.object({ id: z.string(), nom: z.string() })),
        territoires: z.array(
          z.object({
            id: z.string(),
            nom: z.string(),
            agenceId: z.string().nullable(),
            communes: z.number(),
            equipes: z.array(
              z.object({ id: z.string(), nom: z.string(), poles: z.array(z.string()), agents: z.number() }),
            ),
          }),
        ),
      })
      .openapi('Organisation'),
    handler: async () => {
      const [agences, territoires] = await Promise.all([
        db.agence.findMany({ where: { departement: deps.departement }, orderBy: { id: 'asc' } }),
        db.territoire.findMany({
          where: { departement: deps.departement },
          orderBy: { id: 'asc' },
          include: {
            _count: { select: { communes: true } },
            equipes: { orderBy: { id: 'asc' }, include: { _count: { select: { agents: true } } } },
          },
        }),
      ]);
      return {
        departement: deps.departement,
        nom: organisation.nom,
        limiteKm: organisation.couverture.limiteKm,
        agences: agences.map((a) => ({ id: a.id, nom: a.nom })),
        territoires: territoires.map((t) => ({
          id: t.id,
          nom: t.nom,
          agenceId: t.agenceId,
          communes: t._count.communes,
          equipes: t.equipes.map((e) => ({ id: e.id, nom: e.nom, poles: e.poles, agents: e._count.agents })),
        })),
      };
    },
  });

  route(r, {
    method: 'get',
    path: '/communes/:code/routage',
    tag: 'Organisation',
    summary: 'Territoire d’action et équipe d’une commune (anciens codes et communes déléguées acceptés)',
    acces: 'authentifie',
    params: codeCommune,
    response: routageVue,
    errors: [404],
    handler: async ({ params }) => {
      const communeCode = await communeActuelle(db, params.code);
      const routage = await routerUsager(db, deps.departement, communeCode);
      if (!routage) throw new HttpError(404, 'introuvable', 'Commune inconnue ou hors du département.');
      return { communeCode, ...routage };
    },
  });

  route(r, {
    method: 'get',
    path: '/communes/:code/lieux-accueil',
    tag: 'Organisation',
    summary: 'Lieux d’accueil les plus proches d’une commune (distance à vol d’oiseau)',
    acces: 'authentifie',
    params: codeCommune,
    query: z.object({ n: z.coerce.number().int().min(1).max(50).default(5) }),
    response: z.object({ commune: z.object({ code: z.string(), nom: z.string() }), lieux: z.array(lieuProcheVue) }),
    errors: [404],
    handler: async ({ params, query }) => {
      const c = await communePoint(db, params.code);
      const lieux = (await db.lieuAccueil.findMany()).map((l) => ({ ...l, lat: l.latitude, lng: l.longitude }));
      return {
        commune: { code: c.code, nom: c.nom },
        lieux: lieuxLesPlusProches({ lat: c.latitude, lng: c.longitude }, lieux, query.n).map(
          ({ lieu: { lat: _a, lng: _b, ...l }, distanceKm }) => ({
            ...l,
            horaires: l.horaires as Record<string, string>,
            distanceKm: km(distanceKm),
          }),
        ),
      };
    },
  });

  route(r, {
    method: 'get',
    path: '/couverture',
    tag: 'Organisation',
    summary:
      'Communes du département sans lieu d’accueil à moins de la distance limite (configuration : 20 km dans le Loiret)',
    acces: 'authentifie',
    query: z.object({ limiteKm: z.coerce.number().positive().max(200).optional() }),
    response: z
      .object({
        departement: z.string(),
        limiteKm: z.number(),
        communes: z.number(),
        lieuxAccueil: z.number(),
        horsPortee: z.number(),
        pireDistanceKm: z.number().nullable(),
        communesHorsPortee: z.array(
          z.object({
            code: z.string(),
            nom: z.string(),
            distanceKm: z.number().nullable(),
            lieuLePlusProche: z.object({ id: z.string(), nom: z.string() }).nullable(),
          }),
        ),
      })
      .openapi('Couverture'),
    handler: async ({ query }) => {
      const [communes, lieux] = await Promise.all([
        db.commune.findMany({
          where: { departement: organisation.codeInsee },
          select: { code: true, nom: true, latitude: true, longitude: true },
        }),
        db.lieuAccueil.findMany({ select: { id: true, nom: true, latitude: true, longitude: true } }),
      ]);
      const c = couverture(
        communes.map((x) => ({ code: x.code, nom: x.nom, lat: x.latitude, lng: x.longitude })),
        lieux.map((l) => ({ id: l.id, nom: l.nom, lat: l.latitude, lng: l.longitude })),
        query.limiteKm ?? organisation.couverture.limiteKm,
      );
      return {
        departement: deps.departement,
        limiteKm: c.limiteKm,
        communes: c.communes,
        lieuxAccueil: lieux.length,
        horsPortee: c.horsPortee.length,
        pireDistanceKm: c.pireDistanceKm === null || !Number.isFinite(c.pireDistanceKm) ? null : km(c.pireDistanceKm),
        communesHorsPortee: c.horsPortee.map((h) => ({
          code: h.commune.code,
          nom: h.commune.nom,
          distanceKm: h.plusProche ? km(h.plusProche.distanceKm) : null,
          lieuLePlusProche: h.plusProche ? { id: h.plusProche.lieu.id, nom: h.plusProche.lieu.nom } : null,
        })),
      };
    },
  });

  const equipeParams = z.object({ id: idLisible });
  /** 404 unless the équipe is the département's and within the agent's scope; and the usager, if named. */
  async function equipeDuDepartement(id: string, agent: AgentConnecte, usagerId?: string) {
    const e = await db.equipe.findFirst({
      where: { id, territoire: { departement: deps.departement } },
      select: { id: true, territoireId: true },
    });
    if (!e) throw notFound('Équipe');
    verifierTerritoire(agent, e.territoireId);
    if (
      usagerId &&
      !(await db.usager.findFirst({ where: { id: usagerId, ...filtreUsager(agent) }, select: { id: true } }))
    )
      throw notFound('Usager');
  }

  route(r, {
    method: 'get',
    path: '/equipes/:id/referents',
    tag: 'Organisation',
    summary: 'Référents de l’équipe classés pour un usager : continuité, pôle, charge au regard de la capacité',
    acces: 'referents.proposer',
    params: equipeParams,
    query: z.object({ usagerId: z.uuid().optional() }),
    response: z.array(propositionVue),
    errors: [404],
    handler: async ({ params, query, req, res }) => {
      await equipeDuDepartement(params.id, agentDe(req), query.usagerId);
      auditer(res, query.usagerId);
      const propositions = await proposerReferents(db, params.id, query.usagerId);
      const noms = await nomsAgents(
        db,
        propositions.map((p) => p.agentId),
      );
      return propositions.map((p) => ({ ...p, nom: noms.get(p.agentId) ?? 'Agent' }));
    },
  });

  route(r, {
    method: 'post',
    path: '/equipes/:id/referents/choix',
    tag: 'Organisation',
    summary: 'Valider le choix d’un cadre : la proposition, ou un autre référent de l’équipe avec un motif',
    acces: 'referents.proposer',
    params: equipeParams,
    body: z
      .object({ usagerId: z.uuid().optional(), agentId: idLisible.optional(), motif: z.string().max(1000).optional() })
      .openapi('ChoixReferent'),
    response: z
      .object({ referentId: z.string(), derogation: z.boolean(), motif: z.string().nullable() })
      .openapi('DecisionReferent'),
    errors: [404, 409],
    handler: async ({ params, body, req, res }) => {
      await equipeDuDepartement(params.id, agentDe(req), body.usagerId);
      auditer(res, body.usagerId);
      const choix = choisirReferent(
        await proposerReferents(db, params.id, body.usagerId),
        body.agentId ? { agentId: body.agentId, motif: body.motif } : undefined,
      );
      if (!choix.ok) {
        const [status, message] = ERREURS_CHOIX[choix.erreur];
        throw new HttpError(status, choix.erreur, message);
      }
      return { referentId: choix.referentId, derogation: choix.derogation, motif: choix.motif };
    },
  });

  route(r, {
    method: 'post',
    path: '/agents/:id/reassignation',
    tag: 'Organisation',
    summary:
      'Réassigner tous les parcours ouverts d’un agent (absence, départ) : une opération durable (Idempotency-Key accepté)',
    acces: 'agents.reassigner',
    params: equipeParams,
    body: z
      .object({ nouveauReferentId: idLisible.optional(), motif: z.string().trim().min(3).max(1000) })
      .openapi('DemandeReassignation'),
    status: 202,
    response: z.object({ operationId: z.string() }).openapi('OperationReassignation'),
    errors: [404],
    handler: async ({ params, body, req }) => {
      const cle = req.header('idempotency-key');
      if (cle !== undefined && !/^[\w.:-]{8,200}$/.test(cle)) {
        throw new HttpError(400, 'donnees_invalides', 'Idempotency-Key invalide.', [
          { champ: 'Idempotency-Key', message: '8 à 200 caractères alphanumériques.' },
        ]);
      }
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
        await temporal.workflow.start(reassignationWorkflow, {
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
    response: z.object({ operationId: z.string(), statut: z.string(), bilan: bilanVue.nullable() }),
    errors: [404],
    handler: async ({ params }) => {
      const handle = temporal.workflow.getHandle(params.id);
      const { status } = await handle.describe().catch((err: unknown) => {
        throw err instanceof WorkflowNotFoundError ? notFound('Réassignation') : err;
      });
      return {
        operationId: params.id,
        statut: status.name,
        bilan: status.name === 'COMPLETED' ? ((await handle.result()) as z.infer<typeof bilanVue>) : null,
      };
    },
  });
}
