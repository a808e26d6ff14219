import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { Bouton, ChampTexte, ListeDeroulante } from '../composants/ui';
import { DOMAINES_BESOIN, LIBELLE_DOMAINE } from '../libelles';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

export default function FormulaireAction({ parcours }: Props) {
  const [objectifs, setObjectifs] = useState(() => [
    { libelle: '', domaine: parcours.besoins[0] ?? 'insertion_emploi' },
  ]);
  const f = useAction(parcours, 'etablirPlan', () => ({ objectifs }));
  const maj = (i: number, v: Partial<(typeof objectifs)[number]>) =>
    setObjectifs(objectifs.map((o, j) => (i === j ? { ...o, ...v } : o)));
  const libelles = {
    objectifs: 'Objectifs',
    ...Object.fromEntries(objectifs.map((_, i) => [`objectifs.${i}`, `Objectif ${i + 1}`])),
  };
  return (
    <Formulaire
      titre={ACTIONS.etablirPlan.libelles.titre}
      {...f}
      libelleEnvoi="Enregistrer le plan"
      libelles={libelles}
    >
      <div id="champ-objectifs" />
      {objectifs.map((o, i) => (
        <fieldset key={i}>
          <legend>Objectif {i + 1}</legend>
          <ChampTexte
            {...f.champ(`objectifs.${i}.libelle`)}
            label="Objectif"
            obligatoire
            valeur={o.libelle}
            changer={(v) => {
              maj(i, { libelle: v });
              f.effacer(`objectifs.${i}.libelle`);
            }}
          />
          <ListeDeroulante
            {...f.champ(`objectifs.${i}.domaine`)}
            label="Domaine"
            valeur={o.domaine}
            changer={(v) => maj(i, { domaine: v })}
            options={DOMAINES_BESOIN.map((x) => ({ valeur: x, libelle: LIBELLE_DOMAINE[x] }))}
          />
          {objectifs.length > 1 && (
            <Bouton variante="discret" petit onPress={() => setObjectifs(objectifs.filter((_, j) => j !== i))}>
              Retirer cet objectif
            </Bouton>
          )}
        </fieldset>
      ))}
      <p>
        <Bouton
          variante="secondaire"
          petit
          onPress={() => setObjectifs([...objectifs, { libelle: '', domaine: 'insertion_emploi' }])}
        >
          Ajouter un objectif
        </Bouton>
      </p>
    </Formulaire>
  );
}
