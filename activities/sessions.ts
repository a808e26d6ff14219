import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import { chargerIdentite } from '../config/identite';
import { courrierPdf } from '../documents/courrier';
import { libelleDecision, procesVerbal } from '../documents/sessions';
import {
  oriente,
  type DecisionDossier,
  type ExamenDossier,
  type IssueDossier,
  type StatutSession,
} from '../domain/equipe/session';
import { workflowIdDe } from '../domain/parcours/identifiants';
import type { Notification } from '../domain/parcours/notification';
import { donneesDossier, donneesSession, nomsSession } from '../lecture/sessions';
import { ECHECS, commandeUpdate, type DossierAjoute } from '../workflows/messages';

/** Outbox key of a session's message to one person: one convocation and one decision per case, ever. */
const cle = (sessionId: string, quoi: 'convocation' | 'decision', dossierId: string) =>
  `session:${sessionId}:${quoi}:${dossierId}`;

/** Beats every second while `fn` runs: an attempt lost with its worker is retried within seconds. */
async function enBattant<T>(fn: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const battement = setInterval(() => ctx.heartbeat(), 1000);
  try {
    return await fn();
  } finally {
    clearInterval(battement);
  }
}

/**
 * Activities of a session of the équipe (workflows/session-equipe.ts). Each is idempotent: rows are upserted on
 * their ids, outbox messages keyed per session, case and kind, and a decision reaches its parcours by an Update
 * whose id is fixed per case (Temporal answers a repeated id with the first outcome).
 */
