/** Shapes of the API's answers, as the screens use them (the contract is /openapi.json). */
import type { DomaineBesoin, Etape, Statut } from '../../../domain/parcours/etapes';
import type { Evenement } from '../../../domain/parcours/evenement';

export type { DomaineBesoin, Etape, Evenement, Statut };

export interface Usager {
  id: string;
  nom: string;
  prenom: string;
  dateNaissance?: string;
  communeCode?: string;
  telephone?: string;
  email?: string;
  creeLe: string;
}

export interface Objectif {
  id: string;
  libelle: string;
  domaine: string;
  avancement?: string;
}

export interface Parcours {
  id: string;
  usagerId: string;
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
  evenements?: Evenement[];
  objectifs?: Objectif[];
  plan?: { objectifs?: Objectif[] } | null;
  usager?: Pick<Usager, 'id' | 'nom' | 'prenom'> | null;
}

export interface Liste<T> {
  items: T[];
  total?: number;
}

export interface Dossier {
  usager: Usager;
  parcours: Parcours[];
}

/** Organisation: the fields the screens read; the organisation routes may return more. */
export interface Agent {
  id: string;
  nom?: string;
  prenom?: string;
  role?: string;
  roles?: string[];
  equipeId?: string | null;
  territoireId?: string | null;
  capacite?: number | null;
}

export interface Territoire {
  id: string;
  nom: string;
}

export interface Equipe {
  id: string;
  nom: string;
  territoireId?: string;
}

export interface LieuAccueil {
  id: string;
  nom: string;
  commune?: string;
  distanceKm?: number;
}
