import { useState } from 'react';
import { Formulaire } from '../../composants/Formulaire';
import { CaseACocher, ChampTexte, ListeDeroulante } from '../../composants/ui';
import { useDonnees } from '../../composants/Donnees';
import { requete } from '../../api/client';
import type { PropositionReferent } from '../../api/organisation';
import { useAction, type PropsAction } from './commun';

const LIBELLES = { referentId: 'Référent', accordUsager: 'Accord de la personne', motif: 'Motif' };

/** Designation of the référent, or its change (with a reason): proposals ranked by continuity, pole and load. */
export function Referent(props: PropsAction & { changement?: boolean }) {
  const { parcours, changement = false } = props;
  const propositions = useDonnees<PropositionReferent[]>(
    parcours.equipeId ? `/equipes/${parcours.equipeId}/referents${requete({ usagerId: parcours.usagerId })}` : null,
  );
  const [referentId, setReferent] = useState('');
  const [accord, setAccord] = useState(false);
  const [motif, setMotif] = useState('');
  const f = useAction(props, () =>
    changement ? { referentId, motif } : { referentId, accordUsager: accord || undefined },
  );
  const liste = (propositions.etat === 'ok' ? propositions.donnees : []).filter(
    (p) => p.agentId !== parcours.referentId,
  );
  return (
    <Formulaire titre={props.action.titre} {...f} libelleEnvoi={props.action.bouton} libelles={LIBELLES}>
      {changement && parcours.noms.referent && (
        <p>
          Référent actuel : <strong>{parcours.noms.referent}</strong>
        </p>
      )}
      <ListeDeroulante
        {...f.champ('referentId')}
        label="Référent de parcours"
        obligatoire
        aide={
          propositions.etat === 'chargement'
            ? 'Chargement des propositions…'
            : liste.length
              ? 'Propositions classées : continuité avec la personne, pôle, charge.'
              : 'Aucun référent disponible dans l’équipe.'
        }
        invite="Choisir un référent"
        valeur={referentId}
        changer={(v) => {
          setReferent(v);
          f.effacer('referentId');
        }}
        options={liste.map((p) => ({
          valeur: p.agentId,
          libelle: p.nom,
          aide: [
            `${p.charge} parcours sur ${p.capacite}`,
            p.continuite && 'déjà connu de la personne',
            p.complet && 'complet',
          ]
            .filter(Boolean)
            .join(' — '),
        }))}
      />
      {changement ? (
        <ChampTexte
          {...f.champ('motif')}
          label="Motif du changement"
          obligatoire
          lignes={3}
          valeur={motif}
          changer={(v) => {
            setMotif(v);
            f.effacer('motif');
          }}
        />
      ) : (
        <CaseACocher
          {...f.champ('accordUsager')}
          coche={accord}
          changer={(v) => {
            setAccord(v);
            f.effacer('accordUsager');
          }}
        >
          La personne a donné son accord pour ce référent *
        </CaseACocher>
      )}
    </Formulaire>
  );
}
