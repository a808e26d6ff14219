/**
 * The what-if model: who arrives (from the communes' populations), what each person's parcours will need (drawn
 * once, so that two scenarios see the same people), and how much work the agents of a territoire can do on a
 * working day. Pure: the engine (simulation/moteur.ts) turns its decisions into the real workflows' Updates.
 */
import type { Hasard } from './hasard';

export interface Parametres {
  /** Simulated days. */
  jours: number;
  /** Premiers accueils per year per 1,000 inhabitants. */
  arriveesPour1000: number;
  /** Share of évaluations that lead to an orientation (the others are answered at once and closed). */
  partOrientes: number;
  /** Share of RSA beneficiaries (6-week orientation clock from the opening of the right). */
  partRsa: number;
  /** Share of urgent situations (handled first by every agent). */
  partUrgence: number;
  /** Share of the volume simulated: arrivals, agents' daily throughput and caseload capacity are scaled by it. */
  echantillon: number;
  graine: number;
}

/** What a simulation is asked: the model's parameters, where, and the second scenario's reinforcements. */
export interface DemandeSimulation extends Parametres {
  departement: string;
  /** Only these territoires; the whole département when absent or empty. */
  territoires?: string[];
  /** Référents added per territoire in the second scenario. */
  renforts: Record<string, number>;
}

/** What the agents of one territoire can do (full volume, before sampling). */
export interface Effectif {
  territoireId: string;
  nom: string;
  equipeId: string;
  population: number;
  evaluateurs: string[];
  cadres: string[];
  referents: string[];
  /** Open parcours a référent can follow. */
  capaciteReferent: number;
}

/** Actions per agent and working day (full volume). */
export const DEBITS = { evaluation: 3, orientation: 8, plan: 3, revue: 4 } as const;
/** Share of a référent's capacity already taken on day 0 by parcours opened before the simulation. */
export const CHARGE_INITIALE = 0.85;
/** Days over which those earlier parcours end. */
export const FIN_CHARGE_INITIALE = 240;
const JOURS_OUVRES_PAR_AN = 251;

/** One person's parcours as the model sees it: its drawn future, and where it stands. */
export interface Dossier {
  numero: number;
  territoireId: string;
  arriveLe: number;
  urgent: boolean;
  rsa: boolean;
  /** RSA: days between the opening of the right and the premier accueil. */
  joursDepuisDroit: number;
  /** Drawn at arrival: the évaluation's conclusion, an external orientation, delays before each action. */
  oriente: boolean;
  externe: boolean;
  attenteEvaluation: number;
  attenteOrientation: number;
  attentePlan: number;
  revues: boolean[];
  /** Next action and from which day it can be done. */
  etape: 'evaluer' | 'orienter' | 'designerReferent' | 'etablirPlan' | 'reviser' | 'clos';
  pretLe: number;
  referentId?: string;
}

/** The arrivals of one day in a territoire (working days only): Poisson around the population's rate. */
export function arrivees(hasard: Hasard, p: Parametres, e: Effectif, jour: number, numero: () => number): Dossier[] {
  const moyenne = ((e.population / 1000) * p.arriveesPour1000 * p.echantillon) / JOURS_OUVRES_PAR_AN;
  return Array.from({ length: hasard.poisson(moyenne) }, () => ({
    numero: numero(),
    territoireId: e.territoireId,
    arriveLe: jour,
    urgent: hasard.reel() < p.partUrgence,
    rsa: hasard.reel() < p.partRsa,
    joursDepuisDroit: hasard.entier(0, 14),
    oriente: hasard.reel() < p.partOrientes,
    externe: hasard.reel() < 0.1,
    // An appointment for the évaluation, the next équipe meeting, the first meetings with the référent.
    attenteEvaluation: hasard.entier(3, 12),
    attenteOrientation: hasard.entier(2, 9),
    attentePlan: hasard.entier(5, 20),
    revues: [hasard.reel() < 0.5, hasard.reel() < 0.5, true],
    etape: 'evaluer',
    pretLe: jour,
  }));
}

/**
 * A scenario's agents in one territoire: daily credit per kind of action (sampled throughput, a day's worth
 * at most carried over), and référents with their sampled capacity and the caseload they start with.
 */
export class Equipe {
  private credits = { evaluation: 0, orientation: 0, plan: 0, revue: 0 };
  /** Per référent: end days of the parcours they followed before day 0. */
  private anciens = new Map<string, number[]>();
  readonly capacite: number;

  constructor(
    readonly effectif: Effectif,
    readonly referents: string[],
    private readonly echantillon: number,
    hasard: Hasard,
  ) {
    this.capacite = Math.max(1, Math.round(effectif.capaciteReferent * echantillon));
    for (const r of referents) {
      // Reinforcements arrive with an empty caseload.
      const n = effectif.referents.includes(r) ? Math.round(this.capacite * CHARGE_INITIALE) : 0;
      this.anciens.set(
        r,
        Array.from({ length: n }, () => hasard.entier(0, FIN_CHARGE_INITIALE)),
      );
    }
  }

  /** Starts a working day: each kind of action gets its agents' sampled throughput. */
  nouvelleJournee(): void {
    const agents = {
      evaluation: this.effectif.evaluateurs.length,
      orientation: this.effectif.cadres.length,
      plan: this.referents.length,
      revue: this.referents.length,
    };
    for (const k of Object.keys(this.credits) as (keyof typeof DEBITS)[]) {
      const jour = agents[k] * DEBITS[k] * this.echantillon;
      // A fraction of an agent (sampling) acts every few days: a day's worth is carried over, and enough for one.
      this.credits[k] = Math.min(this.credits[k] + jour, Math.max(2 * jour, jour + 1));
    }
  }

  /** Takes one action's worth of time, if there is some left today. */
  prendre(k: keyof typeof DEBITS): boolean {
    if (this.credits[k] < 1) return false;
    this.credits[k] -= 1;
    return true;
  }

  /** The least loaded référent with room on `jour`, given the simulated parcours they follow. */
  referentDisponible(jour: number, suivis: Map<string, number>): string | undefined {
    let choisi: string | undefined;
    let moindre = Infinity;
    for (const r of this.referents) {
      const charge = (suivis.get(r) ?? 0) + this.anciens.get(r)!.filter((fin) => fin > jour).length;
      if (charge < this.capacite && charge < moindre) {
        choisi = r;
        moindre = charge;
      }
    }
    return choisi;
  }
}
