/** Roles an agent can hold (several at once). */
export const ROLES = ['accueil', 'evaluateur', 'referent', 'cadre', 'partenaire', 'administrateur'] as const;
export type Role = (typeof ROLES)[number];

/** Pôles of an équipe pluridisciplinaire (Eure: two per territoire; an équipe may have none). */
export const POLES = ['evaluation', 'accompagnement'] as const;
export type Pole = (typeof POLES)[number];

/** Kinds of lieux d'accueil where a premier accueil can happen. */
export const TYPES_LIEU = ['site_departemental', 'ccas', 'france_services'] as const;
export type TypeLieu = (typeof TYPES_LIEU)[number];
