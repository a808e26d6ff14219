import { useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Formulaire, idChamp } from '../composants/Formulaire';
import { useAction, type Props } from './action';
import { DOMAINES_BESOIN, LIBELLE_DOMAINE } from '../libelles';

export function FormulaireEvaluation({ parcours }: Props) {
  const [diagnostic, setDiagnostic] = useState(() =>
    parcours.besoins.map((d) => ({ domaine: d, constat: '', besoinAccompagnement: true })),
  );
  const [conclusion, setConclusion] = useState<'repondu' | 'orientation' | ''>('');
  const [synthese, setSynthese] = useState('');
  const f = useAction(parcours, 'evaluer', () => ({ diagnostic, conclusion: conclusion || undefined, synthese }));
  const maj = (i: number, v: Partial<(typeof diagnostic)[number]>) =>
    setDiagnostic(diagnostic.map((d, j) => (i === j ? { ...d, ...v } : d)));
  return (
    <Formulaire
      titre="Évaluation globale"
      {...f}
      libelleEnvoi="Enregistrer l’évaluation"
      libelles={{ synthese: 'Synthèse', conclusion: 'Conclusion', diagnostic: 'Diagnostic' }}
    >
      <h2 className="fr-h4">Diagnostic par domaine</h2>
      {diagnostic.map((d, i) => (
        <fieldset key={i} className="fr-fieldset fr-mb-2w" aria-labelledby={`diag-${i}`}>
          <legend id={`diag-${i}`} className="fr-fieldset__legend">
            Domaine {i + 1}
          </legend>
          <div className="fr-fieldset__element">
            <Select
              label="Domaine"
              {...f.etatChamp(`diagnostic.${i}.domaine`)}
              nativeSelectProps={{
                id: idChamp(`diagnostic.${i}.domaine`),
                value: d.domaine,
                onChange: (e) => maj(i, { domaine: e.target.value }),
              }}
            >
              {DOMAINES_BESOIN.map((x) => (
                <option key={x} value={x}>
                  {LIBELLE_DOMAINE[x]}
                </option>
              ))}
            </Select>
            <Input
              label="Constat"
              textArea
              {...f.etatChamp(`diagnostic.${i}.constat`)}
              nativeTextAreaProps={{
                id: idChamp(`diagnostic.${i}.constat`),
                rows: 3,
                value: d.constat,
                onChange: (e) => maj(i, { constat: e.target.value }),
              }}
            />
            <Checkbox
              options={[
                {
                  label: 'Un accompagnement est nécessaire dans ce domaine',
                  nativeInputProps: {
                    checked: d.besoinAccompagnement,
                    onChange: (e) => maj(i, { besoinAccompagnement: e.target.checked }),
                  },
                },
              ]}
            />
            {diagnostic.length > 1 && (
              <Button
                type="button"
                priority="tertiary"
                size="small"
                onClick={() => setDiagnostic(diagnostic.filter((_, j) => j !== i))}
              >
                Retirer ce domaine
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
        onClick={() =>
          setDiagnostic([...diagnostic, { domaine: 'acces_droits', constat: '', besoinAccompagnement: false }])
        }
      >
        Ajouter un domaine
      </Button>
      <div id={idChamp('diagnostic')} />
      <RadioButtons
        className="fr-mt-3w"
        legend="Conclusion *"
        name="conclusion"
        {...f.etatChamp('conclusion')}
        options={[
          {
            label: 'Besoin répondu : le parcours se clôt',
            nativeInputProps: {
              value: 'repondu',
              checked: conclusion === 'repondu',
              onChange: () => setConclusion('repondu'),
            },
          },
          {
            label: 'Orientation vers l’équipe pluridisciplinaire',
            nativeInputProps: {
              value: 'orientation',
              checked: conclusion === 'orientation',
              onChange: () => setConclusion('orientation'),
            },
          },
        ]}
      />
      <Input
        label="Synthèse *"
        textArea
        {...f.etatChamp('synthese')}
        nativeTextAreaProps={{
          id: idChamp('synthese'),
          rows: 4,
          value: synthese,
          onChange: (e) => setSynthese(e.target.value),
        }}
      />
    </Formulaire>
  );
}

export default FormulaireEvaluation;
