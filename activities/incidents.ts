/**
 * Failures no retry can fix, and the incident that replaces retrying them for ever: an `incident` event in the
 * parcours' timeline and a flag on its row, which the cadre's board shows (README, « Incidents »).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../infra/prisma';
import { sqlstate } from '../infra/erreurs-postgres';
import { ACTEUR_SYSTEME } from '../domain/parcours/evenement';

/** PostgreSQL refuses the data itself (SQLSTATE class 22: data exception, 23: integrity constraint). Lost
 * connections, deadlocks and timeouts are other classes: those are retried. */
const CLASSES_DEFINITIVES = ['22', '23'];

/**
 * Runs an activity's writes; when PostgreSQL refuses the data itself, the activity fails for good (non-retryable)
 * and the workflow records an incident, instead of retrying the same refused write for ever.
 */
export async function sansReessaiVain<T>(travail: () => Promise<T>): Promise<T> {
  try {
    return await travail();
  } catch (err) {
    const code = sqlstate(err);
    if (!code || !CLASSES_DEFINITIVES.includes(code.slice(0, 2))) throw err;
    throw ApplicationFailure.create({
      message: `Données refusées par PostgreSQL (${code}).`,
      type: 'DonneesRefusees',
      nonRetryable: true,
      details: [{ code }],
    });
  }
}

/** What failed for good: the projection of an event, or the delivery of messages. */
export interface Incident {
  parcoursId: string;
  /** The incident's own place in the timeline. */
  seq: number;
  activite: 'projection' | 'livraison';
  /** The event whose projection failed, or the messages not delivered. */
  objet: string;
  /** Short technical reason (SQLSTATE, SMTP answer), without personal data. */
  cause: string;
  survenuLe: string;
}

const MESSAGES: Record<Incident['activite'], string> = {
  projection: 'Le dossier n’a pas pu être mis à jour après une action : il peut ne pas montrer son état réel.',
  livraison: 'Un message n’a pas pu être remis à son destinataire (voir le journal des messages).',
};

export function createIncidentActivities(db: Db) {
  return {
    /** Flags the parcours row and adds the incident to its timeline (idempotent: keyed on its seq). */
    async enregistrerIncident(incident: Incident): Promise<void> {
      const { parcoursId, seq, survenuLe, ...donnees } = incident;
      const le = new Date(survenuLe);
      await db.$transaction(async (tx) => {
        // No row (the premier accueil itself could not be projected): the workflow's history and the worker's
        // log keep it; the reconciliation reports the missing row.
        const ligne = await tx.parcours.updateMany({
          where: { id: parcoursId },
          data: { incidentLe: le, incident: MESSAGES[incident.activite] },
        });
        if (ligne.count === 0) return;
        await tx.parcoursEvenement.createMany({
          data: [{ parcoursId, seq, type: 'incident', acteur: ACTEUR_SYSTEME, survenuLe: le, donnees }],
          skipDuplicates: true,
        });
      });
    },
  };
}
