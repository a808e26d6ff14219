import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { CaseACocher, ChampTexte, ListeDeroulante } from '../composants/ui';
import { useDonnees } from '../composants/Donnees';
import { requete } from '../api/client';
import { CHEMINS, nomAgent, type ChargeAgent, type PropositionReferent } from '../api/organisation';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

const LIBELLES = { referentId: 'Référent', accordUsager: 'Accord de la personne', motif: 'Motif' };

/** Designation of the référent, or its change (with a reason): proposals ranked by continuity, pole and load. */
export function FormulaireReferent({ parcours, type }: Props & { type: 'designerReferent' | 'changerReferent' }) {
  const changement = type === 'changerReferent';
  const { titre, bouton } = ACTIONS[type].libelles;
  // A structure référente's référents when it follows the person; otherwise the équipe's.
  const suivi = parcours.structureId
    ? `/structures/${parcours.structureId}`
    : parcours.equipeId
      ? `/equipes/${parcours.equipeId}`
      : null;
  const propositions = useDonnees<PropositionReferent[]>(
    suivi ? `${suivi}/referents${requete({ usagerId: parcours.usagerId })}` : null,
  );
  // Without proposals (no équipe, or an équipe outside the organisation): the référents of the cadre's scope.
  const sansPropositions = propositions.etat === 'erreur' || !suivi;
  const agents = useDonnees<{ items: ChargeAgent[] }>(sansPropositions ? CHEMINS.agents : null);
  const [referentId, setReferent] = useState('');
  const [accord, setAccord] = useState(false);
  const [motif, setMotif] = useState('');
  const f = useAction(parcours, type, () =>
    changement ? { referentId, motif } : { referentId, accordUsager: accord || undefined },
  );
  const liste = (
    propositions.etat === 'ok'
      ? propositions.donnees
      : agents.etat === 'ok'
        ? agents.donnees.items
            .filter((a) => a.roles.includes('referent'))
            .map((a) => ({
              agentId: a.agentId,
              nom: nomAgent(a),
              charge: a.charge,
              capacite: a.capacite ?? 0,
              continuite: false,
              complet: a.capacite !== null && a.charge >= a.capacite,
            }))
        : []
  ).filter((p) => p.agentId !== parcours.referentId);
  return (
    <Formulaire titre={titre} {...f} libelleEnvoi={bouton} libelles={LIBELLES}>
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
          (sansPropositions ? agents : propositions).etat === 'chargement'
            ? 'Chargement des référents…'
            : liste.length === 0
              ? 'Aucun référent disponible.'
              : sansPropositions
                ? 'Référents de votre périmètre, avec leur charge.'
                : 'Propositions classées : continuité avec la personne, pôle, charge.'
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
