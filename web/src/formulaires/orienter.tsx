import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { BoutonsRadio, ChampTexte, ListeDeroulante } from '../composants/ui';
import { LIBELLE_ACCOMPAGNEMENT, options } from '../libelles';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

const LIBELLES = {
  decision: 'Décision',
  typeAccompagnement: 'Type d’accompagnement',
  organismeExterne: 'Organisme extérieur',
  motif: 'Motif',
};

export default function FormulaireAction({ parcours }: Props) {
  const [decision, setDecision] = useState('');
  const [typeAccompagnement, setType] = useState('');
  const [organismeExterne, setOrganisme] = useState('');
  const [motif, setMotif] = useState('');
  const f = useAction(parcours, 'orienter', () => ({
    decision: decision || undefined,
    ...(decision === 'accompagnement' ? { typeAccompagnement: typeAccompagnement || undefined } : {}),
    ...(decision === 'externe' ? { organismeExterne } : {}),
    ...(motif.trim() ? { motif } : {}),
  }));
  return (
    <Formulaire
      titre={ACTIONS.orienter.libelles.titre}
      {...f}
      libelleEnvoi="Enregistrer la décision"
      libelles={LIBELLES}
    >
      <BoutonsRadio
        {...f.champ('decision')}
        label="Décision de l’équipe pluridisciplinaire"
        obligatoire
        valeur={decision}
        changer={(v) => {
          setDecision(v);
          f.effacer('decision');
        }}
        options={[
          { valeur: 'accompagnement', libelle: 'Accompagnement par le département' },
          { valeur: 'externe', libelle: 'Orientation vers un organisme extérieur' },
        ]}
      />
      {decision === 'accompagnement' && (
        <ListeDeroulante
          {...f.champ('typeAccompagnement')}
          label="Type d’accompagnement"
          obligatoire
          valeur={typeAccompagnement}
          changer={(v) => {
            setType(v);
            f.effacer('typeAccompagnement');
          }}
          options={options(LIBELLE_ACCOMPAGNEMENT)}
        />
      )}
      {decision === 'externe' && (
        <ChampTexte
          {...f.champ('organismeExterne')}
          label="Organisme extérieur"
          obligatoire
          valeur={organismeExterne}
          changer={(v) => {
            setOrganisme(v);
            f.effacer('organismeExterne');
          }}
        />
      )}
      <ChampTexte {...f.champ('motif')} label="Motif" lignes={3} valeur={motif} changer={setMotif} />
    </Formulaire>
  );
}
