/** Shapes of the API's answers, as the screens use them (the contract is /openapi.json). */
import type { DomaineBesoin, Etape, Statut } from '../../../domain/parcours/etapes';

export type { DomaineBesoin, Etape, Statut };

export interface Evenement {
  seq: number;
  type: string;
  /** Timeline label from the catalogue. */
  libelle: string;
  acteur: string;
  /** The acting agent's name (null for the system). */
  acteurNom: string | null;
  survenuLe: string;
  donnees: Record<string, unknown>;
}

export interface Usager {
  id: string;
  nom: string;
  prenom: string;
  dateNaissance?: string;
  communeCode?: string;
  communeNom?: string | null;
  telephone?: string;
  email?: string;
  creeLe: string;
}

export interface Objectif {
  id: string;
  libelle: string;
  domaine: string;
  avancement: string;
}

/** An action the signed-in agent may take now on a parcours, with its labels from the catalogue. */
export interface ActionPermise {
  type: string;
  chemin: string;
  titre: string;
  bouton: string;
  fait: string;
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
  echeances: { code: string; libelle: string; due: string; depassee: boolean }[];
  objectifs: Objectif[];
  /** Display names of what the parcours refers to by id. */
  noms: {
    usager: string | null;
    territoire: string | null;
    equipe: string | null;
    referent: string | null;
    lieuAccueil: string | null;
  };
  /** The most overdue running délai: its rule and how many days late. */
  retard: { regle: string; jours: number } | null;
  actions: ActionPermise[];
  evenements?: Evenement[];
}

export interface Liste<T> {
  items: T[];
  total: number;
}

export interface Dossier {
  usager: Usager;
  parcours: Parcours[];
}
