import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { ChampTexte } from '../composants/ui';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

export default function FormulaireAction({ parcours }: Props) {
  const [commentaire, setCommentaire] = useState('');
  const f = useAction(parcours, 'reprendre', () => (commentaire.trim() ? { commentaire } : {}));
  return (
    <Formulaire
      titre={ACTIONS.reprendre.libelles.titre}
      {...f}
      libelleEnvoi={ACTIONS.reprendre.libelles.bouton}
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
