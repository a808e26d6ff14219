import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/common';
import { v5 as uuidv5 } from 'uuid';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import {
  acteurDe,
  agentDe,
  auditer,
  filtreAAgir,
  filtreParcours,
  filtreUsager,
  verifierEtape,
  vueComplete,
} from '../acces';
import { HttpError, notFound } from '../errors';
import { idParams } from '../contrat/communs';
import type { z } from 'zod';
import { BORNE_TOTAL } from '../contrat/parcours';
import { encoderCurseur, MESSAGE_CURSEUR } from '../contrat/curseur';
import { ordre, pageParcours, position, type Tri } from '../../lecture/listes';
import type { Prisma } from '../../generated/prisma/client';
import {
  filtresParcours,
  journalLivraisons,
  listeParcours,
  messageVue,
  ouvertureParcours,
  parcoursDetail,
  parcoursLigne,
  parcoursVue,
} from '../contrat/parcours';
import { detailParcours, ligneParcours, vueDto } from '../mappers';
import { nommer, nommerDossier } from '../../lecture/noms';
import { sessionsEnAttente } from '../../lecture/sessions';
import { commandeUpdate } from '../../workflows/messages';
import { ouvrirParcours } from '../../infra/ouverture-parcours';
import { ACTIONS, TYPES_ACTION } from '../../domain/parcours/actions';
import { chargerPolitiqueDelais } from '../../config/delais';
import type { Routage } from '../../domain/parcours/transitions';
import { equipeDuDepartement, routerUsager } from '../../lecture/routage';
import { EQUIPE_HORS_ROUTAGE } from '../../domain/parcours/commandes';
import { cleIdempotence } from '../idempotence';
import type { VueParcours } from '../../domain/parcours/etat';

/**
 * The order the bounded count reads its rows in (Prisma orders every `take`, by id if nothing else): the index of
 * the most selective filter, so that PostgreSQL stops after BORNE_TOTAL + 1 matches instead of walking most of the
 * scope's index to find that many (measured: an étape filter, 31 ms in the list's order, ≈ 2 ms on its own index).
 */
function ordreDuCompte(
  f: { etape?: string; referentId?: string; equipeId?: string },
  pour: 'moi' | undefined,
  tri: Tri,
): Prisma.ParcoursOrderByWithRelationInput[] {
  if (f.referentId) return [{ referentId: 'asc' }];
  if (f.etape || pour === 'moi') return [{ etape: 'asc' }, { enRetard: 'asc' }];
  if (f.equipeId) return [{ equipeId: 'asc' }];
  return ordre(tri);
}

/** Namespace of the ids derived from an Idempotency-Key: the same key always designates the same parcours. */
const IDEMPOTENCE = 'b6f1c1d2-5c1e-4c52-9d3a-0f4e2a7d9c11';

