import type { Pole } from './referentiel';

/** A référent of the équipe with their current caseload (open parcours where they are référent). */
export interface CandidatReferent {
  id: string;
  pole: Pole | null;
  capacite: number;
  charge: number;
}

export interface ContexteAffectation {
  /** Past référents of this usager: keeping one of them comes first (continuity). */
  anciensReferents: string[];
  /** The pôle that follows parcours in accompaniment; agents of another pôle come after. */
  pole?: Pole;
}

export interface Proposition {
  agentId: string;
  rang: number;
  continuite: boolean;
  bonPole: boolean;
  complet: boolean;
  charge: number;
  capacite: number;
}

const taux = (c: CandidatReferent) => (c.capacite > 0 ? c.charge / c.capacite : Infinity);

/**
 * Ranks the équipe's référents for one parcours. Rules, in order: an agent with room before a full one
 * (continuity holds "when possible": a full past référent is still listed, flagged); a past référent of the
 * usager; an agent of the accompanying pôle (or of an équipe without pôles); the lowest caseload against
 * capacity; then the id, so that the proposal is deterministic.
 */
export function classerReferents(candidats: CandidatReferent[], ctx: ContexteAffectation): Proposition[] {
  const pole = ctx.pole ?? 'accompagnement';
  return candidats
    .map((c) => ({
      c,
      complet: c.charge >= c.capacite,
      continuite: ctx.anciensReferents.includes(c.id),
      bonPole: c.pole === null || c.pole === pole,
    }))
    .sort(
      (a, b) =>
        Number(a.complet) - Number(b.complet) ||
        Number(b.continuite) - Number(a.continuite) ||
        Number(b.bonPole) - Number(a.bonPole) ||
        taux(a.c) - taux(b.c) ||
        a.c.charge - b.c.charge ||
        a.c.id.localeCompare(b.c.id),
    )
    .map(({ c, complet, continuite, bonPole }, i) => ({
      agentId: c.id,
      rang: i + 1,
      continuite,
      bonPole,
      complet,
      charge: c.charge,
      capacite: c.capacite,
    }));
}

export type Choix =
  | { ok: true; referentId: string; derogation: boolean; motif: string | null }
  | { ok: false; erreur: 'aucun_referent' | 'hors_equipe' | 'motif_requis' };

/**
 * A cadre may take the proposal or choose another référent of the équipe; choosing other than the first
 * proposed is a derogation and needs a reason, which is kept with the decision.
 */
export function choisirReferent(propositions: Proposition[], choix?: { agentId: string; motif?: string }): Choix {
  const premier = propositions[0];
  if (!premier) return { ok: false, erreur: 'aucun_referent' };
  if (!choix || choix.agentId === premier.agentId)
    return { ok: true, referentId: premier.agentId, derogation: false, motif: choix?.motif ?? null };
  if (!propositions.some((p) => p.agentId === choix.agentId)) return { ok: false, erreur: 'hors_equipe' };
  const motif = choix.motif?.trim();
  if (!motif) return { ok: false, erreur: 'motif_requis' };
  return { ok: true, referentId: choix.agentId, derogation: true, motif };
}

export interface ParcoursARepartir {
  parcoursId: string;
  anciensReferents: string[];
}

/**
 * Spreads parcours over référents one after the other, each taking the first proposal given the caseloads
 * so far: the bulk reassignment's plan. A parcours left without candidate gets `null`.
 */
export function repartirParcours(
  parcours: ParcoursARepartir[],
  candidats: CandidatReferent[],
  pole?: Pole,
): Array<{ parcoursId: string; referentId: string | null }> {
  const charges = new Map(candidats.map((c) => [c.id, c.charge]));
  return parcours.map((p) => {
    const courant = candidats.map((c) => ({ ...c, charge: charges.get(c.id)! }));
    const premier = classerReferents(courant, { anciensReferents: p.anciensReferents, pole })[0];
    if (premier) charges.set(premier.agentId, premier.charge + 1);
    return { parcoursId: p.parcoursId, referentId: premier?.agentId ?? null };
  });
}
