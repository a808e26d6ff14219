import type { Db } from '../infra/prisma';
import type { Evenement } from '../domain/parcours/evenement';
import type { VueParcours } from '../domain/parcours/etat';
import type { Notification } from '../domain/parcours/notification';
import { Prisma } from '../generated/prisma/client';
import { sansReessaiVain } from './incidents';
import { enregistrerLivraisons } from './webhooks';
import { mouvementsPilotage, niveauxAgregat, type EtatPilote, type Mouvement } from '../domain/pilotage/mouvements';

export interface Projection {
  vue: VueParcours;
  evenement: Evenement;
  /** Messages caused by this event, each with its outbox key. */
  notifications?: Array<Notification & { cle: string }>;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);
const json = (v: unknown) => v as Prisma.InputJsonValue;

type Tx = Prisma.TransactionClient;

/** Adds movements to the pilotage aggregates, at each of their levels (own row, territoire, département). */
export async function ajouterAuxAgregats(tx: Tx, departement: string, mouvements: Mouvement[]): Promise<void> {
  if (!mouvements.length) return;
  const lignes = mouvements.flatMap((m) => niveauxAgregat(m).map(([t, e, r]) => [t, e, r, m] as const));
  const col = <T>(f: (l: (typeof lignes)[number]) => T) => lignes.map(f);
  await tx.$executeRaw`
    INSERT INTO "PilotageAgregat" AS a
      ("departement", "territoireId", "equipeId", "referentId", "mesure", "objet", "issue", "mois", "jours", "n")
    SELECT ${departement}, t, e, r, me, o, i, mo::date, j, count(*)::int
    FROM unnest(${col((l) => l[0])}::text[], ${col((l) => l[1])}::text[], ${col((l) => l[2])}::text[],
                ${col((l) => l[3].mesure)}::text[], ${col((l) => l[3].objet)}::text[], ${col((l) => l[3].issue)}::text[],
                ${col((l) => l[3].mois)}::text[], ${col((l) => l[3].jours)}::int[]) AS u(t, e, r, me, o, i, mo, j)
    GROUP BY t, e, r, me, o, i, mo, j
    -- Rows locked in one order by every transaction: concurrent projections never deadlock on shared rows.
    ORDER BY e, t, me, mo, r, o, i, j
    ON CONFLICT ("departement", "equipeId", "territoireId", "mesure", "mois", "referentId", "objet", "issue", "jours")
    DO UPDATE SET "n" = a."n" + excluded."n"`;
}

/** The read-model row of a parcours from its workflow's view (all but `version`, the last event applied). */
export function colonnesParcours(vue: VueParcours) {
  return {
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
    structureId: vue.structureId ?? null,
    typeAccompagnement: vue.typeAccompagnement,
    echeance: date(vue.echeance),
    enRetard: vue.enRetard,
    etapeDepuis: new Date(vue.etapeDepuis),
    ouvertLe: new Date(vue.ouvertLe),
    closLe: date(vue.closLe),
    motifCloture: vue.motifCloture,
    echeances: json(vue.echeances),
    objectifs: json(vue.objectifs),
    interimId: vue.interim?.agentId ?? null,
    repreneurPropose: vue.repreneurPropose ?? null,
  } satisfies Prisma.ParcoursUncheckedUpdateInput;
}

/** The timeline row of an event. */
const ligneEvenement = (evenement: Evenement) => ({
  type: evenement.type,
  acteur: evenement.acteur,
  survenuLe: new Date(evenement.survenuLe),
  donnees: json(evenement.donnees),
});

/** The outbox rows of the messages an event caused. */
const lignesNotifications = ({ vue, notifications = [] }: Projection) =>
  notifications.map((n) => ({
    cle: n.cle,
    parcoursId: vue.parcoursId,
    modele: n.modele,
    destinataire: json(n.destinataire),
    donnees: json(n.donnees),
  }));

/**
 * Writes one workflow event into the read model, in one transaction: the parcours row, the timeline row, the
 * outbox messages and the partners' webhook deliveries (whose ids it returns, for the workflow to start them).
 * Idempotent under retries: the event is keyed on (parcours, seq), messages and deliveries on their key,
 * and the parcours row never moves back in `version`. The same version is written again: a workflow task that
 * failed to complete (history host lost) runs again later with a later clock, and its state is the one kept.
 */
