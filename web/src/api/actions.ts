/**
 * Actions on a parcours, at their API path from the catalogue. Kept apart from client.ts: the catalogue brings
 * the commands' schemas (zod), which only the screens that act need, not the first load.
 */
import { ACTIONS, type TypeAction } from '../../../domain/parcours/actions';
import { api } from './client';
import type { VueParcours } from './contrat';

export const agir = (parcoursId: string, type: TypeAction, corps: unknown) =>
  api.post<VueParcours>(`/parcours/${parcoursId}/${ACTIONS[type].chemin}`, corps);
