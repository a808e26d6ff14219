import { v5 as uuidv5 } from 'uuid';
import type { Client } from '@temporalio/client';
import { heartbeat } from '@temporalio/activity';
import type { Db } from '../infra/prisma';
import { chargerPolitiqueDelais } from '../config/delais';
import { changements, type IssueLigne } from '../domain/flux/ligne';
import type { SourceFlux } from '../domain/flux/sources';
import { configUsagerDe, demarrerParcoursOuvert } from '../infra/ouverture-parcours';
import { accueilFluxSchema } from '../domain/parcours/commandes';
import { vueDe } from '../domain/parcours/etat';
import { workflowIdDe } from '../domain/parcours/identifiants';
import { sortiesDe } from '../domain/parcours/sorties';
import type { ConfigUsager } from '../domain/espace/jalons';
import { accueillir, type Routage } from '../domain/parcours/transitions';
import { projeterOuvertures } from './projection';
import {
  bilanImport,
  usagersConnus,
  type BilanImportFlux,
  type LigneImportee,
  type UsagerConnu,
} from '../imports/flux';

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

/**
 * Parcours a lot starts at once, each start waiting for the worker to hold its parcours: an import puts at most
 * 4 lots × 8 tasks on the parcours' queue, behind the agents' (PRIORITE_IMPORT).
 */
const DEMARRAGES_SIMULTANES = 8;
/** Identity updates in flight at once in one lot (a re-import of a changed file). */
const MISES_A_JOUR_SIMULTANEES = 10;

/** Runs `fn` on every item, at most `n` at a time. */
async function parPaquets<T>(items: T[], n: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let suivant = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (suivant < items.length) await fn(items[suivant++]!);
    }),
  );
}

/** What every parcours of an import opens with: the import's date, the département's policy and configuration. */
interface Ouverture {
  le: Date;
  politique: ReturnType<typeof chargerPolitiqueDelais>;
  usager: ConfigUsager;
}

interface LigneDuLot {
  rang: number;
  donnees: LigneImportee;
  /** Derived from the import and the row: what this row creates, found again by a retried lot. */
  usagerId: string;
  parcoursId: string;
  connu?: UsagerConnu;
  issue?: IssueLigne;
  /** The parcours that already follows the person, or null when this row opens one. */
  suivi?: string | null;
}

/**
 * Activities of an import of a partner's list (workflows/import-flux.ts). A lot's rows are handled together,
 * a few queries for the whole lot. Idempotent: a row is done once its issue is recorded (all the lot's issues in
 * one write, after its parcours started); a lot retried before that finds the people it created by their
 * derived ids and its own reservations, and starts nothing twice (a workflow already started is left alone).
 */
