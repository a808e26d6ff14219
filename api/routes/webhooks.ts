/**
 * Partners' webhooks, administered by the département's administrators: subscriptions (the secret is shown once,
 * at creation), the delivery log by subscription or parcours, and replays.
 */
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { z } from 'zod';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe, auditer } from '../acces';
import { HttpError, notFound } from '../errors';
import { cleIdempotence } from '../idempotence';
import { idParams } from '../contrat/communs';
import {
  abonnementCree,
  abonnementVue,
  abonnementsListe,
  filtresLivraisons,
  journalWebhooks,
  livraisonVue,
  nouvelAbonnement,
  rejeuLivraisons,
} from '../contrat/webhooks';
import type { AbonnementWebhook, LivraisonWebhook, Prisma } from '../../generated/prisma/client';
import { STATUTS_LIVRAISON, type CorpsWebhook, type StatutLivraison } from '../../domain/webhooks/evenements';
import { nouveauSecret } from '../../infra/webhooks';
import { WORKFLOWS, workflowIdLivraison } from '../../workflows/messages';
import type { livraisonWebhookWorkflow } from '../../workflows/webhooks';

/** Namespace of ids derived from an Idempotency-Key: one click, one subscription (or one replay). */
const CLES = '0f4b2a6c-8d1e-4f3a-b5c7-9e2d4f6a8b10';
/** Failed deliveries replayed by one request, at most (the rest with the next one). */
const REJEU_MAX = 1_000;

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** The person whose event a delivery carries (none once anonymised: the body is emptied). */
const usagerDe = (l: { corps: string }) => (JSON.parse(l.corps) as Partial<CorpsWebhook>).parcours?.usagerId;

