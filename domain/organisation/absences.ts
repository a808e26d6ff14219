/**
 * Absences of agents and their intérim: who acts for a titular at any instant, the periods that may not
 * overlap, and the intérim proposed when the cadre names nobody. Pure rules, shared by the API (checks), the
 * absence workflow (its timers) and the parcours decider (who is reminded).
 */
import { classerReferents, type CandidatReferent, type Proposition } from './referents';

/** Why an agent is away: a category only, never a medical detail. */
export const MOTIFS_ABSENCE = ['conge', 'maladie', 'formation', 'autre'] as const;
export type MotifAbsence = (typeof MOTIFS_ABSENCE)[number];

export const LIBELLE_MOTIF_ABSENCE: Record<MotifAbsence, string> = {
  conge: 'Congé',
  maladie: 'Maladie',
  formation: 'Formation',
  autre: 'Autre',
};

/** prevue → en_cours (the intérim acts) → terminee; annulee before it starts, or ended early. */
export const STATUTS_ABSENCE = ['prevue', 'en_cours', 'terminee', 'annulee'] as const;
export type StatutAbsence = (typeof STATUTS_ABSENCE)[number];

/** A period [du, au[ : the agent is away from `du` and back at `au` (ISO instants). */
export interface Periode {
  du: string;
  au: string;
}

export interface AbsenceEnVigueur extends Periode {
  agentId: string;
  interimId: string;
}

/** Two periods overlap when each starts before the other ends (touching ends do not overlap). */
export const chevauchent = (a: Periode, b: Periode): boolean =>
  Date.parse(a.du) < Date.parse(b.au) && Date.parse(b.du) < Date.parse(a.au);

/** Whether `instant` lies within the period (the start included, the return excluded). */
export const pendant = (p: Periode, instant: Date): boolean =>
  Date.parse(p.du) <= instant.getTime() && instant.getTime() < Date.parse(p.au);

/** Who acts for `titulaireId` at `instant`: the intérim of the absence under way, otherwise the titular. */
export function agentQuiAgit(titulaireId: string, absences: AbsenceEnVigueur[], instant: Date): string {
  return absences.find((a) => a.agentId === titulaireId && pendant(a, instant))?.interimId ?? titulaireId;
}

/**
 * The intérims proposed for an absent agent: the other référents of their équipe, ranked as for a
 * designation (room left first, then the lowest caseload against capacity).
 */
export function proposerInterims(candidats: CandidatReferent[], absentId: string): Proposition[] {
  return classerReferents(
    candidats.filter((c) => c.id !== absentId),
    { anciensReferents: [] },
  );
}
