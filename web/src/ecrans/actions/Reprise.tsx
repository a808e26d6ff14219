import { useState } from 'react';
import { Formulaire } from '../../composants/Formulaire';
import { ChampTexte } from '../../composants/ui';
import { useAction, type PropsAction } from './commun';

export function Reprise(props: PropsAction) {
  const [commentaire, setCommentaire] = useState('');
  const f = useAction(props, () => (commentaire.trim() ? { commentaire } : {}));
  return (
    <Formulaire
      titre={props.action.titre}
      {...f}
      libelleEnvoi={props.action.bouton}
      libelles={{ commentaire: 'Commentaire' }}
    >
      <p>Les délais repartent, décalés de la durée de la suspension.</p>
      <ChampTexte
        {...f.champ('commentaire')}
        label="Commentaire"
        lignes={3}
        valeur={commentaire}
        changer={setCommentaire}
      />
    </Formulaire>
  );
}
