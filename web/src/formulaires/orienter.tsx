import { useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Formulaire, idChamp } from '../composants/Formulaire';
import { useAction, type Props } from './action';
import { LIBELLE_ACCOMPAGNEMENT } from '../libelles';

export default function FormulaireOrientation({ parcours }: Props) {
  const [decision, setDecision] = useState<'accompagnement' | 'externe' | ''>('');
  const [typeAccompagnement, setType] = useState('');
  const [organismeExterne, setOrganisme] = useState('');
  const [motif, setMotif] = useState('');
  const f = useAction(parcours, 'orienter', () => ({
    decision: decision || undefined,
    ...(decision === 'accompagnement' && typeAccompagnement ? { typeAccompagnement } : {}),
    ...(decision === 'externe' && organismeExterne ? { organismeExterne } : {}),
    ...(motif.trim() ? { motif } : {}),
  }));
  return (
    <Formulaire
      titre="Orientation"
      {...f}
      libelleEnvoi="Enregistrer la décision"
      libelles={{
        decision: 'Décision',
        typeAccompagnement: 'Type d’accompagnement',
        organismeExterne: 'Organisme',
        motif: 'Motif',
      }}
    >
      <RadioButtons
        legend="Décision de l’équipe pluridisciplinaire *"
        name="decision"
        id={idChamp('decision')}
        {...f.etatChamp('decision')}
        options={[
          {
            label: 'Accompagnement par le département',
            nativeInputProps: {
              value: 'accompagnement',
              checked: decision === 'accompagnement',
              onChange: () => setDecision('accompagnement'),
            },
          },
          {
            label: 'Orientation vers un organisme extérieur',
            nativeInputProps: {
              value: 'externe',
              checked: decision === 'externe',
              onChange: () => setDecision('externe'),
            },
          },
        ]}
      />
      {decision === 'accompagnement' && (
        <Select
          label="Type d’accompagnement *"
          {...f.etatChamp('typeAccompagnement')}
          nativeSelectProps={{
            id: idChamp('typeAccompagnement'),
            value: typeAccompagnement,
            onChange: (e) => setType(e.target.value),
          }}
        >
          <option value="">Choisir</option>
          {Object.entries(LIBELLE_ACCOMPAGNEMENT).map(([v, t]) => (
            <option key={v} value={v}>
              {t}
            </option>
          ))}
        </Select>
      )}
      {decision === 'externe' && (
        <Input
          label="Organisme extérieur *"
          {...f.etatChamp('organismeExterne')}
          nativeInputProps={{
            id: idChamp('organismeExterne'),
            value: organismeExterne,
            onChange: (e) => setOrganisme(e.target.value),
          }}
        />
      )}
      <Input
        label="Motif"
        textArea
        {...f.etatChamp('motif')}
        nativeTextAreaProps={{ id: idChamp('motif'), rows: 3, value: motif, onChange: (e) => setMotif(e.target.value) }}
      />
    </Formulaire>
  );
}
