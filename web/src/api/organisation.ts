/** Organisation reads: the types are the API's (api/contrat); the paths the screens read them from. */
import type { ChargeAgent } from './contrat';

export type { ChargeAgent, LieuProche, Organisation, PropositionReferent } from './contrat';

export const CHEMINS = { organisation: '/organisation', agents: '/pilotage/charge' } as const;

export const nomAgent = (a: Pick<ChargeAgent, 'prenom' | 'nom'>) =>
  [a.prenom, a.nom].filter(Boolean).join(' ') || 'Agent';

/** A stable, readable id for a new object of the organisation (never shown: agents read names). */
export const identifiantLisible = (nom: string) =>
  `${nom
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)}-${crypto.randomUUID().slice(0, 4)}`;
