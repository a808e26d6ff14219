/**
 * The pilotage indicators, computed by PostgreSQL from the monthly aggregates (PilotageAgregat, kept by the
 * projection activity) and, for what is open now, from the parcours' read model through covering indexes.
 * Département-wide questions read the rollup rows; a territoire, agence, équipe or référent reads its own rows.
 * Medians and 90th percentiles are read from the aggregates' day counts (by day up to 14 days, then wider:
 * domain/pilotage/mouvements.ts), as the lower bound of the count where they fall.
 */
import { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../infra/prisma';
import type { Groupement } from './groupements';

/** Who and what a question covers, once access rules are applied (api/acces.ts). */
export interface Portee {
  departement: string;
  /** Restricts to these territoires (a territoire, an agence's, or the cadre's own). */
  territoireIds?: string[];
  equipeId?: string;
  referentId?: string;
  /** First and last months covered (first days, UTC). */
  du: Date;
  au: Date;
}

const sql = Prisma.sql;
/** Dates are sent as their day (a Date parameter would be cast through the session's time zone). */
const jour = (d: Date) => d.toISOString().slice(0, 10);
const et = (morceaux: Prisma.Sql[]) => Prisma.join(morceaux, ' AND ');

/**
 * The aggregate rows a question reads (domain/pilotage/mouvements.ts, niveauxAgregat): the département's when
 * nothing narrower is asked, the territoires' for a territoire, an agence or a grouping by them, the detailed
 * rows for an équipe or a référent.
 */
function lignes(p: Portee, par: Groupement, mesures: string[], depuisToujours = false): Prisma.Sql {
  const niveau =
    p.equipeId || p.referentId
      ? sql`a."equipeId" <> '*'`
      : p.territoireIds || par === 'territoire' || par === 'agence'
        ? sql`a."equipeId" = '*' AND a."territoireId" <> '*'`
        : sql`a."equipeId" = '*' AND a."territoireId" = '*'`;
  return et([
    sql`a."departement" = ${p.departement}`,
    niveau,
    p.territoireIds ? sql`a."territoireId" = ANY(${p.territoireIds}::text[])` : sql`TRUE`,
    p.equipeId ? sql`a."equipeId" = ${p.equipeId}` : sql`TRUE`,
    p.referentId ? sql`a."referentId" = ${p.referentId}` : sql`TRUE`,
    sql`a."mesure" = ANY(${mesures}::text[])`,
    depuisToujours ? sql`TRUE` : sql`a."mois" >= ${jour(p.du)}::date`,
    sql`a."mois" <= ${jour(p.au)}::date`,
  ]);
}

const GROUPE: Record<Groupement, Prisma.Sql> = {
  departement: sql`''`,
  agence: sql`coalesce(t."agenceId", '')`,
  territoire: sql`a."territoireId"`,
  mois: sql`to_char(a."mois", 'YYYY-MM')`,
};
const LIBELLE: Record<Groupement, Prisma.Sql> = {
  departement: sql`'Département'`,
  agence: sql`coalesce(max(ag."nom"), 'Sans agence')`,
  territoire: sql`coalesce(max(t."nom"), 'Sans territoire')`,
  mois: sql`d.groupe`,
};
/** Names of territoires and agences, joined only when the rows are grouped by them. */
const jointures = (par: Groupement) =>
  par === 'territoire' || par === 'agence'
    ? sql`LEFT JOIN "Territoire" t ON t."id" = a."territoireId" LEFT JOIN "Agence" ag ON ag."id" = t."agenceId"`
    : Prisma.empty;

export interface Distribution {
  groupe: string;
  libelle: string;
  objet: string;
  n: number;
  moyenneJours: number | null;
  medianeJours: number | null;
  p90Jours: number | null;
}

/** Durations of the steps left, per group and step: count, mean, median and 90th percentile in days. */
export async function distribution(db: Db, p: Portee, par: Groupement): Promise<Distribution[]> {
  return db.$queryRaw<Distribution[]>`
    WITH h AS (
      SELECT ${GROUPE[par]} AS groupe, a."objet", a."jours",
             sum(a."n")::int AS n,
             ${LIBELLE[par === 'mois' ? 'departement' : par]} AS libelle
      FROM "PilotageAgregat" a ${jointures(par)}
      WHERE ${lignes(p, par, ['duree'])}
      GROUP BY 1, 2, 3),
    d AS (
      SELECT *, sum(n) OVER (PARTITION BY groupe, "objet" ORDER BY "jours") AS cumul,
             sum(n) OVER (PARTITION BY groupe, "objet") AS total
      FROM h)
    SELECT d.groupe, ${par === 'mois' ? LIBELLE.mois : sql`max(d.libelle)`} AS libelle, d."objet",
           max(d.total)::int AS n,
           round(sum(d."jours" * d.n)::numeric / max(d.total), 1)::float AS "moyenneJours",
           min(d."jours") FILTER (WHERE d.cumul >= 0.5 * d.total) AS "medianeJours",
           min(d."jours") FILTER (WHERE d.cumul >= 0.9 * d.total) AS "p90Jours"
    FROM d GROUP BY d.groupe, d."objet" ORDER BY d.groupe, d."objet"`;
}

export interface Compte {
  groupe: string;
  libelle: string;
  objet: string;
  issue: string;
  n: number;
}

/** Counts per group, object and outcome: flows ('sortie'), délais kept or broken ('delai'), escalations, entries. */
export async function comptes(db: Db, p: Portee, par: Groupement, mesure: 'sortie' | 'delai' | 'escalade' | 'entree') {
  return db.$queryRaw<Compte[]>`
    SELECT ${GROUPE[par]} AS groupe, ${par === 'mois' ? GROUPE.mois : LIBELLE[par]} AS libelle,
           a."objet", a."issue", sum(a."n")::int AS n
    FROM "PilotageAgregat" a ${jointures(par)}
    WHERE ${lignes(p, par, [mesure])}
    GROUP BY 1, a."objet", a."issue" ORDER BY 1, a."objet", a."issue"`;
}

export interface StockMois {
  mois: string;
  etape: string;
  entrees: number;
  sorties: number;
  enCours: number;
}

/** Backlog over time: per month and step, entries, exits, and parcours in the step at the end of the month. */
export async function stock(db: Db, p: Portee): Promise<StockMois[]> {
  return db.$queryRaw<StockMois[]>`
    WITH m AS (
      SELECT a."objet" AS etape, a."mois",
             coalesce(sum(a."n") FILTER (WHERE a."mesure" = 'entree'), 0) AS entrees,
             coalesce(sum(a."n") FILTER (WHERE a."mesure" = 'sortie'), 0) AS sorties
      FROM "PilotageAgregat" a
      WHERE ${lignes(p, 'departement', ['entree', 'sortie'], true)} AND a."objet" <> 'cloture'
      GROUP BY 1, 2),
    cumul AS (
      SELECT etape, "mois", entrees, sorties,
             sum(entrees - sorties) OVER (PARTITION BY etape ORDER BY "mois") AS "enCours"
      FROM m),
    mois AS (SELECT generate_series(${jour(p.du)}::date, ${jour(p.au)}::date, interval '1 month')::date AS "mois"),
    etapes AS (SELECT DISTINCT etape FROM m)
    SELECT to_char(mois."mois", 'YYYY-MM') AS "mois", etapes.etape,
           coalesce(c.entrees, 0)::int AS entrees, coalesce(c.sorties, 0)::int AS sorties,
           coalesce((SELECT x."enCours" FROM cumul x WHERE x.etape = etapes.etape AND x."mois" <= mois."mois"
                     ORDER BY x."mois" DESC LIMIT 1), 0)::int AS "enCours"
    FROM mois CROSS JOIN etapes
    LEFT JOIN cumul c ON c.etape = etapes.etape AND c."mois" = mois."mois"
    ORDER BY 1, 2`;
}

export interface EnCoursEtape {
  etape: string;
  enCours: number;
  enRetard: number;
  ageMoyenJours: number | null;
  ageMaxJours: number | null;
}

/**
 * Open parcours per step now: how many, how many overdue, how long they have waited in it. `etapeDepuis` is a
 * UTC timestamp without time zone: its epoch is read as is (date_part gives a float, cheaper per row).
 */
export async function enCoursParEtape(db: Db, p: Omit<Portee, 'du' | 'au'>): Promise<EnCoursEtape[]> {
  return db.$queryRaw<EnCoursEtape[]>`
    SELECT "etape", count(*)::int AS "enCours", (count(*) FILTER (WHERE "enRetard"))::int AS "enRetard",
           round(((extract(epoch FROM now()) - avg(date_part('epoch', "etapeDepuis"))) / 86400)::numeric,
                 1)::float AS "ageMoyenJours",
           round(((extract(epoch FROM now()) - date_part('epoch', min("etapeDepuis"))) / 86400)::numeric,
                 1)::float AS "ageMaxJours"
    FROM "Parcours"
    WHERE ${et([
      sql`"departement" = ${p.departement}`,
      sql`"statut" IN ('actif', 'suspendu')`,
      p.territoireIds ? sql`"territoireId" = ANY(${p.territoireIds}::text[])` : sql`TRUE`,
      p.equipeId ? sql`"equipeId" = ${p.equipeId}` : sql`TRUE`,
      p.referentId ? sql`"referentId" = ${p.referentId}` : sql`TRUE`,
    ])}
    GROUP BY "etape"`;
}

export interface ChargeReferent {
  referentId: string;
  charge: number;
  enRetard: number;
}

/** Open parcours per référent (caseload), and how many of them are overdue. */
export async function chargeParReferent(db: Db, p: Omit<Portee, 'du' | 'au'>): Promise<ChargeReferent[]> {
  return db.$queryRaw<ChargeReferent[]>`
    SELECT "referentId", count(*)::int AS charge, (count(*) FILTER (WHERE "enRetard"))::int AS "enRetard"
    FROM "Parcours"
    WHERE ${et([
      sql`"departement" = ${p.departement}`,
      sql`"statut" IN ('actif', 'suspendu')`,
      sql`"referentId" IS NOT NULL`,
      p.territoireIds ? sql`"territoireId" = ANY(${p.territoireIds}::text[])` : sql`TRUE`,
      p.equipeId ? sql`"equipeId" = ${p.equipeId}` : sql`TRUE`,
    ])}
    GROUP BY "referentId"`;
}

export interface LigneSatisfaction {
  territoireId: string;
  territoire: string;
  jalon: string;
  mois: string;
  envoyes: number;
  reponses: number;
  commentaires: number;
  moyennes: Record<string, number | null>;
}

/**
 * Satisfaction per territoire, milestone and month sent: questionnaires sent, answers, and each question's
 * mean — only over at least `seuil` answers (fewer could point at a person; the counts stay).
 */
export async function satisfaction(
  db: Db,
  p: Portee,
  questions: string[],
  seuil: number,
): Promise<LigneSatisfaction[]> {
  const portee = (alias: string) =>
    et([
      sql`${Prisma.raw(alias)}."departement" = ${p.departement}`,
      p.territoireIds ? sql`${Prisma.raw(alias)}."territoireId" = ANY(${p.territoireIds}::text[])` : sql`TRUE`,
      sql`${Prisma.raw(alias)}."mois" BETWEEN ${jour(p.du)}::date AND ${jour(p.au)}::date`,
    ]);
  const moyennes = Prisma.join(
    questions.map(
      (q) => sql`CASE WHEN count(*) >= ${seuil} THEN round(avg((r."notes"->>${q})::numeric), 1)::float END`,
    ),
    ', ',
  );
  const lignes = await db.$queryRaw<(Omit<LigneSatisfaction, 'moyennes'> & { moyennes: (number | null)[] | null })[]>`
    WITH e AS (
      SELECT e."territoireId", e."jalon", e."mois", count(*)::int AS envoyes
      FROM "EnvoiQuestionnaire" e WHERE ${portee('e')} GROUP BY 1, 2, 3),
    r AS (
      SELECT r."territoireId", r."jalon", r."mois", count(*)::int AS reponses,
             count(r."commentaire")::int AS commentaires, ARRAY[${moyennes}] AS moyennes
      FROM "ReponseSatisfaction" r WHERE ${portee('r')} GROUP BY 1, 2, 3)
    SELECT e."territoireId", coalesce(t."nom", 'Sans territoire') AS territoire, e."jalon",
           to_char(e."mois", 'YYYY-MM') AS mois, e.envoyes, coalesce(r.reponses, 0) AS reponses,
           coalesce(r.commentaires, 0) AS commentaires, r.moyennes
    FROM e LEFT JOIN r USING ("territoireId", "jalon", "mois")
    LEFT JOIN "Territoire" t ON t."id" = e."territoireId"
    ORDER BY territoire, e."mois", e."jalon"`;
  return lignes.map((l) => ({
    ...l,
    moyennes: Object.fromEntries(questions.map((q, i) => [q, l.moyennes?.[i] ?? null])),
  }));
}
