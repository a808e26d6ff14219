/**
 * The orders of the parcours lists, each a total order (it ends with the id): a position (sort key + id) designates
 * one row, which keyset pages start after (lecture/listes.ts) and cursors carry (api/contrat/curseur.ts).
 */
export type Tri = 'urgence' | 'echeance' | 'recent';

export interface Cle {
  champ: 'urgence' | 'enRetard' | 'echeance' | 'etapeDepuis' | 'id';
  sens: 'asc' | 'desc';
  type: 'booleen' | 'instant' | 'uuid';
  /** NULLS LAST (the default of ASC in PostgreSQL, hence of the index). */
  nullable?: true;
}

export const CLES: Record<Tri, Cle[]> = {
  // Urgent first, then late, then by due date (none last), then longest in step: the lists' default.
  urgence: [
    { champ: 'urgence', sens: 'desc', type: 'booleen' },
    { champ: 'enRetard', sens: 'desc', type: 'booleen' },
    { champ: 'echeance', sens: 'asc', type: 'instant', nullable: true },
    { champ: 'etapeDepuis', sens: 'asc', type: 'instant' },
    { champ: 'id', sens: 'asc', type: 'uuid' },
  ],
  echeance: [
    { champ: 'echeance', sens: 'asc', type: 'instant', nullable: true },
    { champ: 'etapeDepuis', sens: 'asc', type: 'instant' },
    { champ: 'id', sens: 'asc', type: 'uuid' },
  ],
  recent: [
    { champ: 'etapeDepuis', sens: 'desc', type: 'instant' },
    { champ: 'id', sens: 'desc', type: 'uuid' },
  ],
};

/** A row's place in an order: its sort key and id, dates as ISO strings (what a cursor carries). */
export type Position = Array<boolean | string | null>;
