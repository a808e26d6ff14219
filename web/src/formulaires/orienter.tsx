import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { BoutonsRadio, ChampTexte, ListeDeroulante } from '../composants/ui';
import { LIBELLE_ACCOMPAGNEMENT, options } from '../libelles';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';
import { useDonnees } from '../composants/Donnees';
import { CHEMINS, type Organisation } from '../api/organisation';
import { LIBELLE_TYPE_STRUCTURE } from '../../../domain/organisation/structures';

const DEPARTEMENT = 'departement';

const LIBELLES = {
  decision: 'Décision',
  typeAccompagnement: 'Type d’accompagnement',
  structureId: 'Qui accompagne',
  organismeExterne: 'Organisme extérieur',
  motif: 'Motif',
};

export default function FormulaireAction({ parcours }: Props) {
  const [decision, setDecision] = useState('');
  const [typeAccompagnement, setType] = useState('');
  const [organismeExterne, setOrganisme] = useState('');
  const [structureId, setStructure] = useState(DEPARTEMENT);
  const organisation = useDonnees<Organisation>(CHEMINS.organisation);
  const structures = organisation.etat === 'ok' ? organisation.donnees.structures : [];
  const [motif, setMotif] = useState('');
  const f = useAction(parcours, 'orienter', () => ({
    decision: decision || undefined,
    ...(decision === 'accompagnement'
      ? {
          typeAccompagnement: typeAccompagnement || undefined,
          ...(structureId !== DEPARTEMENT ? { structureId } : {}),
        }
      : {}),
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
      {decision === 'accompagnement' && structures.length > 0 && (
        <ListeDeroulante
          {...f.champ('structureId')}
          label="Qui accompagne"
          aide="Une structure référente désigne elle-même le référent, dans le délai de sa convention."
          obligatoire
          valeur={structureId}
          changer={(v) => {
            setStructure(v);
            f.effacer('structureId');
          }}
          options={[
            { valeur: DEPARTEMENT, libelle: 'Une équipe du département' },
            ...structures.map((s) => ({
              valeur: s.id,
              libelle: s.nom,
              aide: LIBELLE_TYPE_STRUCTURE[s.type as keyof typeof LIBELLE_TYPE_STRUCTURE],
            })),
          ]}
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
