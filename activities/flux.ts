import { v5 as uuidv5 } from 'uuid';
import type { Client } from '@temporalio/client';
import { heartbeat } from '@temporalio/activity';
import type { Db } from '../infra/prisma';
import { chargerPolitiqueDelais } from '../config/delais';
import { changements, type IssueLigne } from '../domain/flux/ligne';
import type { SourceFlux } from '../domain/flux/sources';
import { demarrerParcours } from '../infra/ouverture-parcours';
import { bilanImport, usagerConnu, type BilanImportFlux, type LigneImportee } from '../imports/flux';

/** Namespace of the ids an import derives from its id and a row: a retried row designates the same people. */
const FLUX = '3f0f7c52-1d0e-4b8e-a5a2-6c1d2b9e7a40';

export interface LotFlux {
  importId: string;
  departement: string;
  source: SourceFlux;
  acteur: string;
  taskQueue: string;
  /** Rows [de, a) of the file (row numbers as a spreadsheet shows them). */
  de: number;
  a: number;
}

/** Rows handled at once by one lot (a few queries and a workflow start each). */
const SIMULTANES = 10;

/**
 * Activities of an import of a partner's list (workflows/import-flux.ts). Idempotent: a row is done once its
 * issue is recorded; a row retried before that finds the people it created by their derived ids.
 */
export function createFluxActivities(db: Db, temporal: Client | undefined) {
  /**
   * A parcours is opened unless the person is already followed: in the lists, or started by an import (this one's
   * earlier attempt, or another import running at the same time) and not there yet. Decided under a lock on the
   * person, and the decision written on the row before the start: two imports naming the same person open one
   * parcours. Returns the parcours that already follows the person, or null when this row opens one.
   */
  async function reserverOuverture(usagerId: string, importId: string, rang: number, parcoursId: string) {
    return db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Usager" WHERE "id" = ${usagerId}::uuid FOR UPDATE`;
      const [suivi] = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Parcours" WHERE "usagerId" = ${usagerId}::uuid AND "statut" <> 'clos' AND "id" <> ${parcoursId}::uuid
        UNION ALL
        SELECT l."parcoursId" FROM "ImportFluxLigne" l
        WHERE l."usagerId" = ${usagerId}::uuid AND l."parcoursId" <> ${parcoursId}::uuid
          AND NOT EXISTS (SELECT 1 FROM "Parcours" p WHERE p."id" = l."parcoursId")
        LIMIT 1`;
      if (!suivi)
        await tx.importFluxLigne.update({
          where: { importId_rang: { importId, rang } },
          data: { usagerId, parcoursId },
        });
      return suivi ?? null;
    });
  }

  async function importerLigne(lot: LotFlux, rang: number, donnees: LigneImportee): Promise<void> {
    const { ligne, routage } = donnees;
    const usagerId = uuidv5(`usager:${lot.importId}:${rang}`, FLUX);
    const parcoursId = uuidv5(`parcours:${lot.importId}:${rang}`, FLUX);
    let issue: IssueLigne = 'mise_a_jour';
    let connu = await usagerConnu(db, ligne);
    if (!connu) {
      const { droitRsaOuvertLe: _d, ...identite } = ligne;
      await db.usager.createMany({
        data: [
          { id: usagerId, ...identite, dateNaissance: ligne.dateNaissance ? new Date(ligne.dateNaissance) : null },
        ],
        skipDuplicates: true,
      });
      connu = (await usagerConnu(db, ligne))!;
    }
    if (connu.id === usagerId) issue = 'creee';
    else {
      const champs = { ...connu, dateNaissance: connu.dateNaissance?.toISOString().slice(0, 10) ?? null };
      const c = changements(champs, ligne);
      if (Object.keys(c).length) {
        await db.usager.update({
          where: { id: connu.id },
          data: { ...c, ...(c.dateNaissance ? { dateNaissance: new Date(c.dateNaissance) } : {}) },
        });
      } else issue = 'inchangee';
    }
    const suivi = await reserverOuverture(connu.id, lot.importId, rang, parcoursId);
    if (!suivi) {
      await demarrerParcours(
        temporal!,
        lot.taskQueue,
        {
          parcoursId,
          usagerId: connu.id,
          departement: lot.departement,
          politique: chargerPolitiqueDelais(lot.departement),
          routage: { ...routage, mode: 'automatique' },
        },
        {
          acteur: lot.acteur,
          donnees: {
            origine: lot.source,
            besoins: [{ domaine: 'insertion_emploi' }],
            urgence: false,
            droitRsaOuvertLe: ligne.droitRsaOuvertLe,
          },
        },
      );
      if (issue === 'inchangee') issue = 'mise_a_jour';
    }
    await db.importFluxLigne.update({
      where: { importId_rang: { importId: lot.importId, rang } },
      data: { issue, usagerId: connu.id, parcoursId: suivi ? suivi.id : parcoursId },
    });
  }

  return {
    async importerLotFlux(lot: LotFlux): Promise<void> {
      if (!temporal) throw new Error('Import de flux : client Temporal absent des dépendances des activités.');
      const lignes = await db.importFluxLigne.findMany({
        where: { importId: lot.importId, rang: { gte: lot.de, lt: lot.a }, issue: 'en_attente' },
        orderBy: { rang: 'asc' },
      });
      for (let i = 0; i < lignes.length; i += SIMULTANES) {
        await Promise.all(
          lignes.slice(i, i + SIMULTANES).map((l) => importerLigne(lot, l.rang, l.donnees as unknown as LigneImportee)),
        );
        heartbeat();
      }
    },

    async terminerImportFlux(importId: string): Promise<BilanImportFlux> {
      await db.importFlux.updateMany({ where: { id: importId, termineLe: null }, data: { termineLe: new Date() } });
      return bilanImport(db, importId);
    },
  };
}
