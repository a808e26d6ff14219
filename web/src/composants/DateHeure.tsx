import { useState } from 'react';
import type { Envoi } from './Formulaire';
import { ChampTexte } from './ui';

/** A date and a time the agent types (local time), sent as one instant; undefined while either is missing. */
export function useDateHeure() {
  const [jour, setJour] = useState('');
  const [heure, setHeure] = useState('');
  const instant = () => (jour && heure ? new Date(`${jour}T${heure}`).toISOString() : undefined);
  return { jour, setJour, heure, setHeure, instant };
}

/** The two fields of an instant: the API's message on `champ` shows on the date, and either change clears it. */
export function ChampsDateHeure({
  f,
  champ,
  d,
}: {
  f: Pick<Envoi, 'champ' | 'effacer'>;
  champ: string;
  d: ReturnType<typeof useDateHeure>;
}) {
  return (
    <div className="grille">
      <ChampTexte
        {...f.champ(champ)}
        label="Date"
        type="date"
        obligatoire
        valeur={d.jour}
        changer={(v) => {
          d.setJour(v);
          f.effacer(champ);
        }}
      />
      <ChampTexte
        id={`${f.champ(champ).id}-heure`}
        label="Heure"
        obligatoire
        aide="Par exemple 14:30"
        valeur={d.heure}
        changer={(v) => {
          d.setHeure(v);
          f.effacer(champ);
        }}
      />
    </div>
  );
}
