import type { Etape, Statut } from './etapes';
import type { Echeance, Objectif } from './etat';

/** One entry of the parcours' timeline. `seq` orders them and makes their projection idempotent. */
export interface Evenement {
  seq: number;
  type: string;
  acteur: string;
  survenuLe: string;
  donnees: Record<string, unknown>;
}

/** What the read model shows of a parcours after an event (see prisma/schema.prisma, model Parcours). */
export interface VueParcours {
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
  typeAccompagnement: string | null;
  echeance: string | null;
  enRetard: boolean;
  etapeDepuis: string;
  ouvertLe: string;
  closLe: string | null;
  motifCloture: string | null;
  echeances: Echeance[];
  objectifs: Objectif[];
}
