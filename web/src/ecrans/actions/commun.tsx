/** What every action form shares: the parcours, the action's labels, and the post that confirms on the dossier. */
import { api } from '../../api/client';
import type { ActionPermise, Parcours } from '../../api/types';
import { useEnvoi } from '../../composants/Formulaire';
import { naviguer } from '../../navigation';
import { annoncer } from '../../annonce';
import { MOTIFS_CLOTURE, options } from '../../libelles';
import { ListeDeroulante } from '../../composants/ui';

export interface PropsAction {
  parcours: Parcours;
  action: ActionPermise;
}

/** Posts to /parcours/:id/<chemin>, then back to the dossier with the action's confirmation. */
export function useAction({ parcours, action }: PropsAction, corps: () => unknown) {
  return useEnvoi(
    () => api.post<Parcours>(`/parcours/${parcours.id}/${action.chemin}`, corps()),
    () => {
      annoncer(action.fait);
      naviguer(`/dossiers/${parcours.usagerId}`);
    },
  );
}

export function MotifCloture({
  valeur,
  changer,
  id,
  erreur,
}: {
  valeur: string;
  changer: (v: string) => void;
  id: string;
  erreur?: string;
}) {
  return (
    <ListeDeroulante
      id={id}
      label="Motif de clôture"
      obligatoire
      erreur={erreur}
      invite="Choisir un motif"
      valeur={valeur}
      changer={changer}
      options={options(MOTIFS_CLOTURE)}
    />
  );
}
