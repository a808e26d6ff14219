import { useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Formulaire, idChamp } from '../composants/Formulaire';
import { useAction, type Props } from './action';
import { DOMAINES_BESOIN, LIBELLE_DOMAINE } from '../libelles';

export default function FormulairePlan({ parcours }: Props) {
  const [objectifs, setObjectifs] = useState<{ libelle: string; domaine: string }[]>(() => [
    { libelle: '', domaine: parcours.besoins[0] ?? 'insertion_emploi' },
  ]);
  const f = useAction(parcours, 'etablirPlan', () => ({ objectifs }));
  const maj = (i: number, v: Partial<(typeof objectifs)[number]>) =>
    setObjectifs(objectifs.map((o, j) => (i === j ? { ...o, ...v } : o)));
  return (
    <Formulaire
      titre="Plan d’accompagnement"
      {...f}
      libelleEnvoi="Enregistrer le plan"
      libelles={{ objectifs: 'Objectifs' }}
    >
      <div id={idChamp('objectifs')} />
      {objectifs.map((o, i) => (
        <fieldset key={i} className="fr-fieldset fr-mb-2w">
          <legend className="fr-fieldset__legend">Objectif {i + 1}</legend>
          <div className="fr-fieldset__element">
            <Input
              label="Objectif *"
              {...f.etatChamp(`objectifs.${i}.libelle`)}
              nativeInputProps={{
                id: idChamp(`objectifs.${i}.libelle`),
                value: o.libelle,
                onChange: (e) => maj(i, { libelle: e.target.value }),
              }}
            />
            <Select
              label="Domaine"
              {...f.etatChamp(`objectifs.${i}.domaine`)}
              nativeSelectProps={{
                id: idChamp(`objectifs.${i}.domaine`),
                value: o.domaine,
                onChange: (e) => maj(i, { domaine: e.target.value }),
              }}
            >
              {DOMAINES_BESOIN.map((x) => (
                <option key={x} value={x}>
                  {LIBELLE_DOMAINE[x]}
                </option>
              ))}
            </Select>
            {objectifs.length > 1 && (
              <Button
                type="button"
                priority="tertiary"
                size="small"
                onClick={() => setObjectifs(objectifs.filter((_, j) => j !== i))}
              >
                Retirer cet objectif
              </Button>
            )}
          </div>
        </fieldset>
      ))}
      <Button
        type="button"
        priority="secondary"
        size="small"
        iconId="fr-icon-add-line"
        onClick={() => setObjectifs([...objectifs, { libelle: '', domaine: 'insertion_emploi' }])}
      >
        Ajouter un objectif
      </Button>
    </Formulaire>
  );
}
