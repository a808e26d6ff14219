import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import { z as zo } from '../contrat/zod';
import { route, type Fichier, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe, agentDe, auditer, filtreParcours, filtreSessions, verifierTerritoire } from '../acces';
import { HttpError, notFound } from '../errors';
import { cleIdempotence } from '../idempotence';
import {
  clotureSession,
  dossierInscrit,
  dossierParams,
  dossierVue,
  filtresSessions,
  listeSessions,
  sessionDetail,
  sessionLigne,
  sessionParams,
  sessionPlanifiee,
} from '../contrat/sessions';
import { examenDossierSchema, NATURES_DOSSIER } from '../../domain/equipe/session';
import { retrancher } from '../../domain/delais/politique';
import { chargerConfigSessions } from '../../config/sessions';
import { chargerPolitiqueDelais } from '../../config/delais';
import { chargerIdentite } from '../../config/identite';
import { courrierPdf } from '../../documents/courrier';
import { convocation, lettreDecision } from '../../documents/sessions';
import { donneesDossier, donneesSession, nomsSession } from '../../lecture/sessions';
import { LIBELLE_ETAPE } from '../../domain/parcours/libelles';
import type { Etape } from '../../domain/parcours/etapes';
import { ligneParcours } from '../mappers';
import type { DossierSession, SessionEquipe } from '../../generated/prisma/client';
import {
  WORKFLOWS,
  ajouterDossierUpdate,
  cloturerSessionUpdate,
  examinerDossierUpdate,
  workflowIdSession,
} from '../../workflows/messages';
import type { sessionEquipeWorkflow } from '../../workflows/session-equipe';

/** Namespace of the ids derived from an Idempotency-Key or a session and parcours: one intention, one row. */
const SESSIONS = '5e2b8c0d-3f4a-4d6b-8e1c-7a9f0b2c4d61';

const pdf = (nom: string, contenu: Buffer): Fichier => ({ nom, type: 'application/pdf', contenu });

