import type { Db } from '../infra/prisma';
import type { Evenement } from '../domain/parcours/evenement';
import type { VueParcours } from '../domain/parcours/etat';
import type { Notification } from '../domain/parcours/notification';
import type { Prisma } from '../generated/prisma/client';

export interface Projection {
  vue: VueParcours;
  evenement: Evenement;
  /** Messages caused by this event, each with its outbox key. */
  notifications?: Array<Notification & { cle: string }>;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);
const json = (v: unknown) => v as Prisma.InputJsonValue;

/**
 * Writes one workflow event into the read model, in one transaction: the parcours row, the timeline row and
 * the outbox messages. Idempotent under retries: the event is keyed on (parcours, seq), messages on their key,
 * and the parcours row only moves forward in `version`.
 */
export function createProjectionActivities(db: Db) {
  return {
    async projeterParcours({ vue, evenement, notifications = [] }: Projection): Promise<void> {
      const data = {
        usagerId: vue.usagerId,
        workflowId: vue.workflowId,
        departement: vue.departement,
        etape: vue.etape,
        statut: vue.statut,
        besoins: vue.besoins,
        urgence: vue.urgence,
        lieuAccueilId: vue.lieuAccueilId,
        territoireId: vue.territoireId,
        equipeId: vue.equipeId,
        referentId: vue.referentId,
        typeAccompagnement: vue.typeAccompagnement,
        echeance: date(vue.echeance),
        enRetard: vue.enRetard,
        etapeDepuis: new Date(vue.etapeDepuis),
        ouvertLe: new Date(vue.ouvertLe),
        closLe: date(vue.closLe),
        motifCloture: vue.motifCloture,
        echeances: json(vue.echeances),
        objectifs: json(vue.objectifs),
        version: evenement.seq,
      } satisfies Prisma.ParcoursUncheckedUpdateInput;
      await db.$transaction(async (tx) => {
        const moved = await tx.parcours.updateMany({
          where: { id: vue.parcoursId, version: { lt: evenement.seq } },
          data,
        });
        if (moved.count === 0) {
          await tx.parcours.createMany({ data: [{ id: vue.parcoursId, ...data }], skipDuplicates: true });
        }
        await tx.parcoursEvenement.createMany({
          data: [
            {
              parcoursId: vue.parcoursId,
              seq: evenement.seq,
              type: evenement.type,
              acteur: evenement.acteur,
              survenuLe: new Date(evenement.survenuLe),
              donnees: json(evenement.donnees),
            },
          ],
          skipDuplicates: true,
        });
        if (notifications.length) {
          await tx.notification.createMany({
            data: notifications.map((n) => ({
              cle: n.cle,
              parcoursId: vue.parcoursId,
              modele: n.modele,
              destinataire: json(n.destinataire),
              donnees: json(n.donnees),
            })),
            skipDuplicates: true,
          });
        }
      });
    },
  };
}
