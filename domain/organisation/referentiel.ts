/** Roles an agent can hold (several at once). */
export const ROLES = ['accueil', 'evaluateur', 'referent', 'cadre', 'partenaire', 'administrateur'] as const;
export type Role = (typeof ROLES)[number];

/** Pôles of an équipe pluridisciplinaire (Eure: two per territoire; an équipe may have none). */
export const POLES = ['evaluation', 'accompagnement'] as const;
export const LIBELLE_POLE: Record<(typeof POLES)[number], string> = {
  evaluation: 'Pôle évaluation',
  accompagnement: 'Pôle accompagnement',
};
export type Pole = (typeof POLES)[number];

/** Kinds of lieux d'accueil where a premier accueil can happen. */
export const TYPES_LIEU = ['site_departemental', 'ccas', 'france_services', 'partenaire'] as const;
export type TypeLieu = (typeof TYPES_LIEU)[number];
export const LIBELLE_TYPE_LIEU: Record<TypeLieu, string> = {
  site_departemental: 'Site du département',
  ccas: 'CCAS',
  france_services: 'France services',
  partenaire: 'Partenaire',
};

/** Where a lieu d'accueil's data comes from (LieuAccueil.source), as the coverage figure names it. */
export const LIBELLE_SOURCE_LIEU: Record<string, string> = {
  'anct-france-services': 'Liste nationale des France services (ANCT)',
  seed: 'Amorçage fictif (démonstration)',
  saisie: 'Saisi dans le produit',
  'liste-departement': 'Liste des sites du département (import)',
};
/** Sources that describe real places (every source but the demonstration seed). */
export const sourceReelle = (source: string) => source !== 'seed';
