/** Organisation reads: territoires and équipes, agents with their caseload, nearest accueil sites, routing. */
export interface Organisation {
  departement: string;
  nom: string;
  limiteKm: number;
  territoires: {
    id: string;
    nom: string;
    agenceId: string | null;
    equipes: { id: string; nom: string; poles: string[] }[];
  }[];
}

export interface ChargeAgent {
  agentId: string;
  prenom: string | null;
  nom: string | null;
  roles: string[];
  equipeId: string | null;
  territoireId: string | null;
  capacite: number | null;
  charge: number;
  enRetard: number;
}

export interface LieuProche {
  id: string;
  type: string;
  nom: string;
  adresse: string | null;
  communeCode: string;
  distanceKm: number;
  partenaire: boolean;
}

export interface PropositionReferent {
  agentId: string;
  nom: string;
  rang: number;
  continuite: boolean;
  complet: boolean;
  charge: number;
  capacite: number;
}

export const CHEMINS = { organisation: '/organisation', agents: '/pilotage/charge' } as const;

export const nomAgent = (a: Pick<ChargeAgent, 'prenom' | 'nom'>) =>
  [a.prenom, a.nom].filter(Boolean).join(' ') || 'Agent';
