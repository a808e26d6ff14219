/** French labels of the domain's values. */
import type { DomaineBesoin, Etape } from '../../domain/parcours/etapes';
export { DOMAINES_BESOIN, ETAPES } from '../../domain/parcours/etapes';

export const LIBELLE_DOMAINE: Record<DomaineBesoin, string> = {
  enfance_famille: 'Enfance et famille',
  insertion_emploi: 'Insertion et emploi',
  autonomie: 'Autonomie',
  logement: 'Logement',
  sante: 'Santé',
  budget_ressources: 'Budget et ressources',
  acces_droits: 'Accès aux droits',
  mobilite: 'Mobilité',
};

export const LIBELLE_ETAPE: Record<Etape, string> = {
  accueil: 'Premier accueil',
  evaluation: 'Évaluation globale',
  orientation: 'Orientation',
  designation: 'Désignation du référent',
  accompagnement: 'Accompagnement',
  cloture: 'Clôture',
};

export const LIBELLE_ROLE: Record<string, string> = {
  accueil: 'accueil',
  evaluateur: 'évaluateur',
  referent: 'référent',
  cadre: 'cadre',
  partenaire: 'partenaire',
  administrateur: 'administrateur',
};
export const libelleRole = (r: string) => LIBELLE_ROLE[r] ?? r;

export const LIBELLE_STATUT: Record<string, string> = { actif: 'Actif', suspendu: 'Suspendu', clos: 'Clos' };

export const LIBELLE_ACCOMPAGNEMENT: Record<string, string> = {
  social: 'Social',
  professionnel: 'Professionnel (France Travail)',
  socio_professionnel: 'Socio-professionnel',
};

export const libelleDomaine = (d: string) => LIBELLE_DOMAINE[d as DomaineBesoin] ?? d;
export const libelleEtape = (e: string) => LIBELLE_ETAPE[e as Etape] ?? e;

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

export const MOTIFS_CLOTURE: Record<string, string> = {
  objectifs_atteints: 'Objectifs atteints',
  reponse_immediate: 'Réponse immédiate apportée',
  orientation_externe: 'Orientation vers un organisme extérieur',
  demenagement: 'Déménagement',
  refus: 'Refus de la personne',
  sans_contact: 'Sans contact avec la personne',
  deces: 'Décès',
  autre: 'Autre motif',
};

export const LIBELLE_AVANCEMENT: Record<string, string> = {
  non_commence: 'Non commencé',
  en_cours: 'En cours',
  atteint: 'Atteint',
  abandonne: 'Abandonné',
};

/** Options of a list from a label map. */
export const options = (m: Record<string, string>) =>
  Object.entries(m).map(([valeur, libelle]) => ({ valeur, libelle }));
