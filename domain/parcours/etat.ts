import type { CodeDelai } from '../delais/politique';
import type { Etape, Statut } from './etapes';

/** A running délai clock of the parcours. Several may run at once (e.g. RSA orientation and évaluation). */
export interface Echeance {
  code: CodeDelai;
  depuis: string;
  due: string;
  relanceLe: string;
  relanceEnvoyee: boolean;
  depassee: boolean;
  /**
   * Set at the escalation when the département's policy continues the chain (suiteEscalade): when a new
   * référent is proposed or given if nothing happens on the parcours before. Cleared by any action.
   */
  suiteLe?: string;
  suiteFaite?: boolean;
}

/** An agent acting for the absent référent, for the period of an absence (domain/organisation/absences.ts). */
export interface Interim {
  absenceId: string;
  titulaireId: string;
  agentId: string;
  /** Names as the timeline shows them ("Intérim de … par …"), as they were when it started. */
  titulaireNom: string;
  agentNom: string;
  du: string;
  au: string;
}

export interface Objectif {
  id: string;
  libelle: string;
  domaine: string;
  avancement: 'non_commence' | 'en_cours' | 'atteint' | 'abandonne';
}

export interface RendezVousPlanifie {
  id: string;
  le: string;
  lieu: string;
  objet: string;
  rappelEnvoye: boolean;
}

/** The whole state of a parcours, held by its workflow (and carried over on continue-as-new). */
export interface EtatParcours {
  parcoursId: string;
  workflowId: string;
  usagerId: string;
  departement: string;
  etape: Etape;
  statut: Statut;
  besoins: string[];
  urgence: boolean;
  lieuAccueilId: string | null;
  territoireId: string | null;
  equipeId: string | null;
  referentId: string | null;
  /** The structure référente following the person (absent in states recorded before structures existed). */
  structureId?: string | null;
  anciensReferents: string[];
  typeAccompagnement: string | null;
  droitRsaOuvertLe: string | null;
  etapeDepuis: string;
  ouvertLe: string;
  closLe: string | null;
  motifCloture: string | null;
  suspenduLe: string | null;
  echeances: Echeance[];
  objectifs: Objectif[];
  rendezVous: RendezVousPlanifie[];
  revues: number;
  /** Who acts for the référent while away (absent from states recorded before intérims). */
  interim?: Interim | null;
  /** The référent proposed to the cadre at the end of an unanswered escalation, until a référent change. */
  repreneurPropose?: string | null;
}

/** What the read model shows (see prisma/schema.prisma, model Parcours): the state less the workflow's own
 * bookkeeping, plus the earliest running due date and whether any clock is broken. */
export type VueParcours = Omit<
  EtatParcours,
  'anciensReferents' | 'droitRsaOuvertLe' | 'suspenduLe' | 'rendezVous' | 'revues' | 'structureId'
> & {
  structureId: string | null;
  echeance: string | null;
  enRetard: boolean;
};

/** Instants are compared as instants, never as text. */
export const chronologique = (a: string, b: string): number => Date.parse(a) - Date.parse(b);

export function vueDe(e: EtatParcours): VueParcours {
  const { anciensReferents: _a, droitRsaOuvertLe: _d, suspenduLe: _s, rendezVous: _r, revues: _n, ...vue } = e;
  return {
    ...vue,
    structureId: e.structureId ?? null,
    echeance: e.echeances.map((x) => x.due).sort(chronologique)[0] ?? null,
    enRetard: e.echeances.some((x) => x.depassee),
  };
}