export function createSessionActivities(db: Db, temporal: Client | undefined) {
  /** Writes the session's messages to the outbox (once per key) and returns their keys for delivery. */
  async function ecrireMessages(
    sessionId: string,
    quoi: 'convocation' | 'decision',
    dossierIds: string[],
    donnees: (d: Awaited<ReturnType<typeof db.dossierSession.findMany>>[number]) => Notification['donnees'],
  ): Promise<string[]> {
    const session = await db.sessionEquipe.findUniqueOrThrow({ where: { id: sessionId } });
    const dossiers = await db.dossierSession.findMany({ where: { id: { in: dossierIds } } });
    const noms = await nomsSession(db, session, []);
    const commun = {
      le: session.le.toISOString(),
      lieu: session.lieu,
      equipe: noms.equipe(session.equipeId) ?? '',
    };
    const maintenant = new Date();
    // Dated once, before any message exists: the letter a delivery draws carries this date, on every retry.
    await db.dossierSession.updateMany({
      where: { id: { in: dossierIds }, ...(quoi === 'convocation' ? { convoqueLe: null } : { notifieLe: null }) },
      data: quoi === 'convocation' ? { convoqueLe: maintenant } : { notifieLe: maintenant },
    });
    await db.notification.createMany({
      data: dossiers.map((d) => ({
        cle: cle(sessionId, quoi, d.id),
        parcoursId: d.parcoursId,
        modele: quoi === 'convocation' ? 'convocation_equipe' : 'decision_equipe',
        destinataire: { role: 'usager', usagerId: d.usagerId },
        // Ids, not the letter: delivery draws it (activities/notifications.ts), the same on every retry.
        donnees: { ...commun, dossierId: d.id, ...donnees(d) },
      })),
      skipDuplicates: true,
    });
    return dossiers.map((d) => cle(sessionId, quoi, d.id));
  }

  /**
   * Applies one case's decision: an orientation through the parcours' own `orienter` Update (fixed update id:
   * applied once however often this runs), an opinion or a postponement recorded as such. A parcours that left
   * the orientation step meanwhile (closed, re-oriented elsewhere) is not changed: the case says so.
   */
  async function appliquerDecision(c: {
    sessionId: string;
    dossierId: string;
    acteur: string;
    taskQueue: string;
  }): Promise<IssueDossier> {
    const d = await db.dossierSession.findUniqueOrThrow({ where: { id: c.dossierId } });
    if (d.issue) return d.issue as IssueDossier;
    const decision = d.decision as DecisionDossier | null;
    let issue: IssueDossier = !decision || decision.decision === 'ajourne' ? 'ajourne' : 'avis_rendu';
    let issueMotif: string | null = null;
    if (decision && oriente(decision)) {
      if (!temporal) throw new Error('Session : client Temporal absent des dépendances des activités.');
      try {
        await temporal.workflow.getHandle(workflowIdDe(d.parcoursId)).executeUpdate(commandeUpdate('orienter'), {
          updateId: `session-equipe:${c.sessionId}:${c.dossierId}`,
          args: [{ acteur: c.acteur, donnees: decision }],
        });
        issue = 'appliquee';
      } catch (err) {
        const refus =
          err instanceof WorkflowNotFoundError
            ? 'Parcours introuvable.'
            : err instanceof WorkflowUpdateFailedError &&
                err.cause instanceof ApplicationFailure &&
                err.cause.type === ECHECS.etapeInvalide
              ? err.cause.message
              : null;
        if (refus === null) throw err;
        issue = 'non_applicable';
        issueMotif = refus;
      }
    }
    await db.dossierSession.update({ where: { id: d.id }, data: { issue, issueMotif } });
    return issue;
  }

  /** The procès-verbal as PDF, kept with the session (written again identical if retried). */
  async function genererPv(sessionId: string): Promise<void> {
    const s = await db.sessionEquipe.findUniqueOrThrow({ where: { id: sessionId } });
    const dossiers = await db.dossierSession.findMany({ where: { sessionId }, orderBy: { rang: 'asc' } });
    const noms = await nomsSession(db, s, dossiers);
    const pv = await courrierPdf(
      chargerIdentite(s.departement),
      procesVerbal(
        {
          ...donneesSession(s, noms),
          membresPresents: s.membresPresents.map((m) => noms.agent(m)!),
          quorum: s.quorum,
        },
        dossiers.map((d) => donneesDossier(d, noms)),
      ),
    );
    await db.sessionEquipe.update({ where: { id: sessionId }, data: { pv: new Uint8Array(pv) } });
  }

  /** One decision message per person whose case was decided or postponed (not when it could not apply). */
  async function preparerNotifications(sessionId: string): Promise<string[]> {
    const dossiers = await db.dossierSession.findMany({
      where: { sessionId, issue: { not: 'non_applicable' } },
      select: { id: true },
    });
    return ecrireMessages(
      sessionId,
      'decision',
      dossiers.map((d) => d.id),
      (d) => ({ decision: libelleDecision(d.decision as DecisionDossier | null) }),
    );
  }

  return {
    async projeterSession(p: { sessionId: string; statut: StatutSession; membresPresents?: string[] }) {
      const maintenant = new Date();
      await db.sessionEquipe.update({
        where: { id: p.sessionId },
        data: {
          statut: p.statut,
          ...(p.membresPresents ? { membresPresents: p.membresPresents, closeLe: maintenant } : {}),
          ...(p.statut === 'terminee' ? { termineeLe: maintenant } : {}),
        },
      });
    },

    async projeterDossierSession({ dossierId, ...d }: DossierAjoute & { sessionId: string; rang: number }) {
      await db.dossierSession.createMany({ data: [{ id: dossierId, ...d }], skipDuplicates: true });
    },

    async projeterExamen({ dossierId, examen }: { dossierId: string; examen: ExamenDossier }) {
      await db.dossierSession.update({
        where: { id: dossierId },
        data: {
          presence: examen.presence,
          observations: examen.observations ?? null,
          decision: (examen.decision ?? null) as Prisma.InputJsonValue,
        },
      });
    },

    convoquerSession: ({ sessionId, dossierIds }: { sessionId: string; dossierIds: string[] }) =>
      enBattant(() => ecrireMessages(sessionId, 'convocation', dossierIds, () => ({}))),

    appliquerDecisionSession: (c: Parameters<typeof appliquerDecision>[0]) => enBattant(() => appliquerDecision(c)),
    genererPvSession: (sessionId: string) => enBattant(() => genererPv(sessionId)),
    preparerNotificationsSession: (sessionId: string) => enBattant(() => preparerNotifications(sessionId)),
  };
}
