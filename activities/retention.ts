/**
 * RGPD retention: once every parcours of an usager is closed for longer than the département's retention
 * period, the person is anonymised. Identity and free text go; what the statistics need stays (parcours rows
 * with territoire, équipe, besoins, dates, steps and motif; timeline event types and dates).
 */
import type { Db } from '../infra/prisma';

export interface DemandeRetention {
  departement: string;
  conservationMois: number;
  /** ISO instant the run counts from (the workflow's time: deterministic, and injectable in tests). */
  maintenant: string;
}

export interface BilanRetention {
  limite: string;
  usagersAnonymises: number;
  parcoursAnonymises: number;
  sessionsPurgees: number;
}

const LOT = 100;

export function createRetentionActivities(db: Db) {
  return {
    async anonymiserDossiersEchus({
      departement,
      conservationMois,
      maintenant,
    }: DemandeRetention): Promise<BilanRetention> {
      const now = new Date(maintenant);
      const limite = new Date(now);
      limite.setUTCMonth(limite.getUTCMonth() - conservationMois);
      let usagers = 0;
      let parcours = 0;
      for (;;) {
        // Every parcours closed before the limit (an open one, or a recent clôture, keeps the whole dossier).
        const lot = await db.usager.findMany({
          where: {
            anonymiseLe: null,
            parcours: { some: { departement }, every: { statut: 'clos', closLe: { lt: limite } } },
          },
          select: { id: true, parcours: { select: { id: true } } },
          take: LOT,
        });
        if (!lot.length) break;
        for (const u of lot) {
          const ids = u.parcours.map((p) => p.id);
          // One transaction per person: a retried activity finds them done (anonymiseLe) or untouched.
          await db.$transaction([
            db.usager.update({
              where: { id: u.id },
              data: {
                nom: 'Anonyme',
                prenom: 'Anonyme',
                dateNaissance: null,
                communeCode: null,
                telephone: null,
                email: null,
                numeroAllocataire: null,
                roleAllocataire: null,
                anonymiseLe: now,
              },
            }),
            // Rows of partners' lists that named them (the person as the file gave it).
            db.importFluxLigne.updateMany({ where: { usagerId: u.id }, data: { donnees: {} } }),
            // What they said before the équipe pluridisciplinaire (the decision stays, as the session's record).
            db.dossierSession.updateMany({ where: { usagerId: u.id }, data: { observations: null } }),
            db.parcours.updateMany({ where: { id: { in: ids } }, data: { objectifs: [] } }),
            db.parcoursEvenement.updateMany({ where: { parcoursId: { in: ids } }, data: { donnees: {} } }),
            db.notification.updateMany({
              where: { parcoursId: { in: ids } },
              data: { destinataire: {}, donnees: {}, adresses: [], derniereErreur: null },
            }),
            // What partners were sent keeps its log line (status, dates), not its body (the accueil's free text).
            db.livraisonWebhook.updateMany({ where: { parcoursId: { in: ids } }, data: { corps: '{}' } }),
          ]);
          usagers += 1;
          parcours += ids.length;
        }
      }
      // Sessions end by the clock, not by the run's date (a run dated ahead, as tests and simulations do, would
      // sign every agent out).
      const { count: sessionsPurgees } = await db.sessionAgent.deleteMany({ where: { expire: { lt: new Date() } } });
      return {
        limite: limite.toISOString(),
        usagersAnonymises: usagers,
        parcoursAnonymises: parcours,
        sessionsPurgees,
      };
    },
  };
}
