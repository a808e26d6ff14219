import type { ComponentType } from 'react';
import type { TypeAction } from '../../../domain/parcours/actions';
import { agir } from '../api/actions';
import type { ParcoursDetail } from '../api/contrat';
import { useEnvoi } from '../composants/Formulaire';
import { naviguer } from '../navigation';

export type Props = { parcours: ParcoursDetail };

/**
 * Posts the action to its API path (from the catalogue), with one Idempotency-Key per intention (useEnvoi),
 * then back to the dossier with its confirmation.
 */
export function useAction(parcours: ParcoursDetail, type: TypeAction, corps: () => unknown) {
  return useEnvoi(
    (cle) => agir(parcours.id, type, corps(), cle),
    () => naviguer(`/dossiers/${parcours.usagerId}?fait=${type}`),
  );
}

/**
 * The form of each action, found by file name: `formulaires/<action>.tsx` (its default export). A new action
 * brings its form file; nothing else lists them.
 */
const fichiers = import.meta.glob<{ default: ComponentType<Props> }>('./*.tsx', { eager: true });
export const formulaireDe = (type: TypeAction): ComponentType<Props> | undefined => fichiers[`./${type}.tsx`]?.default;
