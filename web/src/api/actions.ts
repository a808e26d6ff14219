/**
 * Actions on a parcours, at their API path from the catalogue. Kept apart from client.ts: the catalogue brings
 * the commands' schemas (zod), which only the screens that act need, not the first load.
 */
import { ACTIONS, type TypeAction } from '../../../domain/parcours/actions';
import { api } from './client';
import type { VueParcours } from './contrat';

/** `cle`: the Idempotency-Key of the agent's intention (the same on a retry: the action is taken once). */
export const agir = (parcoursId: string, type: TypeAction, corps: unknown, cle: string) =>
  api.post<VueParcours>(`/parcours/${parcoursId}/${ACTIONS[type].chemin}`, corps, { 'Idempotency-Key': cle });