export function createProjectionActivities(db: Db) {
  return {
    async projeterParcours(projection: Projection): Promise<string[]> {
      const { vue, evenement } = projection;
      const data = {
        ...colonnesParcours(vue),
        version: evenement.seq,
      } satisfies Prisma.ParcoursUncheckedUpdateInput;
      // Data PostgreSQL refuses fails for good: the workflow records an incident (activities/incidents.ts).
      return sansReessaiVain(() =>
        db.$transaction(async (tx) => {
          // The state before this event, for the pilotage counts (locked: the update below changes it).
          const [avant] = await tx.$queryRaw<EtatPilote[]>`
          SELECT "etape", "etapeDepuis", "territoireId", "equipeId", "referentId", "echeances", "motifCloture"
          FROM "Parcours" WHERE "id" = ${vue.parcoursId}::uuid FOR UPDATE`;
          const moved = await tx.parcours.updateMany({
            where: { id: vue.parcoursId, version: { lte: evenement.seq } },
            data,
          });
          if (moved.count === 0) {
            await tx.parcours.createMany({ data: [{ id: vue.parcoursId, ...data }], skipDuplicates: true });
          }
          const ligne = ligneEvenement(evenement);
          const nouveau = await tx.parcoursEvenement.createMany({
            data: [{ parcoursId: vue.parcoursId, seq: evenement.seq, ...ligne }],
            skipDuplicates: true,
          });
          if (nouveau.count === 0) {
            await tx.parcoursEvenement.updateMany({
              where: { parcoursId: vue.parcoursId, seq: evenement.seq },
              data: ligne,
            });
          }
          // Counted once: a retried activity finds its event already recorded.
          if (nouveau.count === 1) {
            const etat = (e: typeof avant) => e && { ...e, etapeDepuis: new Date(e.etapeDepuis).toISOString() };
            await ajouterAuxAgregats(
              tx,
              vue.departement,
              mouvementsPilotage(etat(avant) ?? null, vue, evenement.survenuLe),
            );
          }
          // The clôture ends the person's page: its links open nothing from now on (questionnaires stay open).
          if (vue.statut === 'clos')
            await tx.lienUsager.updateMany({
              where: { parcoursId: vue.parcoursId, portee: 'parcours', revoqueLe: null },
              data: { revoqueLe: new Date(evenement.survenuLe), motifRevocation: 'cloture' },
            });
          const notifications = lignesNotifications(projection);
          if (notifications.length) await tx.notification.createMany({ data: notifications, skipDuplicates: true });
          return (await enregistrerLivraisons(tx, vue.departement, [projection]))[0]!;
        }),
      );
    },
  };
}

/**
 * Writes the first event of many parcours of a département at once, before their workflows start (an import
 * of a partner's list): the same rows as `projeterParcours` for each, a few statements for them all. A row
 * already there was written by an earlier attempt (the same, at the import's date) or moved on by its workflow
 * since: left as it is, and counted once. Returns each parcours' webhook deliveries, in order.
 */
export async function projeterOuvertures(db: Db, ouvertures: Projection[]): Promise<string[][]> {
  if (!ouvertures.length) return [];
  const departement = ouvertures[0]!.vue.departement;
  return sansReessaiVain(() =>
    db.$transaction(async (tx) => {
      await tx.parcours.createMany({
        data: ouvertures.map(({ vue, evenement }) => ({
          id: vue.parcoursId,
          ...colonnesParcours(vue),
          version: evenement.seq,
        })),
        skipDuplicates: true,
      });
      const nouveaux = await tx.parcoursEvenement.createManyAndReturn({
        data: ouvertures.map(({ vue, evenement }) => ({
          parcoursId: vue.parcoursId,
          seq: evenement.seq,
          ...ligneEvenement(evenement),
        })),
        skipDuplicates: true,
        select: { parcoursId: true },
      });
      const neufs = new Set(nouveaux.map((e) => e.parcoursId));
      await ajouterAuxAgregats(
        tx,
        departement,
        ouvertures
          .filter(({ vue }) => neufs.has(vue.parcoursId))
          .flatMap(({ vue, evenement }) => mouvementsPilotage(null, vue, evenement.survenuLe)),
      );
      const notifications = ouvertures.flatMap(lignesNotifications);
      if (notifications.length) await tx.notification.createMany({ data: notifications, skipDuplicates: true });
      return enregistrerLivraisons(tx, departement, ouvertures);
    }),
  );
}
