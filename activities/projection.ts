import type { Db } from '../infra/prisma';
import type { Evenement, VueParcours } from '../domain/parcours/evenement';
import type { Prisma } from '../generated/prisma/client';

export interface Projection {
  vue: VueParcours;
  evenement: Evenement;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);

/**
 * Writes one workflow event into the read model, in one transaction: the timeline row and the parcours row.
 * Idempotent under retries: the event is keyed on (parcours, seq) and the row only moves forward in `version`.
 */
export function createProjectionActivities(db: Db) {
  return {
    async projeterParcours({ vue, evenement }: Projection): Promise<void> {
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
        version: evenement.seq,
      } satisfies Prisma.ParcoursUncheckedUpdateInput;
      await db.$transaction(async (tx) => {
        const moved = await tx.parcours.updateMany({ where: { id: vue.parcoursId, version: { lt: evenement.seq } }, data });
        if (moved.count === 0) {
          await tx.parcours.createMany({ data: [{ id: vue.parcoursId, ...data }], skipDuplicates: true });
        }
        await tx.parcoursEvenement.createMany({
          data: [{
            parcoursId: vue.parcoursId,
            seq: evenement.seq,
            type: evenement.type,
            acteur: evenement.acteur,
            survenuLe: new Date(evenement.survenuLe),
            donnees: evenement.donnees as Prisma.InputJsonValue,
          }],
          skipDuplicates: true,
        });
      });
    },
  };
}