export function sessionsRoutes(r: Routes, deps: ApiDeps): void {
  const { db, temporal } = deps;
  const config = chargerConfigSessions(deps.departement);
  const politique = chargerPolitiqueDelais(deps.departement);
  const identite = chargerIdentite(deps.departement);
  const naturesPermises = NATURES_DOSSIER.filter((n) => n !== 'sanction' || config.avisSanction);

  /** A session in the agent's scope, with its cases (404 outside). */
  async function lire(req: Parameters<typeof agentDe>[0], id: string) {
    const s = await db.sessionEquipe.findFirst({
      where: { id, ...filtreSessions(agentDe(req)) },
      include: { dossiers: { orderBy: { rang: 'asc' } } },
    });
    if (!s) throw notFound('Session');
    return s;
  }

  function ligne(s: SessionEquipe & { dossiers: unknown[] }, equipe: string): z.infer<typeof sessionLigne> {
    return {
      id: s.id,
      equipeId: s.equipeId,
      equipe,
      le: s.le.toISOString(),
      lieu: s.lieu,
      statut: s.statut as z.infer<typeof sessionLigne>['statut'],
      convocationLe: s.convocationLe.toISOString(),
      quorum: s.quorum,
      dossiers: s.dossiers.length,
      pv: s.pv !== null,
    };
  }

  async function detail(
    req: Parameters<typeof agentDe>[0],
    s: SessionEquipe & { dossiers: DossierSession[] },
  ): Promise<z.infer<typeof sessionDetail>> {
    const agent = agentDe(req);
    const noms = await nomsSession(db, s, s.dossiers);
    const parcours = await db.parcours.findMany({ where: { id: { in: s.dossiers.map((d) => d.parcoursId) } } });
    const parId = new Map(parcours.map((p) => [p.id, p]));
    const membre = (id: string) => ({ id, nom: noms.agent(id) ?? id });
    return {
      ...ligne(s, noms.equipe(s.equipeId) ?? ''),
      membres: s.membres.map(membre),
      membresPresents: s.membresPresents.map(membre),
      naturesPermises,
      items: s.dossiers.map((d) => {
        const p = parId.get(d.parcoursId);
        const l = p ? ligneParcours(agent, p, noms, politique) : null;
        return {
          ...donneesDossier(d, noms),
          id: d.id,
          parcoursId: d.parcoursId,
          usagerId: d.usagerId,
          rang: d.rang,
          convoqueLe: d.convoqueLe?.toISOString() ?? null,
          issueMotif: d.issueMotif,
          notifieLe: d.notifieLe?.toISOString() ?? null,
          parcours: { etape: l?.etape ?? 'cloture', retard: l?.retard ?? null },
        } satisfies z.infer<typeof dossierVue>;
      }),
    };
  }

  /** 409 once the session is closed; a replay of the same request (same key) gets its first answer instead. */
  async function ouverte(s: SessionEquipe, updateId: string | undefined): Promise<boolean> {
    if (s.statut !== 'close' && s.statut !== 'terminee') return true;
    const premier = updateId
      ? await temporal.workflow
          .getHandle(workflowIdSession(s.id))
          .getUpdateHandle(updateId)
          .result()
          .then(() => true)
          .catch(() => false)
      : false;
    if (premier) return false;
    throw new HttpError(409, 'etape_invalide', 'La session est close.');
  }

  /** An Update of the session, once per Idempotency-Key; answers with the session as it now reads. */
  async function modifier<A>(
    req: Parameters<typeof agentDe>[0],
    s: SessionEquipe,
    prefixe: string,
    definition: UpdateDefinition<void, [A]>,
    arg: A,
  ) {
    const cle = cleIdempotence(req);
    const updateId = cle ? `${prefixe}:${agentDe(req).id}:${cle}` : undefined;
    if (await ouverte(s, updateId))
      await temporal.workflow
        .getHandle(workflowIdSession(s.id))
        .executeUpdate(definition, { args: [arg], ...(updateId ? { updateId } : {}) });
    return detail(req, await lire(req, s.id));
  }

  route(r, {
    method: 'post',
    path: '/sessions',
    tag: 'Sessions de l’équipe',
    summary: 'Planifier une session de l’équipe pluridisciplinaire (les convocations partent au délai du département)',
    acces: 'sessions.gerer',
    body: sessionPlanifiee,
    response: sessionDetail,
    status: 201,
    idempotence: true,
    errors: [404],
    handler: async ({ body, req }) => {
      const agent = agentDe(req);
      const equipe = await db.equipe.findFirst({
        where: { id: body.equipeId, territoire: { departement: deps.departement } },
      });
      if (!equipe)
        throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
          { champ: 'equipeId', message: 'Cette équipe n’existe pas dans le département.' },
        ]);
      verifierTerritoire(agent, equipe.territoireId);
      const membres =
        body.membres ??
        (
          await db.agent.findMany({
            where: { equipeId: equipe.id, actif: true, roles: { hasSome: ['cadre', 'evaluateur', 'referent'] } },
            select: { id: true },
            orderBy: [{ nom: 'asc' }, { prenom: 'asc' }],
          })
        ).map((a) => a.id);
      if (!membres.length)
        throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
          { champ: 'membres', message: 'Aucun agent de l’équipe à convier : indiquer les membres.' },
        ]);
      const connus = await db.agent.findMany({
        where: { id: { in: membres }, departement: deps.departement, actif: true },
        select: { id: true },
      });
      const inconnu = membres.findIndex((m) => !connus.some((c) => c.id === m));
      if (inconnu >= 0)
        throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
          { champ: `membres.${inconnu}`, message: 'Cet agent n’est pas un agent actif du département.' },
        ]);
      const cle = cleIdempotence(req);
      const id = cle ? uuidv5(`${agent.id}:${cle}`, SESSIONS) : uuidv4();
      const le = new Date(body.le);
      const convocationLe = retrancher(le, config.convocationAvant);
      await db.sessionEquipe.createMany({
        data: [
          {
            id,
            departement: deps.departement,
            territoireId: equipe.territoireId,
            equipeId: equipe.id,
            le,
            lieu: body.lieu,
            membres,
            quorum: config.quorum.membresMinimum,
            statut: 'planifiee',
            convocationLe,
            acteur: acteurDe(req),
          },
        ],
        skipDuplicates: true,
      });
      try {
        await temporal.workflow.start<typeof sessionEquipeWorkflow>(WORKFLOWS.sessionEquipe, {
          workflowId: workflowIdSession(id),
          taskQueue: deps.taskQueue,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [
            {
              sessionId: id,
              convocationLe: convocationLe.toISOString(),
              quorum: config.quorum.membresMinimum,
              taskQueue: deps.taskQueue,
            },
          ],
        });
      } catch (err) {
        // Same Idempotency-Key: the session is already scheduled; answer with it.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      return detail(req, await lire(req, id));
    },
  });

  route(r, {
    method: 'get',
    path: '/sessions',
    tag: 'Sessions de l’équipe',
    summary: 'Agenda des sessions de l’équipe pluridisciplinaire (les plus proches d’abord)',
    acces: 'sessions.lire',
    query: filtresSessions,
    response: listeSessions,
    handler: async ({ query, req }) => {
      const agent = agentDe(req);
      const veille = new Date(Date.now() - 86_400_000);
      const sessions = await db.sessionEquipe.findMany({
        where: {
          AND: [
            filtreSessions(agent),
            query.equipeId ? { equipeId: query.equipeId } : {},
            query.a_venir ? { OR: [{ le: { gte: veille } }, { statut: { not: 'terminee' } }] } : {},
          ],
        },
        include: { dossiers: { select: { id: true } } },
        orderBy: { le: query.a_venir ? 'asc' : 'desc' },
        take: 200,
      });
      const equipes = await db.equipe.findMany({
        where: { id: { in: [...new Set(sessions.map((s) => s.equipeId))] } },
        select: { id: true, nom: true },
      });
      const nom = new Map(equipes.map((e) => [e.id, e.nom]));
      return { items: sessions.map((s) => ligne(s, nom.get(s.equipeId) ?? '')) };
    },
  });

  route(r, {
    method: 'get',
    path: '/sessions/:id',
    tag: 'Sessions de l’équipe',
    summary: 'Une session, ses membres et ses dossiers (présence, observations, décision, retard du parcours)',
    acces: 'sessions.lire',
    params: sessionParams,
    response: sessionDetail,
    errors: [404],
    handler: async ({ params, req, res }) => {
      const s = await lire(req, params.id);
      auditer(res, ...s.dossiers.map((d) => d.usagerId));
      return detail(req, s);
    },
  });

  route(r, {
    method: 'post',
    path: '/sessions/:id/dossiers',
    tag: 'Sessions de l’équipe',
    summary: 'Inscrire un dossier à la session (convoqué aussitôt si les convocations sont parties)',
    acces: 'sessions.gerer',
    params: sessionParams,
    body: dossierInscrit,
    response: sessionDetail,
    status: 201,
    idempotence: true,
    errors: [404, 409],
    handler: async ({ params, body, req, res }) => {
      cleIdempotence(req);
      const agent = agentDe(req);
      const s = await lire(req, params.id);
      const dossierId = uuidv5(`${s.id}:${body.parcoursId}`, SESSIONS);
      if (s.dossiers.some((d) => d.id === dossierId)) return detail(req, s);
      await ouverte(s, undefined);
      if (!naturesPermises.includes(body.nature))
        throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
          { champ: 'nature', message: 'Le département ne soumet pas les sanctions à l’avis de l’équipe.' },
        ]);
      const p = await db.parcours.findFirst({ where: { id: body.parcoursId, ...filtreParcours(agent) } });
      if (!p) throw notFound('Parcours');
      auditer(res, p.usagerId);
      if (p.equipeId !== s.equipeId)
        throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
          { champ: 'parcoursId', message: 'Ce parcours est suivi par une autre équipe.' },
        ]);
      const attendu: Etape[] = body.nature === 'sanction' ? ['designation', 'accompagnement'] : ['orientation'];
      if (p.statut !== 'actif' || !attendu.includes(p.etape as Etape))
        throw new HttpError(
          409,
          'etape_invalide',
          p.statut !== 'actif'
            ? 'Le parcours n’est pas actif.'
            : `Le parcours est à l’étape « ${LIBELLE_ETAPE[p.etape as Etape]} » : ce dossier ne peut pas être inscrit.`,
        );
      const ailleurs = await db.dossierSession.findFirst({
        where: { parcoursId: p.id, issue: null, session: { statut: { notIn: ['close', 'terminee'] } } },
        include: { session: true },
      });
      if (ailleurs)
        throw new HttpError(
          409,
          'etape_invalide',
          `Ce parcours est déjà inscrit à une session à venir (${ailleurs.session.le.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}).`,
        );
      await temporal.workflow.getHandle(workflowIdSession(s.id)).executeUpdate(ajouterDossierUpdate, {
        updateId: `dossier:${dossierId}`,
        args: [{ dossierId, parcoursId: p.id, usagerId: p.usagerId, nature: body.nature }],
      });
      return detail(req, await lire(req, s.id));
    },
  });

  route(r, {
    method: 'put',
    path: '/sessions/:id/dossiers/:dossierId',
    tag: 'Sessions de l’équipe',
    summary: 'Enregistrer la présence de la personne, ses observations et la décision de l’équipe sur un dossier',
    acces: 'sessions.gerer',
    params: dossierParams,
    body: examenDossierSchema,
    response: sessionDetail,
    idempotence: true,
    errors: [404, 409],
    handler: async ({ params, body, req, res }) => {
      const s = await lire(req, params.id);
      const d = s.dossiers.find((x) => x.id === params.dossierId);
      if (!d) throw notFound('Dossier');
      auditer(res, d.usagerId);
      return modifier(req, s, 'examen', examinerDossierUpdate, { dossierId: d.id, examen: body });
    },
  });

  route(r, {
    method: 'post',
    path: '/sessions/:id/cloture',
    tag: 'Sessions de l’équipe',
    summary:
      'Clore la session (quorum des membres présents) : chaque décision est appliquée à son parcours et notifiée, le procès-verbal établi',
    acces: 'sessions.gerer',
    params: sessionParams,
    body: clotureSession,
    response: sessionDetail,
    idempotence: true,
    errors: [404, 409],
    handler: async ({ params, body, req, res }) => {
      const s = await lire(req, params.id);
      auditer(res, ...s.dossiers.map((d) => d.usagerId));
      const etranger = body.membresPresents.findIndex((m) => !s.membres.includes(m));
      if (etranger >= 0)
        throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
          { champ: `membresPresents.${etranger}`, message: 'Cet agent n’est pas membre de la session.' },
        ]);
      return modifier(req, s, 'cloture', cloturerSessionUpdate, {
        acteur: acteurDe(req),
        membresPresents: body.membresPresents,
      });
    },
  });

  route(r, {
    method: 'get',
    path: '/sessions/:id/pv',
    tag: 'Sessions de l’équipe',
    summary: 'Le procès-verbal de la session en PDF (établi à la clôture, une fois les décisions appliquées)',
    acces: 'sessions.lire',
    params: sessionParams,
    response: zo.custom<Fichier>(),
    fichier: ['application/pdf'],
    errors: [404, 409],
    handler: async ({ params, req, res }) => {
      const s = await lire(req, params.id);
      auditer(res, ...s.dossiers.map((d) => d.usagerId));
      if (!s.pv)
        throw new HttpError(
          409,
          'etape_invalide',
          'Le procès-verbal est établi à la clôture de la session, une fois les décisions appliquées.',
        );
      return pdf(`proces-verbal-${s.le.toISOString().slice(0, 10)}.pdf`, Buffer.from(s.pv));
    },
  });

  route(r, {
    method: 'get',
    path: '/sessions/:id/dossiers/:dossierId/:document',
    tag: 'Sessions de l’équipe',
    summary: 'La convocation ou la lettre de décision d’un dossier en PDF, au nom du département',
    acces: 'sessions.lire',
    params: dossierParams.extend({
      document: zo.enum(['convocation', 'decision'], { error: 'Document attendu : convocation ou decision.' }),
    }),
    response: zo.custom<Fichier>(),
    fichier: ['application/pdf'],
    errors: [404, 409],
    handler: async ({ params, req, res }) => {
      const s = await lire(req, params.id);
      const d = s.dossiers.find((x) => x.id === params.dossierId);
      if (!d) throw notFound('Dossier');
      auditer(res, d.usagerId);
      const noms = await nomsSession(db, s, [d]);
      const session = donneesSession(s, noms);
      if (params.document === 'convocation')
        return pdf('convocation.pdf', await courrierPdf(identite, convocation(session, donneesDossier(d, noms))));
      if (!d.issue || d.issue === 'non_applicable')
        throw new HttpError(
          409,
          'etape_invalide',
          d.issue ? 'La décision n’a pas pu être appliquée au parcours.' : 'La décision est notifiée à la clôture.',
        );
      return pdf('decision.pdf', await courrierPdf(identite, lettreDecision(session, donneesDossier(d, noms))));
    },
  });
}
