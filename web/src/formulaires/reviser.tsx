import { useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Formulaire, idChamp } from '../composants/Formulaire';
import { useAction, type Props } from './action';
import { LIBELLE_AVANCEMENT, libelleDomaine } from '../libelles';
import { MotifCloture } from './motif';

export default function FormulaireRevue({ parcours }: Props) {
  const objectifs = parcours.objectifs;
  const [synthese, setSynthese] = useState('');
  const [progres, setProgres] = useState(() =>
    objectifs.map((o) => ({ objectifId: o.id, avancement: 'en_cours', commentaire: '' })),
  );
  const [issue, setIssue] = useState<'poursuite' | 'reorientation' | 'cloture' | ''>('');
  const [motifCloture, setMotifCloture] = useState('');
  const [prolongation, setProlongation] = useState('');
  const f = useAction(parcours, 'reviser', () => ({
    synthese,
    progres: progres.map((p) => ({
      objectifId: p.objectifId,
      avancement: p.avancement,
      ...(p.commentaire.trim() ? { commentaire: p.commentaire } : {}),
    })),
    issue: issue || undefined,
    ...(issue === 'cloture' ? { motifCloture: motifCloture || undefined } : {}),
    ...(prolongation.trim() ? { prolongation: { motif: prolongation } } : {}),
  }));
  return (
    <Formulaire
      titre="Revue de parcours"
      {...f}
      libelleEnvoi="Enregistrer la revue"
      libelles={{
        synthese: 'Synthèse',
        issue: 'Issue',
        motifCloture: 'Motif de clôture',
        progres: 'Progrès',
        'prolongation.motif': 'Prolongation',
      }}
    >
      <h2 className="fr-h4">Avancement des objectifs</h2>
      <div id={idChamp('progres')} />
      {objectifs.length === 0 && <p className="ecran-vide">Aucun objectif dans le plan.</p>}
      {objectifs.map((o, i) => (
        <fieldset key={o.id} className="fr-fieldset fr-mb-2w">
          <legend className="fr-fieldset__legend">
            {o.libelle} <span className="fr-text--sm">({libelleDomaine(o.domaine)})</span>
          </legend>
          <div className="fr-fieldset__element">
            <Select
              label={`Avancement — ${o.libelle}`}
              {...f.etatChamp(`progres.${i}.avancement`)}
              nativeSelectProps={{
                id: idChamp(`progres.${i}.avancement`),
                value: progres[i]?.avancement,
                onChange: (e) =>
                  setProgres(progres.map((p, j) => (i === j ? { ...p, avancement: e.target.value } : p))),
              }}
            >
              {Object.entries(LIBELLE_AVANCEMENT).map(([v, t]) => (
                <option key={v} value={v}>
                  {t}
                </option>
              ))}
            </Select>
            <Input
              label={`Commentaire — ${o.libelle}`}
              nativeInputProps={{
                value: progres[i]?.commentaire ?? '',
                onChange: (e) =>
                  setProgres(progres.map((p, j) => (i === j ? { ...p, commentaire: e.target.value } : p))),
              }}
            />
          </div>
        </fieldset>
      ))}
      <Input
        label="Synthèse de la revue *"
        textArea
        {...f.etatChamp('synthese')}
        nativeTextAreaProps={{
          id: idChamp('synthese'),
          rows: 4,
          value: synthese,
          onChange: (e) => setSynthese(e.target.value),
        }}
      />
      <RadioButtons
        legend="Issue *"
        name="issue"
        id={idChamp('issue')}
        {...f.etatChamp('issue')}
        options={[
          {
            label: 'Poursuite de l’accompagnement',
            nativeInputProps: {
              value: 'poursuite',
              checked: issue === 'poursuite',
              onChange: () => setIssue('poursuite'),
            },
          },
          {
            label: 'Demande de réorientation',
            nativeInputProps: {
              value: 'reorientation',
              checked: issue === 'reorientation',
              onChange: () => setIssue('reorientation'),
            },
          },
          {
            label: 'Clôture du parcours',
            nativeInputProps: { value: 'cloture', checked: issue === 'cloture', onChange: () => setIssue('cloture') },
          },
        ]}
      />
      {issue === 'cloture' && (
        <MotifCloture
          valeur={motifCloture}
          changer={setMotifCloture}
          etat={f.etatChamp('motifCloture')}
          id={idChamp('motifCloture')}
        />
      )}
      {issue === 'poursuite' && (
        <Input
          label="Prolongation de l’échéance de revue (motif)"
          hintText="Santé, handicap, logement, famille : revue portée à 12 mois. Laisser vide sinon."
          {...f.etatChamp('prolongation.motif', 'prolongation')}
          nativeInputProps={{
            id: idChamp('prolongation.motif'),
            value: prolongation,
            onChange: (e) => setProlongation(e.target.value),
          }}
        />
      )}
    </Formulaire>
  );
}