export function parcoursRoutes(r: Routes, deps: ApiDeps): void {
  const { db, temporal } = deps;
  const politique = chargerPolitiqueDelais(deps.departement);

  route(r, {
    method: 'post',
    path: '/parcours',
    tag: 'Parcours',
    summary: 'Premier accueil : ouvre un parcours (en-tête Idempotency-Key accepté)',
    acces: 'parcours.ouvrir',
    body: ouvertureParcours,
    response: parcoursLigne,
    status: 201,
    idempotence: true,
    errors: [404, 409],
    handler: async ({ body, req, res }) => {
      const cle = cleIdempotence(req);
      if (body.routage && !(await equipeDuDepartement(db, deps.departement, body.routage))) {
        throw new HttpError(400, 'donnees_invalides', 'Routage invalide.', [
          { champ: 'routage.equipeId', message: EQUIPE_HORS_ROUTAGE },
        ]);
      }
      // Keys are per agent: replaying someone else's key must not hand back their parcours.
      const agentCle = cle ? `${agentDe(req).id}:${cle}` : undefined;
      const parcoursId = agentCle ? uuidv5(`parcours:${agentCle}`, IDEMPOTENCE) : randomUUID();
      let usagerId = body.usagerId;
      let communeCode = body.usager?.communeCode;
      if (!body.usager) {
        const connu = await db.usager.findFirst({
          where: { id: usagerId!, ...filtreUsager(agentDe(req)) },
          select: { communeCode: true },
        });
        if (!connu) throw notFound('Usager');
        communeCode = connu.communeCode ?? undefined;
      }
      // Routing: the manual choice when given (with its reason), else the usager's commune → territoire → équipe.
      // No parcours without an équipe that can act on it: refused (before anything is written) when neither.
      const auto = !body.routage && communeCode ? await routerUsager(db, deps.departement, communeCode) : null;
      if (!body.routage && !auto) {
        throw new HttpError(400, 'donnees_invalides', 'Aucune équipe du département pour cette personne.', [
          {
            champ: body.usager ? 'usager.communeCode' : 'routage',
            message: communeCode
              ? 'Commune hors du département : choisir l’équipe qui suivra la personne (routage manuel motivé).'
              : 'Sans commune de résidence : l’indiquer, ou choisir l’équipe qui suivra la personne (routage manuel motivé).',
          },
        ]);
      }
      if (body.usager) {
        usagerId = agentCle ? uuidv5(`usager:${agentCle}`, IDEMPOTENCE) : randomUUID();
        const data = {
          ...body.usager,
          dateNaissance: body.usager.dateNaissance ? new Date(body.usager.dateNaissance) : undefined,
          // With the person, in one write: no person left without the consent they gave.
          smsConsentementLe: body.consentementSms ? new Date() : undefined,
        };
        // Concurrent requests with one key insert the same row: the first wins, the others find it (no 500).
        await db.usager.createMany({ data: [{ id: usagerId, ...data }], skipDuplicates: true });
      } else if (body.consentementSms)
        await db.usager.update({ where: { id: usagerId! }, data: { smsConsentementLe: new Date() } });
      auditer(res, usagerId);
      const routage: Routage = body.routage ? { ...body.routage, mode: 'manuel' } : { ...auto!, mode: 'automatique' };
      const vue = await ouvrirParcours(
        temporal,
        deps.taskQueue,
        { parcoursId, usagerId: usagerId!, departement: deps.departement, politique, routage },
        { acteur: acteurDe(req), donnees: body.accueil },
      );
      // The update returns once its projection is written: the row is there, to answer with its names.
      const ligne = await db.parcours.findUniqueOrThrow({ where: { id: vue.parcoursId } });
      return ligneParcours(agentDe(req), ligne, await nommer(db, [ligne]), politique);
    },
  });

  route(r, {
    method: 'get',
    path: '/parcours',
    tag: 'Parcours',
    summary:
      'Lister les parcours (urgents, puis en retard, puis par échéance), avec noms, retards et actions possibles',
    acces: 'parcours.lire',
    query: filtresParcours,
    response: listeParcours,
    handler: async ({
      query: { limit, offset, tri, apres, pour, ouverts, enIncident, aReassigner, ...f },
      req,
      res,
    }) => {
      // A cursor belongs to its order, and starts the page itself: no offset beside it.
      if (apres && (apres.t !== tri || offset))
        throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
          { champ: 'query.apres', message: apres.t !== tri ? MESSAGE_CURSEUR : 'Curseur ou offset, pas les deux.' },
        ]);
      const agent = agentDe(req);
      const where = {
        AND: [
          Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)),
          pour === 'moi' ? filtreAAgir(agent) : filtreParcours(agent),
          ...(ouverts ? [{ statut: { not: 'clos' } }] : []),
          ...(enIncident === undefined ? [] : [{ incidentLe: enIncident ? { not: null } : null }]),
          ...(aReassigner === undefined ? [] : [{ repreneurPropose: aReassigner ? { not: null } : null }]),
        ],
      };
      const [lignes, compte] = await Promise.all([
        pageParcours(db, where, tri, limit, { apres: apres?.k, offset }),
        // Bounded (an index range of at most BORNE_TOTAL + 1 entries): counting a département's every row on
        // each page cost more than the page itself.
        db.parcours.count({ where, orderBy: ordreDuCompte(f, pour, tri), take: BORNE_TOTAL + 1 }),
      ]);
      const items = lignes.slice(0, limit);
      auditer(res, ...items.map((p) => p.usagerId));
      const [noms, sessions] = await Promise.all([
        nommer(db, items),
        sessionsEnAttente(
          db,
          items.map((p) => p.id),
        ),
      ]);
      return {
        items: items.map((p) => ({
          ...ligneParcours(agent, p, noms, politique),
          sessionEquipe: sessions.get(p.id) ?? null,
        })),
        total: Math.min(compte, BORNE_TOTAL),
        totalExact: compte <= BORNE_TOTAL,
        suivant: lignes.length > limit ? encoderCurseur(tri, position(tri, items.at(-1)!)) : null,
      };
    },
  });

  route(r, {
    method: 'get',
    path: '/parcours/:id',
    tag: 'Parcours',
    summary: 'Lire un parcours et sa chronologie',
    acces: 'parcours.lire',
    params: idParams,
    response: parcoursDetail,
    errors: [404],
    handler: async ({ params, req, res }) => {
      const agent = agentDe(req);
      const p = await db.parcours.findFirst({
        where: { id: params.id, ...filtreParcours(agent) },
        include: { evenements: { orderBy: { seq: 'asc' } } },
      });
      if (!p) throw notFound('Parcours');
      auditer(res, p.usagerId);
      return detailParcours(agent, p, await nommerDossier(db, [p]), politique);
    },
  });

  route(r, {
    method: 'get',
    path: '/parcours/:id/messages',
    tag: 'Parcours',
    summary:
      'Journal des messages du parcours (courriels et SMS) : relances, alertes, rappels, liens, questionnaires, et où en est leur envoi',
    acces: 'parcours.lire',
    params: idParams,
    response: journalLivraisons,
    errors: [403, 404],
    handler: async ({ params, req, res }) => {
      const agent = agentDe(req);
      const p = await db.parcours.findFirst({ where: { id: params.id, ...filtreParcours(agent) } });
      if (!p) throw notFound('Parcours');
      // The restricted view (accueil, partners) does not see the follow-up, its messages included.
      if (!vueComplete(agent, p))
        throw new HttpError(403, 'role_insuffisant', 'Votre rôle ne permet pas de voir le suivi de ce parcours.');
      auditer(res, p.usagerId);
      const [messages, sms] = await Promise.all([
        db.notification.findMany({ where: { parcoursId: p.id }, orderBy: { creeLe: 'asc' } }),
        db.envoiSms.findMany({ where: { parcoursId: p.id } }),
      ]);
      const smsDe = new Map(sms.map((x) => [x.cle, x]));
      return {
        items: messages.map((m) => ({
          cle: m.cle,
          modele: m.modele,
          destinataire: (m.destinataire as { role?: string }).role ?? 'inconnu',
          statut: m.statut as z.infer<typeof messageVue>['statut'],
          tentatives: m.tentatives,
          derniereErreur: m.derniereErreur,
          creeLe: m.creeLe.toISOString(),
          envoyeLe: m.envoyeLe?.toISOString() ?? null,
          sms: ((x) =>
            x
              ? {
                  statut: x.statut as NonNullable<z.infer<typeof messageVue>['sms']>['statut'],
                  tentatives: x.tentatives,
                  derniereErreur: x.derniereErreur,
                  envoyeLe: x.envoyeLe?.toISOString() ?? null,
                  distribueLe: x.distribueLe?.toISOString() ?? null,
                }
              : null)(smsDe.get(m.cle)),
        })),
      };
    },
  });

  for (const type of TYPES_ACTION) {
    const action = ACTIONS[type];
    route(r, {
      method: 'post',
      path: `/parcours/:id/${action.chemin}`,
      tag: 'Étapes du parcours',
      summary: action.resume,
      acces: 'parcours.agir',
      params: idParams,
      body: action.schema,
      response: parcoursVue,
      idempotence: true,
      errors: [409],
      handler: async ({ params, body, req, res }) => {
        const agent = agentDe(req);
        const p = await db.parcours.findFirst({
          where: { id: params.id, ...filtreParcours(agent) },
          select: {
            workflowId: true,
            statut: true,
            usagerId: true,
            referentId: true,
            interimId: true,
            territoireId: true,
            structureId: true,
          },
        });
        if (!p) throw notFound('Parcours');
        auditer(res, p.usagerId);
        verifierEtape(agent, type, p);
        const cle = cleIdempotence(req);
        // Keys are per agent and per action: another agent's key designates another action.
        const updateId = cle ? `${type}:${agent.id}:${cle}` : undefined;
        const handle = temporal.workflow.getHandle(p.workflowId);
        if (p.statut === 'clos') {
          // A replay after the parcours closed (the clôture itself, retried): Temporal still holds the first
          // outcome of that Update in the closed run; otherwise the action comes too late.
          const premier = updateId
            ? await handle
                .getUpdateHandle<VueParcours>(updateId)
                .result()
                .catch(() => null)
            : null;
          if (premier) return vueDto(premier);
          throw new HttpError(409, 'etape_invalide', 'Le parcours est clos.');
        }
        const vue = await handle
          .executeUpdate(commandeUpdate(type), {
            args: [{ acteur: acteurDe(req), donnees: body }],
            ...(updateId ? { updateId } : {}),
          })
          .catch((err: unknown) => {
            // Its row without its workflow: an import projects a parcours just before starting it (and starts it
            // on its retry if the worker stopped in between). Nothing was applied; it will exist in a moment.
            if (err instanceof WorkflowNotFoundError)
              throw new HttpError(
                503,
                'indisponible',
                'Ce parcours est en cours d’ouverture : réessayer dans quelques secondes.',
              );
            throw err;
          });
        return vueDto(vue);
      },
    });
  }
}
