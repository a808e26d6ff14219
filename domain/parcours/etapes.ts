/** The steps of a parcours, in order. A parcours is at exactly one of them. */
export const ETAPES = ['accueil', 'evaluation', 'orientation', 'designation', 'accompagnement', 'cloture'] as const;
export type Etape = (typeof ETAPES)[number];

export const STATUTS = ['actif', 'suspendu', 'clos'] as const;
export type Statut = (typeof STATUTS)[number];

/** Domains of need heard at the premier accueil (Loiret: "all of the person's needs"). */
export const DOMAINES_BESOIN = [
  'enfance_famille',
  'insertion_emploi',
  'autonomie',
  'logement',
  'sante',
  'budget_ressources',
  'acces_droits',
  'mobilite',
] as const;
export type DomaineBesoin = (typeof DOMAINES_BESOIN)[number];
