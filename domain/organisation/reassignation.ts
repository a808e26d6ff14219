/** A bulk reassignment: all open parcours of an agent (absence, departure) handed over in one operation. */
export interface Reassignation {
  ancienReferentId: string;
  /** Everyone to this référent; when absent, spread over the équipe by the assignment rules. */
  nouveauReferentId?: string;
  motif: string;
  acteur: string;
}

export interface ChangementPrevu {
  parcoursId: string;
  workflowId: string;
  /** `null`: no référent of the équipe can take it (the parcours keeps its référent, and is reported). */
  referentId: string | null;
}

/** `refuse`: the parcours refused the référent (not an active référent of its équipe); it keeps its own. */
export type IssueChangement = 'change' | 'deja_fait' | 'hors_accompagnement' | 'refuse';

export interface BilanReassignation {
  parcours: number;
  changes: number;
  dejaFaits: number;
  horsAccompagnement: number;
  sansRepreneur: string[];
  /** Who took how many. */
  repartition: Record<string, number>;
}
