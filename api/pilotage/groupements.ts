/** How pilotage rows may be grouped. */
export const GROUPEMENTS = ['departement', 'agence', 'territoire', 'mois'] as const;
export type Groupement = (typeof GROUPEMENTS)[number];