export function webhooksRoutes(r: Routes, deps: ApiDeps): void {
  const { db, temporal } = deps;

  async function abonnement(id: string): Promise<AbonnementWebhook> {
    const a = await db.abonnementWebhook.findFirst({ where: { id, departement: deps.departement } });
    if (!a) throw notFound('Abonnement');
    return a;
  }

  async function vue(a: AbonnementWebhook): Promise<z.infer<typeof abonnementVue>> {
    const comptes = await db.livraisonWebhook.groupBy({
      by: ['statut'],
      where: { abonnementId: a.id },
      _count: { _all: true },
    });
    const livraisons = Object.fromEntries(STATUTS_LIVRAISON.map((s) => [s, 0])) as Record<StatutLivraison, number>;
    for (const c of comptes) livraisons[c.statut as StatutLivraison] = c._count._all;
    return {
      id: a.id,
      partenaire: a.partenaire,
      url: a.url,
      types: a.types,
      territoireIds: a.territoireIds,
      actif: a.actif,
      creeLe: a.creeLe.toISOString(),
      desactiveLe: iso(a.desactiveLe),
      motifDesactivation: a.motifDesactivation,
      livraisons,
    };
  }

  const livraisonDto = (
    l: LivraisonWebhook & { abonnement: { partenaire: string } },
  ): z.infer<typeof livraisonVue> => ({
    id: l.id,
    abonnementId: l.abonnementId,
    partenaire: l.abonnement.partenaire,
    parcoursId: l.parcoursId,
    evenementId: l.evenementId,
    type: l.type,
    statut: l.statut as StatutLivraison,
    tentatives: l.tentatives,
    dernierStatutHttp: l.dernierStatutHttp,
    derniereErreur: l.derniereErreur,
    creeLe: l.creeLe.toISOString(),
    derniereTentativeLe: iso(l.derniereTentativeLe),
    prochainEssaiLe: iso(l.prochainEssaiLe),
    livreeLe: iso(l.livreeLe),
  });

  /**
   * Starts the replay of a delivery: its workflow reopens it, then posts it as the first time (same event id,
   * new timestamp and signature). The run's id comes from the request's key: the same request replays once.
   */
  async function rejouer(livraisonId: string, cle: string): Promise<void> {
    try {
      await temporal.workflow.start<typeof livraisonWebhookWorkflow>(WORKFLOWS.livraisonWebhook, {
        workflowId: `${workflowIdLivraison(livraisonId)}-rejeu-${uuidv5(`${cle}:${livraisonId}`, CLES)}`,
        taskQueue: deps.taskQueue,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [{ livraisonId, rejeu: true }],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  const actif = (a: AbonnementWebhook) => {
    if (!a.actif)
      throw new HttpError(409, 'abonnement_inactif', 'Cet abonnement est désactivé : le réactiver avant de rejouer.');
  };

  route(r, {
    method: 'get',
    path: '/webhooks/abonnements',
    tag: 'Webhooks',
    summary: 'Les abonnements des systèmes partenaires aux événements des parcours du département',
    acces: 'webhooks.administrer',
    response: abonnementsListe,
    handler: async () => {
      const abonnements = await db.abonnementWebhook.findMany({
        where: { departement: deps.departement },
        orderBy: { creeLe: 'desc' },
      });
      return { items: await Promise.all(abonnements.map(vue)) };
    },
  });

  route(r, {
    method: 'post',
    path: '/webhooks/abonnements',
    tag: 'Webhooks',
    summary:
      'Abonner un système partenaire (types d’événements choisis) ; le secret de signature n’est rendu qu’ici (Idempotency-Key accepté)',
    acces: 'webhooks.administrer',
    body: nouvelAbonnement,
    status: 201,
    response: abonnementCree,
    idempotence: true,
    handler: async ({ body, req }) => {
      const cle = cleIdempotence(req);
      const id = cle ? uuidv5(`${acteurDe(req)}:${cle}`, CLES) : uuidv4();
      if (body.territoireIds.length) {
        const connus = await db.territoire.count({
          where: { id: { in: body.territoireIds }, departement: deps.departement },
        });
        if (connus !== body.territoireIds.length)
          throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
            { champ: 'territoireIds', message: 'Territoire inconnu dans ce département.' },
          ]);
      }
      await db.abonnementWebhook.createMany({
        data: [{ id, departement: deps.departement, creePar: acteurDe(req), secret: nouveauSecret(), ...body }],
        skipDuplicates: true,
      });
      // The same request replayed with its key gets the same answer, secret included (its first answer was lost).
      const a = await abonnement(id);
      return { ...(await vue(a)), secret: a.secret };
    },
  });

  route(r, {
    method: 'get',
    path: '/webhooks/abonnements/:id',
    tag: 'Webhooks',
    summary: 'Un abonnement et le compte de ses livraisons par statut (sans son secret)',
    acces: 'webhooks.administrer',
    params: idParams,
    response: abonnementVue,
    handler: async ({ params }) => vue(await abonnement(params.id)),
  });

  for (const [chemin, actifApres] of [
    ['desactivation', false],
    ['activation', true],
  ] as const) {
    route(r, {
      method: 'post',
      path: `/webhooks/abonnements/:id/${chemin}`,
      tag: 'Webhooks',
      summary: actifApres
        ? 'Réactiver un abonnement (les événements suivants lui sont livrés ; Idempotency-Key accepté)'
        : 'Désactiver un abonnement : plus aucun événement ne lui est livré, les livraisons en attente sont annulées (Idempotency-Key accepté)',
      acces: 'webhooks.administrer',
      params: idParams,
      response: abonnementVue,
      idempotence: true,
      handler: async ({ params, req }) => {
        cleIdempotence(req);
        const a = await abonnement(params.id);
        if (a.actif === actifApres) return vue(a);
        return vue(
          await db.abonnementWebhook.update({
            where: { id: a.id },
            data: actifApres
              ? { actif: true, desactiveLe: null, motifDesactivation: null }
              : { actif: false, desactiveLe: new Date(), motifDesactivation: 'Désactivé par un administrateur.' },
          }),
        );
      },
    });
  }

  route(r, {
    method: 'get',
    path: '/webhooks/livraisons',
    tag: 'Webhooks',
    summary: 'Journal des livraisons, par abonnement, parcours ou statut (tentatives, dernière réponse, dates)',
    acces: 'webhooks.livraisons',
    query: filtresLivraisons,
    response: journalWebhooks,
    handler: async ({ query, res }) => {
      const where: Prisma.LivraisonWebhookWhereInput = {
        abonnement: { departement: deps.departement },
        ...(query.abonnementId ? { abonnementId: query.abonnementId } : {}),
        ...(query.parcoursId ? { parcoursId: query.parcoursId } : {}),
        ...(query.statut ? { statut: query.statut } : {}),
      };
      const [lignes, total] = await Promise.all([
        db.livraisonWebhook.findMany({
          where,
          include: { abonnement: { select: { partenaire: true } } },
          orderBy: [{ creeLe: 'desc' }, { id: 'asc' }],
          take: query.limit,
          skip: query.offset,
        }),
        db.livraisonWebhook.count({ where }),
      ]);
      // The persons whose events these are: the log names their parcours.
      auditer(res, ...lignes.map((l) => usagerDe(l)));
      return { items: lignes.map(livraisonDto), total };
    },
  });

  route(r, {
    method: 'post',
    path: '/webhooks/livraisons/:id/rejeu',
    tag: 'Webhooks',
    summary:
      'Rejouer une livraison (même identifiant d’événement, nouvelle signature) ; 409 si elle est en cours ou son abonnement désactivé (Idempotency-Key accepté)',
    acces: 'webhooks.rejouer',
    params: idParams,
    status: 202,
    response: livraisonVue,
    idempotence: true,
    errors: [409],
    handler: async ({ params, req, res }) => {
      const cle = cleIdempotence(req);
      const l = await db.livraisonWebhook.findFirst({
        where: { id: params.id, abonnement: { departement: deps.departement } },
        include: { abonnement: true },
      });
      if (!l) throw notFound('Livraison');
      auditer(res, usagerDe(l));
      actif(l.abonnement);
      if (l.statut === 'en_attente' && !cle)
        throw new HttpError(409, 'livraison_en_cours', 'Cette livraison est déjà en cours : elle sera reprise seule.');
      await rejouer(l.id, cle ?? uuidv4());
      return livraisonDto(l);
    },
  });

  route(r, {
    method: 'post',
    path: '/webhooks/abonnements/:id/rejeu',
    tag: 'Webhooks',
    summary: 'Rejouer toutes les livraisons en échec d’un abonnement (1 000 à la fois ; Idempotency-Key accepté)',
    acces: 'webhooks.rejouer',
    params: idParams,
    status: 202,
    response: rejeuLivraisons,
    idempotence: true,
    errors: [409],
    handler: async ({ params, req, res }) => {
      const cle = cleIdempotence(req) ?? uuidv4();
      const a = await abonnement(params.id);
      actif(a);
      const echecs = await db.livraisonWebhook.findMany({
        where: { abonnementId: a.id, statut: 'echec' },
        orderBy: { creeLe: 'asc' },
        take: REJEU_MAX,
      });
      auditer(res, ...echecs.map((l) => usagerDe(l)));
      for (const l of echecs) await rejouer(l.id, cle);
      return { relancees: echecs.length };
    },
  });
}
