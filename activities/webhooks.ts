/**
 * Partners' deliveries: the projection records them with the event (one row per subscription that follows it),
 * then each is posted by its own workflow (workflows/webhooks.ts), retried with backoff while the receiver fails.
 */
import { Context } from '@temporalio/activity';
import { v5 as uuidv5 } from 'uuid';
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { Evenement } from '../domain/parcours/evenement';
import type { VueParcours } from '../domain/parcours/etat';
import { corpsWebhook, intervalleApres, type StatutLivraison } from '../domain/webhooks/evenements';
import { posterWebhook } from '../infra/webhooks';

/** Namespaces of the ids derived from the workflow and event (a retried projection records the same rows). */
const EVENEMENTS = '6b1f0c2e-3d4a-4e5b-9c6d-7e8f9a0b1c2d';
const LIVRAISONS = '2c9e8d7f-1a0b-4c3d-8e5f-6a7b8c9d0e1f';

/** The event's id for partners: stable, derived from the workflow and the event's rank. */
export const evenementIdDe = (workflowId: string, seq: number) => uuidv5(`${workflowId}:${seq}`, EVENEMENTS);

/**
 * Records, in the projection's transaction, one delivery per active subscription of the département that follows
 * each event's type (and its parcours' territoire, when it chose some): one query for all the events. Returns the
 * ids of each event's deliveries, in the order of the events.
 */
export async function enregistrerLivraisons(
  tx: Prisma.TransactionClient,
  departement: string,
  evenements: Array<{ vue: VueParcours; evenement: Evenement }>,
): Promise<string[][]> {
  const abonnements = await tx.abonnementWebhook.findMany({
    where: { departement, actif: true, types: { hasSome: [...new Set(evenements.map((e) => e.evenement.type))] } },
    select: { id: true, types: true, territoireIds: true },
  });
  if (!abonnements.length) return evenements.map(() => []);
  const parEvenement = evenements.map(({ vue, evenement }) => {
    const suivent = abonnements.filter(
      (a) =>
        a.types.includes(evenement.type) &&
        (!a.territoireIds.length || (vue.territoireId !== null && a.territoireIds.includes(vue.territoireId))),
    );
    const evenementId = evenementIdDe(vue.workflowId, evenement.seq);
    const corps = suivent.length ? corpsWebhook(evenementId, vue, evenement) : null;
    return corps
      ? suivent.map((a) => ({
          id: uuidv5(`${a.id}:${evenementId}`, LIVRAISONS),
          abonnementId: a.id,
          evenementId,
          parcoursId: vue.parcoursId,
          type: evenement.type,
          corps: JSON.stringify(corps),
        }))
      : [];
  });
  const lignes = parEvenement.flat();
  if (lignes.length) await tx.livraisonWebhook.createMany({ data: lignes, skipDuplicates: true });
  return parEvenement.map((l) => l.map((x) => x.id));
}

const HTTP_GONE = 410;

export function createWebhookActivities(db: Db) {
  return {
    /**
     * One attempt at a delivery. 2xx: delivered. 410 Gone: the receiver says the address is gone for good, so the
     * subscription is deactivated and the delivery is `echec` (no retry). Anything else (other status, refused
     * connection, no answer in 10 s): the attempt is recorded and the activity fails, for Temporal to retry.
     * A delivery already done, or whose subscription was deactivated, is not posted.
     */
    async livrerWebhook({ livraisonId }: { livraisonId: string }): Promise<StatutLivraison> {
      const l = await db.livraisonWebhook.findUniqueOrThrow({
        where: { id: livraisonId },
        include: { abonnement: true },
      });
      if (l.statut !== 'en_attente') return l.statut as StatutLivraison;
      if (!l.abonnement.actif) {
        await db.livraisonWebhook.update({ where: { id: l.id }, data: { statut: 'annulee', prochainEssaiLe: null } });
        return 'annulee';
      }
      const reponse = await posterWebhook(l.abonnement.url, l.abonnement.secret, {
        id: l.evenementId,
        type: l.type,
        corps: l.corps,
        tentative: l.tentatives + 1,
      });
      const maintenant = new Date();
      const statutHttp = 'statut' in reponse ? reponse.statut : null;
      const tentative = {
        tentatives: { increment: 1 },
        derniereTentativeLe: maintenant,
        dernierStatutHttp: statutHttp,
        derniereErreur: 'erreur' in reponse ? reponse.erreur : null,
      };
      if (statutHttp !== null && statutHttp >= 200 && statutHttp < 300) {
        await db.livraisonWebhook.update({
          where: { id: l.id },
          data: { ...tentative, statut: 'livree', livreeLe: maintenant, prochainEssaiLe: null },
        });
        return 'livree';
      }
      if (statutHttp === HTTP_GONE) {
        await db.$transaction([
          db.livraisonWebhook.update({
            where: { id: l.id },
            data: { ...tentative, statut: 'echec', prochainEssaiLe: null },
          }),
          db.abonnementWebhook.update({
            where: { id: l.abonnementId },
            data: {
              actif: false,
              desactiveLe: maintenant,
              motifDesactivation: 'Le destinataire a répondu 410 (Gone).',
            },
          }),
        ]);
        return 'echec';
      }
      const attempt = Context.current().info.attempt;
      await db.livraisonWebhook.update({
        where: { id: l.id },
        data: { ...tentative, prochainEssaiLe: new Date(maintenant.getTime() + intervalleApres(attempt)) },
      });
      throw new Error(statutHttp !== null ? `Réponse HTTP ${statutHttp}` : tentative.derniereErreur!);
    },

    /** An administrator's replay reopens a finished delivery; false when it is already pending (one run at a time). */
    async rouvrirLivraison({ livraisonId }: { livraisonId: string }): Promise<boolean> {
      const r = await db.livraisonWebhook.updateMany({
        where: { id: livraisonId, statut: { not: 'en_attente' } },
        data: { statut: 'en_attente', prochainEssaiLe: null },
      });
      return r.count === 1;
    },

    /** Retries exhausted (three days): the delivery is `echec`, for an administrator to replay. */
    async abandonnerLivraison({ livraisonId }: { livraisonId: string }): Promise<void> {
      await db.livraisonWebhook.updateMany({
        where: { id: livraisonId, statut: 'en_attente' },
        data: { statut: 'echec', prochainEssaiLe: null },
      });
    },
  };
}
