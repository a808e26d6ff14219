import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { ChampTexte } from '../composants/ui';
import { date } from '../libelles';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

/** Pushes the nearest running délai back by some days, with a reason. */
export default function FormulaireAction({ parcours }: Props) {
  const [jours, setJours] = useState('');
  const [motif, setMotif] = useState('');
  const f = useAction(parcours, 'prolonger', () => ({ jours: jours.trim() ? Number(jours) : undefined, motif }));
  const prochaine = [...parcours.echeances].sort((a, b) => a.due.localeCompare(b.due))[0];
  return (
    <Formulaire
      titre={ACTIONS.prolonger.libelles.titre}
      {...f}
      libelleEnvoi={ACTIONS.prolonger.libelles.bouton}
      libelles={{ jours: 'Nombre de jours', motif: 'Motif' }}
    >
      {prochaine && (
        <p>
          Délai prolongé : <strong>{prochaine.libelle}</strong>, échéance actuelle le {date(prochaine.due)}.
        </p>
      )}
      <ChampTexte
        {...f.champ('jours')}
        label="Nombre de jours"
        obligatoire
        inputMode="numeric"
        aide="De 1 à 365 jours."
        valeur={jours}
        changer={(v) => {
          setJours(v);
          f.effacer('jours');
        }}
      />
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
