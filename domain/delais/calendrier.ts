/**
 * The French business calendar: public holidays and jours ouvrés (Monday to Friday, holidays excluded).
 * Computed on UTC calendar days so that it gives the same answer on every worker whatever its time zone —
 * a requirement for workflow replay (the usual libraries use the host's local time).
 */

const JOUR_MS = 86_400_000;

const cle = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, j: number) => new Date(Date.UTC(y, m - 1, j));

/** Easter Sunday (anonymous Gregorian algorithm). */
export function paques(annee: number): Date {
  const a = annee % 19;
  const b = Math.floor(annee / 100);
  const c = annee % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const mois = Math.floor((h + l - 7 * m + 114) / 31);
  const jour = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(annee, mois, jour);
}

const cache = new Map<number, Set<string>>();

/** The 11 national public holidays of a year. */
export function joursFeries(annee: number): Set<string> {
  let feries = cache.get(annee);
  if (!feries) {
    const p = paques(annee).getTime();
    feries = new Set(
      [
        utc(annee, 1, 1),
        utc(annee, 5, 1),
        utc(annee, 5, 8),
        utc(annee, 7, 14),
        utc(annee, 8, 15),
        utc(annee, 11, 1),
        utc(annee, 11, 11),
        utc(annee, 12, 25),
        new Date(p + 1 * JOUR_MS),
        new Date(p + 39 * JOUR_MS),
        new Date(p + 50 * JOUR_MS),
      ].map(cle),
    );
    cache.set(annee, feries);
  }
  return feries;
}

export const estFerie = (d: Date) => joursFeries(d.getUTCFullYear()).has(cle(d));
export const estOuvre = (d: Date) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !estFerie(d);

/** Moves n jours ouvrés forwards (sens 1) or backwards (sens -1), keeping the time of day. */
export function ajouterJoursOuvres(depuis: Date, n: number, sens: 1 | -1 = 1): Date {
  let d = new Date(depuis.getTime());
  let restant = n;
  while (restant > 0) {
    d = new Date(d.getTime() + sens * JOUR_MS);
    if (estOuvre(d)) restant--;
  }
  return d;
}
