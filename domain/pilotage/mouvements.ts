/**
 * What one parcours event changes in the pilotage counts: a step left (where it led; and, apart, how long it
 * took), a step entered, a délai clock ended (kept or broken, with its duration), a délai broken (escalation). Pure:
 * the projection activity adds these to the monthly aggregates (PilotageAgregat) in the event's transaction,
 * and the benchmark's seed derives its aggregates with the same function.
 */
import type { VueParcours } from '../parcours/etat';

/** The part of a parcours' read model the pilotage counts depend on. */
export type EtatPilote = Pick<
  VueParcours,
  'etape' | 'etapeDepuis' | 'territoireId' | 'equipeId' | 'referentId' | 'echeances' | 'motifCloture'
>;

export const MESURES = ['entree', 'sortie', 'duree', 'delai', 'escalade'] as const;
export type Mesure = (typeof MESURES)[number];

export interface Mouvement {
  mesure: Mesure;
  /** The step (entree, sortie, duree) or the délai rule code (delai, escalade). */
  objet: string;
  /** sortie: the next step, or the closing reason; delai: respecte | depasse; otherwise ''. */
  issue: string;
  /** duree: days spent (see `joursArrondis`), for medians and 90th percentiles; otherwise 0. */
  jours: number;
  /** First day of the month it counts in (UTC), YYYY-MM-01. */
  mois: string;
  territoireId: string | null;
  equipeId: string | null;
  referentId: string | null;
}

const JOUR_MS = 86_400_000;
const moisDe = (iso: string) => `${iso.slice(0, 7)}-01`;
/** Widths of the day counts, from 0 days: [up to (inclusive), width]. */
const PAS_JOURS: Array<[number, number]> = [
  [14, 1],
  [30, 3],
  [60, 5],
  [120, 10],
  [180, 20],
  [360, 30],
  [Infinity, 90],
];

/**
 * Durations are counted in about forty day counts (by day up to 14 days, then wider and wider: PAS_JOURS),
 * each by its lower bound: the délais are days or weeks, and the aggregates stay a few rows per month and step.
 */
export function joursArrondis(j: number): number {
  let debut = 0;
  for (const [jusqua, pas] of PAS_JOURS) {
    if (j <= jusqua) return j - ((j - debut) % pas);
    debut = jusqua + 1;
  }
  return j;
}
const jours = (depuis: string, jusqua: string) =>
  joursArrondis(Math.max(0, Math.floor((new Date(jusqua).getTime() - new Date(depuis).getTime()) / JOUR_MS)));

export function mouvementsPilotage(avant: EtatPilote | null, apres: EtatPilote, survenuLe: string): Mouvement[] {
  const dims = (e: EtatPilote) => ({ territoireId: e.territoireId, equipeId: e.equipeId, referentId: e.referentId });
  const entree = (e: EtatPilote): Mouvement => ({
    mesure: 'entree',
    objet: e.etape,
    issue: '',
    jours: 0,
    mois: moisDe(e.etapeDepuis),
    ...dims(e),
  });
  if (!avant) return [entree(apres)];

  const m: Mouvement[] = [];
  if (avant.etapeDepuis !== apres.etapeDepuis) {
    // A stay counts where it was entered (its équipe and référent then): where it led, and how long it took
    // (apart, so that each stays a few rows per month).
    const sortie = { objet: avant.etape, mois: moisDe(apres.etapeDepuis), ...dims(avant) };
    m.push({
      mesure: 'sortie',
      issue: apres.etape === 'cloture' ? (apres.motifCloture ?? 'cloture') : apres.etape,
      jours: 0,
      ...sortie,
    });
    m.push({ mesure: 'duree', issue: '', jours: jours(avant.etapeDepuis, apres.etapeDepuis), ...sortie });
    m.push(entree(apres));
  }
  const cle = (x: { code: string; depuis: string }) => `${x.code}@${x.depuis}`;
  const suivantes = new Map(apres.echeances.map((x) => [cle(x), x]));
  for (const x of avant.echeances) {
    const suite = suivantes.get(cle(x));
    if (!suite) {
      m.push({
        mesure: 'delai',
        objet: x.code,
        issue: x.depassee ? 'depasse' : 'respecte',
        jours: 0,
        mois: moisDe(survenuLe),
        ...dims(apres),
      });
    } else if (!x.depassee && suite.depassee) {
      m.push({ mesure: 'escalade', objet: x.code, issue: '', jours: 0, mois: moisDe(survenuLe), ...dims(apres) });
    }
  }
  return m;
}

/**
 * The aggregate rows a movement adds to: its own (territoire, équipe, référent), its territoire's and the
 * département's ('*' for "all"; '' for "none"), so that wide questions read few rows.
 */
export function niveauxAgregat(m: Mouvement): Array<[territoireId: string, equipeId: string, referentId: string]> {
  const t = m.territoireId ?? '';
  return [
    [t, m.equipeId ?? '', m.referentId ?? ''],
    [t, '*', '*'],
    ['*', '*', '*'],
  ];
}
