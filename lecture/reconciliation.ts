/**
 * Reconciliation: every open parcours workflow's state (its `vue` query, the source of truth) compared with its
 * read-model row, field by field — after an incident, IT sees what the read model got wrong, and may re-project.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../infra/prisma';
import type { VueParcours } from '../domain/parcours/etat';
import { WORKFLOWS, vueQuery } from '../workflows/messages';
import { colonnesParcours } from '../activities/projection';

/** A field where the read model differs from the workflow (`ligne`: the row is missing; `incident`: the row is
 * flagged, it may lack an event of the timeline). */
export interface Ecart {
  workflowId: string;
  parcoursId: string;
  champ: 'ligne' | 'incident' | (typeof CHAMPS)[number];
  workflow: string | null;
  lecture: string | null;
}

export interface Reconciliation {
  /** Open workflows compared (those whose premier accueil is recorded). */
  compares: number;
  ecarts: Ecart[];
  /** Rows re-projected from their workflow (`reparer`). */
  repares: number;
}

/** What a cadre's board and lists rely on. */
const CHAMPS = ['etape', 'statut', 'echeance', 'referentId', 'equipeId', 'territoireId'] as const;

const instant = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function comparer(vue: VueParcours, ligne: Awaited<ReturnType<typeof lireLigne>>): Ecart[] {
  const base = { workflowId: vue.workflowId, parcoursId: vue.parcoursId };
  if (!ligne) return [{ ...base, champ: 'ligne', workflow: 'présente', lecture: 'absente' }];
  const ecarts: Ecart[] = CHAMPS.flatMap((champ) => {
    const [w, l] = champ === 'echeance' ? [instant(vue.echeance), instant(ligne.echeance)] : [vue[champ], ligne[champ]];
    return w === l ? [] : [{ ...base, champ, workflow: w, lecture: l }];
  });
  if (ligne.incident) ecarts.push({ ...base, champ: 'incident', workflow: null, lecture: ligne.incident });
  return ecarts;
}

const lireLigne = (db: Db, id: string) =>
  db.parcours.findUnique({
    where: { id },
    select: {
      etape: true,
      statut: true,
      echeance: true,
      referentId: true,
      equipeId: true,
      territoireId: true,
      incident: true,
    },
  });

/**
 * Compares the open parcours workflows (`requete`: a visibility filter added to the list, e.g. a task queue)
 * with their rows; `reparer` writes the rows that differ from their workflow's view (timeline untouched).
 */
export async function reconcilier(opts: {
  db: Db;
  temporal: Client;
  requete?: string;
  reparer?: boolean;
  simultanes?: number;
}): Promise<Reconciliation> {
  const { db, temporal } = opts;
  const filtre = `WorkflowType = '${WORKFLOWS.parcours}' AND ExecutionStatus = 'Running'`;
  const ids: string[] = [];
  for await (const w of temporal.workflow.list({ query: opts.requete ? `${filtre} AND (${opts.requete})` : filtre }))
    ids.push(w.workflowId);
  const resultat: Reconciliation = { compares: 0, ecarts: [], repares: 0 };
  let suivant = 0;
  const comparerSuivant = async () => {
    while (suivant < ids.length) {
      const vue = await temporal.workflow.getHandle(ids[suivant++]!).query(vueQuery);
      if (!vue) continue;
      resultat.compares++;
      const ecarts = comparer(vue, await lireLigne(db, vue.parcoursId));
      resultat.ecarts.push(...ecarts);
      if (opts.reparer && ecarts.length) {
        await reprojeter(db, vue);
        resultat.repares++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.simultanes ?? 8 }, comparerSuivant));
  return resultat;
}

/** The row rewritten from the workflow's view, its incident closed; a missing row is created (its next event's
 * projection follows). */
async function reprojeter(db: Db, vue: VueParcours): Promise<void> {
  const colonnes = { ...colonnesParcours(vue), incidentLe: null, incident: null };
  await db.parcours.upsert({
    where: { id: vue.parcoursId },
    update: colonnes,
    create: { id: vue.parcoursId, ...colonnes, version: 0 },
  });
}
