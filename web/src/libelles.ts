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

export const LIBELLE_STATUT: Record<string, string> = { actif: 'Actif', suspendu: 'Suspendu', clos: 'Clos' };

export const LIBELLE_ACCOMPAGNEMENT: Record<string, string> = {
  social: 'Social',
  professionnel: 'Professionnel',
  socio_professionnel: 'Socio-professionnel',
};

export const LIBELLE_EVENEMENT: Record<string, string> = {
  accueil: 'Premier accueil',
  evaluation: 'Évaluation globale',
  orientation: 'Orientation décidée',
  designation_referent: 'Référent désigné',
  plan: 'Plan d’accompagnement',
  revue: 'Revue',
  demande_reorientation: 'Demande de réorientation',
  suspension: 'Suspension',
  reprise: 'Reprise',
  prolongation: 'Prolongation du délai',
  cloture: 'Clôture',
  changement_referent: 'Changement de référent',
  rendez_vous: 'Rendez-vous planifié',
  rappel_rendez_vous: 'Rappel de rendez-vous',
  relance: 'Relance automatique',
  relance_manuelle: 'Relance',
  escalade: 'Délai dépassé : alerte au cadre',
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
