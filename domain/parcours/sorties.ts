/**
 * What one applied decision leaves behind: its timeline event and its messages, each with its outbox key. Pure and
 * shared by the parcours workflow (every decision) and the import of a partner's list (which opens parcours by lot
 * and projects their accueil itself): both write the same rows for the same decision.
 */
import type { Decision } from './transitions';
import type { EtatParcours } from './etat';
import type { Evenement } from './evenement';
import type { Notification } from './notification';
import { courriersUsager, messagesUsager, type ConfigUsager } from '../espace/jalons';

/** The outbox key of a message: the event's place in its parcours, then the message's. */
export const cleNotification = (workflowId: string, seq: number, i: number) => `${workflowId}:${seq}:${i}`;

export interface Sorties {
  evenement: Evenement;
  notifications: Array<Notification & { cle: string }>;
}

/**
 * `envoie` says whether the person's messages and letters go (the workflow's patches): asked in this order, and
 * only when there is something to send, as the histories recorded them.
 */
export function sortiesDe(
  precedente: EtatParcours | null,
  d: Decision,
  o: {
    seq: number;
    acteur: string;
    le: Date;
    usager: ConfigUsager | undefined;
    envoie: { messages: () => boolean; courriers: () => boolean };
  },
): Sorties {
  const notifications = [
    ...d.notifications,
    ...(o.usager && o.envoie.messages() ? messagesUsager(precedente, d.etat, o.usager) : []),
  ];
  const courriers = o.usager ? courriersUsager(precedente, d.etat, o.le) : [];
  if (courriers.length && o.envoie.courriers()) notifications.push(...courriers);
  return {
    evenement: { seq: o.seq, type: d.type, acteur: o.acteur, survenuLe: o.le.toISOString(), donnees: d.donnees },
    notifications: notifications.map((n, i) => ({ ...n, cle: cleNotification(d.etat.workflowId, o.seq, i) })),
  };
}
