import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { ChampTexte } from '../composants/ui';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

/** An action that only needs its reason (suspension, request for réorientation). */
export function FormulaireMotif({ parcours, type }: Props & { type: 'suspendre' | 'demanderReorientation' }) {
  const [motif, setMotif] = useState('');
  const f = useAction(parcours, type, () => ({ motif }));
  const { titre, bouton } = ACTIONS[type].libelles;
  return (
    <Formulaire titre={titre} {...f} libelleEnvoi={bouton} libelles={{ motif: 'Motif' }}>
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
