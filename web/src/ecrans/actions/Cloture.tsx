import { useState } from 'react';
import { Formulaire } from '../../composants/Formulaire';
import { ChampTexte } from '../../composants/ui';
import { MotifCloture, useAction, type PropsAction } from './commun';

export function Cloture(props: PropsAction) {
  const [motif, setMotif] = useState('');
  const [commentaire, setCommentaire] = useState('');
  const f = useAction(props, () => ({
    motif: motif || undefined,
    ...(commentaire.trim() ? { commentaire } : {}),
  }));
  return (
    <Formulaire
      titre={props.action.titre}
      {...f}
      libelleEnvoi={props.action.bouton}
      libelles={{ motif: 'Motif de clôture', commentaire: 'Commentaire' }}
    >
      <MotifCloture
        {...f.champ('motif')}
        valeur={motif}
        changer={(v) => {
          setMotif(v);
          f.effacer('motif');
        }}
      />
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
