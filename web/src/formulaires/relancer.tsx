import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { ChampTexte } from '../composants/ui';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

/** Sends a reminder to whoever must act on the parcours now. */
export default function FormulaireAction({ parcours }: Props) {
  const [message, setMessage] = useState('');
  const f = useAction(parcours, 'relancer', () => (message.trim() ? { message } : {}));
  return (
    <Formulaire
      titre={ACTIONS.relancer.libelles.titre}
      {...f}
      libelleEnvoi={ACTIONS.relancer.libelles.bouton}
      libelles={{ message: 'Message' }}
    >
      <p>Un courriel part vers la personne qui doit agir sur le parcours, avec le lien du parcours.</p>
      <ChampTexte
        {...f.champ('message')}
        label="Message (facultatif)"
        lignes={3}
        valeur={message}
        changer={setMessage}
      />
    </Formulaire>
  );
}
