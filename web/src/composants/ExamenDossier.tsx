import { useState } from 'react';
import { api } from '../api/client';
import type { DossierSession, SessionDetail } from '../api/contrat';
import { Formulaire, useEnvoi } from './Formulaire';
import { BoutonsRadio, ChampTexte, ListeDeroulante } from './ui';
import { LIBELLE_ACCOMPAGNEMENT, options } from '../libelles';
import { LIBELLE_PRESENCE } from '../../../domain/equipe/session';

const LIBELLES = {
  presence: 'Présence de la personne',
  observations: 'Observations de la personne',
  decision: 'Décision',
  'decision.decision': 'Décision',
  'decision.typeAccompagnement': 'Type d’accompagnement',
  'decision.organismeExterne': 'Organisme extérieur',
  'decision.motif': 'Motif',
};

const DECISIONS = {
  orientation: [
    { valeur: 'accompagnement', libelle: 'Accompagnement par le département' },
    { valeur: 'externe', libelle: 'Orientation vers un organisme extérieur' },
  ],
  sanction: [
    { valeur: 'avis_favorable', libelle: 'Avis favorable à la sanction' },
    { valeur: 'avis_defavorable', libelle: 'Avis défavorable à la sanction' },
  ],
};

/** The decision form of one case: the person's presence and observations, then the équipe's decision. */
export function ExamenDossier({
  sessionId,
  dossier,
  fait,
}: {
  sessionId: string;
  dossier: DossierSession;
  fait: (s: SessionDetail) => void;
}) {
  const d = dossier.decision;
  const [presence, setPresence] = useState<string>(dossier.presence ?? '');
  const [observations, setObservations] = useState(dossier.observations ?? '');
  const [decision, setDecision] = useState<string>(d?.decision ?? '');
  const [typeAccompagnement, setType] = useState(d && 'typeAccompagnement' in d ? d.typeAccompagnement : '');
  const [organismeExterne, setOrganisme] = useState(d && 'organismeExterne' in d ? d.organismeExterne : '');
  const [motif, setMotif] = useState(d && 'motif' in d ? (d.motif ?? '') : '');
  const f = useEnvoi(
    (cle) =>
      api.put<SessionDetail>(
        `/sessions/${sessionId}/dossiers/${dossier.id}`,
        {
          presence: presence || undefined,
          ...(observations.trim() ? { observations } : {}),
          ...(decision
            ? {
                decision: {
                  decision,
                  ...(decision === 'accompagnement' ? { typeAccompagnement: typeAccompagnement || undefined } : {}),
                  ...(decision === 'externe' ? { organismeExterne } : {}),
                  ...(motif.trim() || decision !== 'accompagnement' ? { motif } : {}),
                },
              }
            : {}),
        },
        { 'Idempotency-Key': cle },
      ),
    fait,
  );
  const choix = [
    ...DECISIONS[dossier.nature === 'sanction' ? 'sanction' : 'orientation'],
    { valeur: 'ajourne', libelle: 'Reporter à une prochaine session' },
  ];
  return (
    <Formulaire titre={`Décision pour ${dossier.personne}`} {...f} libelleEnvoi="Enregistrer" libelles={LIBELLES}>
      <BoutonsRadio
        {...f.champ('presence')}
        label="Présence de la personne"
        obligatoire
        valeur={presence}
        changer={(v) => {
          setPresence(v);
          f.effacer('presence');
        }}
        options={options(LIBELLE_PRESENCE)}
      />
      <ChampTexte
        {...f.champ('observations')}
        label="Observations de la personne"
        lignes={3}
        valeur={observations}
        changer={setObservations}
      />
      <BoutonsRadio
        {...f.champ('decision.decision')}
        label="Décision de l’équipe"
        aide="Sans décision, le dossier est reporté à la clôture."
        valeur={decision}
        changer={(v) => {
          setDecision(v);
          f.effacer('decision');
        }}
        options={choix}
      />
      {decision === 'accompagnement' && (
        <ListeDeroulante
          {...f.champ('decision.typeAccompagnement')}
          label="Type d’accompagnement"
          obligatoire
          valeur={typeAccompagnement}
          changer={(v) => {
            setType(v);
            f.effacer('decision.typeAccompagnement');
          }}
          options={options(LIBELLE_ACCOMPAGNEMENT)}
        />
      )}
      {decision === 'externe' && (
        <ChampTexte
          {...f.champ('decision.organismeExterne')}
          label="Organisme extérieur"
          obligatoire
          valeur={organismeExterne}
          changer={(v) => {
            setOrganisme(v);
            f.effacer('decision.organismeExterne');
          }}
        />
      )}
      {decision && (
        <ChampTexte
          {...f.champ('decision.motif')}
          label="Motif"
          obligatoire={decision !== 'accompagnement'}
          lignes={3}
          valeur={motif}
          changer={(v) => {
            setMotif(v);
            f.effacer('decision.motif');
          }}
        />
      )}
    </Formulaire>
  );
}
