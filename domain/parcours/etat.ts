import type { CodeDelai } from '../delais/politique';
import type { Etape, Statut } from './etapes';
import type { VueParcours } from './evenement';

/** A running délai clock of the parcours. Several may run at once (e.g. RSA orientation and évaluation). */
export interface Echeance {
  code: CodeDelai;
  depuis: string;
  due: string;
  relanceLe: string;
  relanceEnvoyee: boolean;
  depassee: boolean;
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
}

/** What the read model shows: the earliest running due date, overdue when any clock is broken. */
export function vueDe(e: EtatParcours): VueParcours {
  const dues = e.echeances.map((x) => x.due).sort();
  return {
    parcoursId: e.parcoursId,
    workflowId: e.workflowId,
    usagerId: e.usagerId,
    departement: e.departement,
    etape: e.etape,
    statut: e.statut,
    besoins: e.besoins,
    urgence: e.urgence,
    lieuAccueilId: e.lieuAccueilId,
    territoireId: e.territoireId,
    equipeId: e.equipeId,
    referentId: e.referentId,
    typeAccompagnement: e.typeAccompagnement,
    echeance: dues[0] ?? null,
    enRetard: e.echeances.some((x) => x.depassee),
    etapeDepuis: e.etapeDepuis,
    ouvertLe: e.ouvertLe,
    closLe: e.closLe,
    motifCloture: e.motifCloture,
    echeances: e.echeances,
    objectifs: e.objectifs,
  };
}
