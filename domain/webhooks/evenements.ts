/**
 * What partners' systems receive of parcours events: the event types a subscription may choose (those the
 * restricted view shows), the body of one delivery (ids and the fields the restricted view keeps), and the
 * retry policy of deliveries.
 */
import { EVENEMENTS, filtrerEvenements, type TypeEvenement } from '../parcours/actions';
import type { VueParcours } from '../parcours/etat';
import type { Evenement } from '../parcours/evenement';

/** The event types a partner may follow: the restricted view shows them (all of them or some fields). */
export const TYPES_EVENEMENT_WEBHOOK = (Object.keys(EVENEMENTS) as TypeEvenement[]).filter(
  (t) => EVENEMENTS[t].vueRestreinte !== 'rien',
) as [TypeEvenement, ...TypeEvenement[]];

/** Statuses of a delivery (LivraisonWebhook.statut). */
export const STATUTS_LIVRAISON = ['en_attente', 'livree', 'echec', 'annulee'] as const;
export type StatutLivraison = (typeof STATUTS_LIVRAISON)[number];

/** The JSON body of a delivery, frozen when the event is recorded. */
export interface CorpsWebhook {
  /** The event's id, also sent as `webhook-id`: the receiver deduplicates on it. */
  id: string;
  type: string;
  survenuLe: string;
  departement: string;
  parcours: {
    id: string;
    usagerId: string;
    etape: string;
    statut: string;
    territoireId: string | null;
    equipeId: string | null;
  };
  donnees: Record<string, unknown>;
}

/** The body of an event for partners, or null when the restricted view hides the event. */
export function corpsWebhook(evenementId: string, vue: VueParcours, evenement: Evenement): CorpsWebhook | null {
  const [vu] = filtrerEvenements(false, [evenement]);
  if (!vu) return null;
  return {
    id: evenementId,
    type: vu.type,
    survenuLe: vu.survenuLe,
    departement: vue.departement,
    parcours: {
      id: vue.parcoursId,
      usagerId: vue.usagerId,
      etape: vue.etape,
      statut: vue.statut,
      territoireId: vue.territoireId,
      equipeId: vue.equipeId,
    },
    donnees: vu.donnees,
  };
}

/**
 * Retries of a delivery: exponential (1 s, 2 s, 4 s… doubling) up to one hour between attempts, for three days
 * after the first one; then the delivery is `echec` and an administrator may replay it.
 */
export const REPRISE_LIVRAISON = {
  premierIntervalleMs: 1_000,
  coefficient: 2,
  intervalleMaxMs: 3_600_000,
  dureeMaxMs: 72 * 3_600_000,
} as const;

/** Delay before the attempt that follows attempt `tentative` (1-based), as the policy above sets it. */
export function intervalleApres(tentative: number): number {
  const { premierIntervalleMs, coefficient, intervalleMaxMs } = REPRISE_LIVRAISON;
  return Math.min(premierIntervalleMs * coefficient ** Math.max(0, tentative - 1), intervalleMaxMs);
}
