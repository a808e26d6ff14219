/** French labels of the domain's values (from the domain, shared with the API) and display formats. */
import { EVENEMENTS, type TypeEvenement } from '../../domain/parcours/actions';
import type { DomaineBesoin, Etape } from '../../domain/parcours/etapes';
import { LIBELLE_SOURCE_LIEU, LIBELLE_TYPE_LIEU, type TypeLieu } from '../../domain/organisation/referentiel';
import {
  LIBELLE_ACCOMPAGNEMENT,
  LIBELLE_AVANCEMENT,
  LIBELLE_DOMAINE,
  LIBELLE_ETAPE,
  LIBELLE_MOTIF_CLOTURE,
} from '../../domain/parcours/libelles';
export { DOMAINES_BESOIN, ETAPES } from '../../domain/parcours/etapes';
export * from '../../domain/parcours/libelles';

export const libelleDomaine = (d: string) => LIBELLE_DOMAINE[d as DomaineBesoin] ?? d;
export const libelleEtape = (e: string) => LIBELLE_ETAPE[e as Etape] ?? e;
export const libelleAccompagnement = (t: string) =>
  LIBELLE_ACCOMPAGNEMENT[t as keyof typeof LIBELLE_ACCOMPAGNEMENT] ?? t;
export const libelleSource = (s: string) => LIBELLE_SOURCE_LIEU[s] ?? s;
export const libelleTypeLieu = (t: string) => LIBELLE_TYPE_LIEU[t as TypeLieu] ?? 'Autre lieu';
export const libelleEvenement = (type: string) => EVENEMENTS[type as TypeEvenement]?.libelle ?? type;

const dateFr = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const dateHeureFr = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export const date = (iso: string | null | undefined) => (iso ? dateFr.format(new Date(iso)) : '—');
export const dateHeure = (iso: string | null | undefined) => (iso ? dateHeureFr.format(new Date(iso)) : '—');

/** Whole days since an instant (age in step). */
export function joursDepuis(iso: string, maintenant = Date.now()): number {
  return Math.max(0, Math.floor((maintenant - new Date(iso).getTime()) / 86_400_000));
}

export const jours = (n: number) => `${n} jour${n > 1 ? 's' : ''}`;

/** Options of a list from a label map. */
export const options = (m: Record<string, string>) =>
  Object.entries(m).map(([valeur, libelle]) => ({ valeur, libelle }));
export const libelleAvancement = (a: string) => LIBELLE_AVANCEMENT[a as keyof typeof LIBELLE_AVANCEMENT] ?? '—';
export const libelleMotifCloture = (m: string) =>
  LIBELLE_MOTIF_CLOTURE[m as keyof typeof LIBELLE_MOTIF_CLOTURE] ?? 'Autre motif';
/** Where a flow between steps led: the next step, or "Clos : <motif>" (the pilotage's `vers`). */
export const libelleIssueFlux = (vers: string) =>
  Object.hasOwn(LIBELLE_MOTIF_CLOTURE, vers) ? `Clos : ${libelleMotifCloture(vers)}` : libelleEtape(vers);

/** "1 ligne refusée", "3 lignes refusées": the count with its word in the right number. */
export const nombre = (n: number, singulier: string, pluriel: string) => `${n} ${n > 1 ? pluriel : singulier}`;

const jourFr = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const heureFr = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
const jourIsoParis = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** "lundi 8 décembre 2026": the day of an instant, in Paris (headings of an agenda). */
export const jourEntier = (iso: string) => jourFr.format(new Date(iso));
/** "14:30": the time of an instant, in Paris. */
export const heure = (iso: string) => heureFr.format(new Date(iso));
/** "2026-12-08": the calendar day of an instant in Paris (to group by day, and for date fields). */
export const jourParis = (iso: string | Date) => jourIsoParis.format(new Date(iso));
