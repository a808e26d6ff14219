/** Organisation reads: the types are the API's (api/contrat); the paths the screens read them from. */
import type { ChargeAgent } from './contrat';

export type { ChargeAgent, LieuProche, Organisation, PropositionReferent } from './contrat';

export const CHEMINS = { organisation: '/organisation', agents: '/pilotage/charge' } as const;

export const nomAgent = (a: Pick<ChargeAgent, 'prenom' | 'nom'>) =>
  [a.prenom, a.nom].filter(Boolean).join(' ') || 'Agent';
