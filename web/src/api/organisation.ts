/**
 * Organisation reads: territoires and équipes (/organisation), agents with their caseload (/pilotage/charge),
 * nearest accueil sites (/communes/:code/lieux-accueil), référent proposals (/equipes/:id/referents).
 */
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

export type { Proposition as PropositionReferent } from '../../../domain/organisation/referents';

export const CHEMINS = { organisation: '/organisation', agents: '/pilotage/charge' } as const;

export const nomAgent = (a: Pick<ChargeAgent, 'agentId' | 'prenom' | 'nom'>) =>
  [a.prenom, a.nom].filter(Boolean).join(' ') || a.agentId;
export const estCadre = (a: Pick<ChargeAgent, 'roles'>) => a.roles.includes('cadre');

export function nomTerritoire(o: Organisation | undefined, id: string | null): string | null {
  if (!id) return null;
  return o?.territoires.find((t) => t.id === id)?.nom ?? id;
}

export function nomEquipe(o: Organisation | undefined, id: string | null): string | null {
  if (!id) return null;
  for (const t of o?.territoires ?? []) for (const e of t.equipes) if (e.id === id) return e.nom;
  return id;
}
