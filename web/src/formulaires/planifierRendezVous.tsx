import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { ChampTexte } from '../composants/ui';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

const LIBELLES = { le: 'Date et heure', lieu: 'Lieu', objet: 'Objet' };

/** Plans an appointment: the person gets a reminder before it. */
export default function FormulaireAction({ parcours }: Props) {
  const [jour, setJour] = useState('');
  const [heure, setHeure] = useState('');
  const [lieu, setLieu] = useState('');
  const [objet, setObjet] = useState('');
  const f = useAction(parcours, 'planifierRendezVous', () => ({
    // The agent types a local date and time: sent with the browser's offset.
    le: jour && heure ? new Date(`${jour}T${heure}`).toISOString() : undefined,
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
      <div className="grille">
        <ChampTexte
          {...f.champ('le')}
          label="Date"
          type="date"
          obligatoire
          valeur={jour}
          changer={(v) => {
            setJour(v);
            f.effacer('le');
          }}
        />
        <ChampTexte
          id="champ-heure"
          label="Heure"
          obligatoire
          aide="Par exemple 14:30"
          valeur={heure}
          changer={(v) => {
            setHeure(v);
            f.effacer('le');
          }}
        />
      </div>
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
