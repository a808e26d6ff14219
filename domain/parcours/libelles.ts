/** French labels of the parcours' values, as agents read them (the screens and the step rules' messages). */
import type { Statut, DomaineBesoin, Etape } from './etapes';
import type { AVANCEMENTS, ISSUES_REVUE, MOTIFS_CLOTURE, TYPES_ACCOMPAGNEMENT } from './commandes';

export const LIBELLE_ETAPE: Record<Etape, string> = {
  accueil: 'Premier accueil',
  evaluation: 'Évaluation globale',
  orientation: 'Orientation',
  designation: 'Désignation du référent',
  accompagnement: 'Accompagnement',
  cloture: 'Clôture',
};

export const LIBELLE_STATUT: Record<Statut, string> = { actif: 'Actif', suspendu: 'Suspendu', clos: 'Clos' };

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

export const LIBELLE_ACCOMPAGNEMENT: Record<(typeof TYPES_ACCOMPAGNEMENT)[number], string> = {
  social: 'Social',
  professionnel: 'Professionnel (France Travail)',
  socio_professionnel: 'Socio-professionnel',
};

export const LIBELLE_ISSUE_REVUE: Record<(typeof ISSUES_REVUE)[number], string> = {
  poursuite: 'Poursuite de l’accompagnement',
  reorientation: 'Demande de réorientation',
  cloture: 'Clôture du parcours',
};

export const LIBELLE_MOTIF_CLOTURE: Record<(typeof MOTIFS_CLOTURE)[number], string> = {
  objectifs_atteints: 'Objectifs atteints',
  reponse_immediate: 'Réponse immédiate apportée',
  orientation_externe: 'Orientation vers un organisme extérieur',
  demenagement: 'Déménagement',
  refus: 'Refus de la personne',
  sans_contact: 'Sans contact avec la personne',
  deces: 'Décès',
  autre: 'Autre motif',
};

export const LIBELLE_AVANCEMENT: Record<(typeof AVANCEMENTS)[number], string> = {
  non_commence: 'Non commencé',
  en_cours: 'En cours',
  atteint: 'Atteint',
  abandonne: 'Abandonné',
};
