import { useState } from 'react';
import { Formulaire } from '../../composants/Formulaire';
import { ChampTexte } from '../../composants/ui';
import { useAction, type PropsAction } from './commun';

/** An action that only needs its reason (suspension, request for réorientation). */
export function Motif(props: PropsAction) {
  const [motif, setMotif] = useState('');
  const f = useAction(props, () => ({ motif }));
  return (
    <Formulaire titre={props.action.titre} {...f} libelleEnvoi={props.action.bouton} libelles={{ motif: 'Motif' }}>
      <ChampTexte
        {...f.champ('motif')}
        label="Motif"
        obligatoire
        lignes={3}
        valeur={motif}
        changer={(v) => {
          setMotif(v);
          f.effacer('motif');
        }}
      />
    </Formulaire>
  );
}