export function createFluxActivities(db: Db, temporal: Client | undefined) {
  /**
   * A parcours is opened unless the person is already followed: in the lists, or started by an import (this one's
   * earlier attempt, or another import running at the same time) and not there yet. Decided under a lock on the
   * lot's people (taken in one order: two lots sharing people wait, never deadlock), and the decisions written on
   * the rows before any start: two imports naming the same person open one parcours.
   */
  async function reserverOuvertures(importId: string, lignes: LigneDuLot[]): Promise<void> {
    const usagers = [...new Set(lignes.map((l) => l.connu!.id))];
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Usager" WHERE "id" = ANY(${usagers}::uuid[]) ORDER BY "id" FOR UPDATE`;
      const suivis = await tx.$queryRaw<{ usagerId: string; parcoursId: string }[]>`
        SELECT "usagerId"::text AS "usagerId", "id"::text AS "parcoursId" FROM "Parcours"
        WHERE "usagerId" = ANY(${usagers}::uuid[]) AND "statut" <> 'clos'
        UNION ALL
        SELECT l."usagerId"::text, l."parcoursId"::text FROM "ImportFluxLigne" l
        WHERE l."usagerId" = ANY(${usagers}::uuid[]) AND l."parcoursId" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "Parcours" p WHERE p."id" = l."parcoursId")`;
      const parUsager = new Map<string, string[]>();
      for (const s of suivis) parUsager.set(s.usagerId, [...(parUsager.get(s.usagerId) ?? []), s.parcoursId]);
      const ouvertures: LigneDuLot[] = [];
      for (const l of lignes) {
        const deja = parUsager.get(l.connu!.id) ?? [];
        // Its own reservation (an earlier attempt of this lot) does not count: the row opens it, again.
        l.suivi = deja.find((p) => p !== l.parcoursId) ?? null;
        if (l.suivi) continue;
        ouvertures.push(l);
        // A person met twice in one lot (by name, then by number): the second row finds the first's parcours.
        parUsager.set(l.connu!.id, [...deja, l.parcoursId]);
      }
      if (ouvertures.length)
        await tx.$executeRaw`
          UPDATE "ImportFluxLigne" l SET "usagerId" = u.usager, "parcoursId" = u.parcours
          FROM unnest(${ouvertures.map((l) => l.rang)}::int[], ${ouvertures.map((l) => l.connu!.id)}::uuid[],
                      ${ouvertures.map((l) => l.parcoursId)}::uuid[]) AS u(rang, usager, parcours)
          WHERE l."importId" = ${importId}::uuid AND l."rang" = u.rang`;
    });
  }

  /** Finds or creates each row's person, and brings what the row changes to the known ones. */
  async function identifier(lignes: LigneDuLot[]): Promise<void> {
    const connus = await usagersConnus(
      db,
      lignes.map((l) => l.donnees.ligne),
    );
    const nouveaux = lignes.filter((_, i) => !connus[i]);
    lignes.forEach((l, i) => (l.connu = connus[i] ?? undefined));
    if (nouveaux.length) {
      await db.usager.createMany({
        data: nouveaux.map(({ usagerId, donnees: { ligne } }) => {
          const { droitRsaOuvertLe: _d, ...identite } = ligne;
          return {
            id: usagerId,
            ...identite,
            dateNaissance: ligne.dateNaissance ? new Date(ligne.dateNaissance) : null,
          };
        }),
        // Already there: created by this lot's earlier attempt, or by another import (same allocataire).
        skipDuplicates: true,
      });
      const crees = await usagersConnus(
        db,
        nouveaux.map((l) => l.donnees.ligne),
      );
      nouveaux.forEach((l, i) => (l.connu = crees[i]!));
    }
    const aMettreAJour: { id: string; c: ReturnType<typeof changements> }[] = [];
    for (const l of lignes) {
      const connu = l.connu!;
      if (connu.id === l.usagerId) {
        l.issue = 'creee';
        continue;
      }
      const champs = { ...connu, dateNaissance: connu.dateNaissance?.toISOString().slice(0, 10) ?? null };
      const c = changements(champs, l.donnees.ligne);
      l.issue = Object.keys(c).length ? 'mise_a_jour' : 'inchangee';
      if (l.issue === 'mise_a_jour') aMettreAJour.push({ id: connu.id, c });
    }
    await parPaquets(aMettreAJour, MISES_A_JOUR_SIMULTANEES, ({ id, c }) =>
      db.usager.update({
        where: { id },
        data: { ...c, ...(c.dateNaissance ? { dateNaissance: new Date(c.dateNaissance) } : {}) },
      }),
    );
  }

  /**
   * A row's opening: its accueil decided here with the workflow's own domain functions, at the import's date (a
   * retried lot decides the same), and what its workflow would project and start from.
   */
  function ouverture(lot: LotFlux, l: LigneDuLot, { le, politique, usager }: Ouverture) {
    const { ligne, routage } = l.donnees;
    const accueil = accueilFluxSchema.parse({
      origine: lot.source,
      besoins: [{ domaine: 'insertion_emploi' }],
      urgence: false,
      droitRsaOuvertLe: ligne.droitRsaOuvertLe,
    });
    const parcoursId = l.parcoursId;
    const route: Routage = { ...routage, mode: 'automatique' };
    const d = accueillir(
      { parcoursId, workflowId: workflowIdDe(parcoursId), usagerId: l.connu!.id, departement: lot.departement },
      route,
      accueil,
      { maintenant: le, politique, seq: 1 },
    );
    const { evenement, notifications } = sortiesDe(null, d, {
      seq: 1,
      acteur: lot.acteur,
      le,
      usager,
      envoie: { messages: () => true, courriers: () => true },
    });
    return {
      l,
      d,
      projection: { vue: vueDe(d.etat), evenement, notifications },
      input: { parcoursId, usagerId: l.connu!.id, departement: lot.departement, politique, routage: route, usager },
    };
  }

  /**
   * Opens the lot's parcours: all projected in one transaction (their messages in the outbox before any workflow
   * delivers them), then their workflows started from that state, a few at a time, each start returning once the
   * worker holds its parcours.
   */
  async function ouvrirAuRythme(lot: LotFlux, lignes: LigneDuLot[]): Promise<void> {
    if (!lignes.length) return;
    const { creeLe } = await db.importFlux.findUniqueOrThrow({ where: { id: lot.importId }, select: { creeLe: true } });
    const commun: Ouverture = {
      le: creeLe,
      politique: chargerPolitiqueDelais(lot.departement),
      usager: configUsagerDe(lot.departement),
    };
    const ouvertures = lignes.map((l) => ouverture(lot, l, commun));
    const webhooks = await projeterOuvertures(
      db,
      ouvertures.map((o) => o.projection),
    );
    heartbeat();
    await parPaquets(
      ouvertures.map((o, i) => ({ ...o, webhooks: webhooks[i]! })),
      DEMARRAGES_SIMULTANES,
      async ({ l, d, projection, input, webhooks }) => {
        await demarrerParcoursOuvert(temporal!, lot.taskQueue, input, {
          etat: d.etat,
          seq: 1,
          aLivrer: projection.notifications.map((n) => n.cle),
          ...(webhooks.length ? { webhooks } : {}),
        });
        if (l.issue === 'inchangee') l.issue = 'mise_a_jour';
        heartbeat();
      },
    );
  }

  return {
    async importerLotFlux(lot: LotFlux): Promise<void> {
      if (!temporal) throw new Error('Import de flux : client Temporal absent des dépendances des activités.');
      const lignes: LigneDuLot[] = (
        await db.importFluxLigne.findMany({
          where: { importId: lot.importId, rang: { gte: lot.de, lt: lot.a }, issue: 'en_attente' },
          orderBy: { rang: 'asc' },
        })
      ).map((l) => ({
        rang: l.rang,
        donnees: l.donnees as unknown as LigneImportee,
        usagerId: uuidv5(`usager:${lot.importId}:${l.rang}`, FLUX),
        parcoursId: uuidv5(`parcours:${lot.importId}:${l.rang}`, FLUX),
      }));
      if (!lignes.length) return;
      await identifier(lignes);
      await reserverOuvertures(lot.importId, lignes);
      heartbeat();
      await ouvrirAuRythme(
        lot,
        lignes.filter((l) => !l.suivi),
      );
      // Last, once every start is done: a row with its issue is never taken again.
      await db.$executeRaw`
        UPDATE "ImportFluxLigne" l SET "issue" = u.issue, "usagerId" = u.usager, "parcoursId" = u.parcours
        FROM unnest(${lignes.map((l) => l.rang)}::int[], ${lignes.map((l) => l.issue!)}::text[],
                    ${lignes.map((l) => l.connu!.id)}::uuid[], ${lignes.map((l) => l.suivi ?? l.parcoursId)}::uuid[])
             AS u(rang, issue, usager, parcours)
        WHERE l."importId" = ${lot.importId}::uuid AND l."rang" = u.rang`;
    },

    async terminerImportFlux(importId: string): Promise<BilanImportFlux> {
      await db.importFlux.updateMany({ where: { id: importId, termineLe: null }, data: { termineLe: new Date() } });
      return bilanImport(db, importId);
    },
  };
}
