import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { ChampTexte } from '../composants/ui';
import { ChampsDateHeure, useDateHeure } from '../composants/DateHeure';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

const LIBELLES = { le: 'Date et heure', lieu: 'Lieu', objet: 'Objet' };

/** Plans an appointment: the person gets a reminder before it. */
export default function FormulaireAction({ parcours }: Props) {
  const d = useDateHeure();
  const [lieu, setLieu] = useState('');
  const [objet, setObjet] = useState('');
  const f = useAction(parcours, 'planifierRendezVous', () => ({
    le: d.instant(),
    lieu,
    objet,
  }));
  return (
    <Formulaire
      titre={ACTIONS.planifierRendezVous.libelles.titre}
      {...f}
      libelleEnvoi={ACTIONS.planifierRendezVous.libelles.bouton}
      libelles={LIBELLES}
    >
      <ChampsDateHeure f={f} champ="le" d={d} />
      <ChampTexte
        {...f.champ('lieu')}
        label="Lieu"
        obligatoire
        valeur={lieu}
        changer={(v) => {
          setLieu(v);
          f.effacer('lieu');
        }}
      />
      <ChampTexte
        {...f.champ('objet')}
        label="Objet"
        obligatoire
        valeur={objet}
        changer={(v) => {
          setObjet(v);
          f.effacer('objet');
        }}
      />
    </Formulaire>
  );
}
