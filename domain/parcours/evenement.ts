/** One entry of the parcours' timeline. `seq` orders them and makes their projection idempotent. */
export interface Evenement {
  seq: number;
  type: string;
  acteur: string;
  survenuLe: string;
  donnees: Record<string, unknown>;
}

/** The actor of the events the workflow records itself (reminders, escalations, appointment reminders). */
export const ACTEUR_SYSTEME = 'systeme';
