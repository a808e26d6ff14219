import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { ChampTexte } from '../composants/ui';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';
import { MotifCloture } from './motifCloture';

export default function FormulaireAction({ parcours }: Props) {
  const [motif, setMotif] = useState('');
  const [commentaire, setCommentaire] = useState('');
  const f = useAction(parcours, 'cloturer', () => ({
    motif: motif || undefined,
    ...(commentaire.trim() ? { commentaire } : {}),
  }));
  return (
    <Formulaire
      titre={ACTIONS.cloturer.libelles.titre}
      {...f}
      libelleEnvoi={ACTIONS.cloturer.libelles.bouton}
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
