import { useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Formulaire, idChamp } from '../composants/Formulaire';
import { useAction, type Props } from './action';
import { ACTIONS } from '../../../domain/parcours/actions';
import { LIBELLE_MOTIF_CLOTURE } from '../libelles';

export function FormulaireMotif({
  parcours,
  action,
  sansMotif = false,
  commentaire = false,
}: Props & { action: 'suspendre' | 'reprendre' | 'cloturer'; sansMotif?: boolean; commentaire?: boolean }) {
  const [motif, setMotif] = useState('');
  const [texte, setTexte] = useState('');
  const f = useAction(parcours, action, () =>
    sansMotif
      ? texte.trim()
        ? { commentaire: texte }
        : {}
      : { motif: motif || undefined, ...(commentaire && texte.trim() ? { commentaire: texte } : {}) },
  );
  return (
    <Formulaire
      titre={ACTIONS[action].libelles.titre}
      {...f}
      libelleEnvoi={ACTIONS[action].libelles.bouton}
      libelles={{ motif: 'Motif', commentaire: 'Commentaire' }}
    >
      {!sansMotif && action === 'cloturer' && (
        <MotifCloture valeur={motif} changer={setMotif} etat={f.etatChamp('motif')} id={idChamp('motif')} />
      )}
      {!sansMotif && action !== 'cloturer' && (
        <Input
          label="Motif *"
          {...f.etatChamp('motif')}
          nativeInputProps={{ id: idChamp('motif'), value: motif, onChange: (e) => setMotif(e.target.value) }}
        />
      )}
      {commentaire && (
        <Input
          label="Commentaire"
          textArea
          {...f.etatChamp('commentaire')}
          nativeTextAreaProps={{
            id: idChamp('commentaire'),
            rows: 3,
            value: texte,
            onChange: (e) => setTexte(e.target.value),
          }}
        />
      )}
    </Formulaire>
  );
}

export function MotifCloture({
  valeur,
  changer,
  etat,
  id,
}: {
  valeur: string;
  changer: (v: string) => void;
  etat: object;
  id: string;
}) {
  return (
    <Select
      label="Motif de clôture *"
      {...etat}
      nativeSelectProps={{ id, value: valeur, onChange: (e) => changer(e.target.value) }}
    >
      <option value="">Choisir un motif</option>
      {Object.entries(LIBELLE_MOTIF_CLOTURE).map(([v, t]) => (
        <option key={v} value={v}>
          {t}
        </option>
      ))}
    </Select>
  );
}
