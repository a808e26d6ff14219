import { useState } from 'react';
import { Formulaire } from '../../composants/Formulaire';
import { ChampTexte } from '../../composants/ui';
import { useAction, type PropsAction } from './commun';

/** Sends a reminder to whoever must act on the parcours now. */
export function Relance(props: PropsAction) {
  const [message, setMessage] = useState('');
  const f = useAction(props, () => (message.trim() ? { message } : {}));
  return (
    <Formulaire titre={props.action.titre} {...f} libelleEnvoi={props.action.bouton} libelles={{ message: 'Message' }}>
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
