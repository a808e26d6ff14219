import { useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Formulaire, idChamp } from '../composants/Formulaire';
import { useAction, type Props } from './action';
import { useDonnees } from '../composants/Donnees';
import { CHEMINS, nomAgent } from '../api/organisation';
import type { ChargeAgent, PropositionReferent } from '../api/contrat';
import { requete } from '../api/client';

export function FormulaireReferent({ parcours, changement = false }: Props & { changement?: boolean }) {
  const propositions = useDonnees<PropositionReferent[]>(
    parcours.equipeId ? `/equipes/${parcours.equipeId}/referents${requete({ usagerId: parcours.usagerId })}` : null,
  );
  const agents = useDonnees<{ items: ChargeAgent[] }>(CHEMINS.agents);
  const [referentId, setReferent] = useState('');
  const [accord, setAccord] = useState(false);
  const [motif, setMotif] = useState('');
  const f = useAction(parcours, changement ? 'changerReferent' : 'designerReferent', () =>
    changement ? { referentId, motif } : { referentId, accordUsager: accord },
  );
  const noms = new Map((agents.etat === 'ok' ? agents.donnees.items : []).map((a) => [a.agentId, nomAgent(a)]));
  const props = (propositions.etat === 'ok' ? propositions.donnees : []).filter(
    (p) => p.agentId !== parcours.referentId,
  );
  const options = props.length
    ? props.map((p) => ({
        id: p.agentId,
        texte: `${noms.get(p.agentId) ?? p.agentId} — ${p.charge}/${p.capacite} parcours${p.continuite ? ' — déjà connu de la personne' : ''}${p.complet ? ' — complet' : ''}`,
      }))
    : (agents.etat === 'ok' ? agents.donnees.items : [])
        .filter((a) => a.roles.includes('referent') && a.agentId !== parcours.referentId)
        .map((a) => ({
          id: a.agentId,
          texte: `${nomAgent(a)}${a.capacite !== null ? ` — ${a.charge}/${a.capacite} parcours` : ''}`,
        }));
  return (
    <Formulaire
      titre={changement ? 'Changer de référent' : 'Désignation du référent'}
      {...f}
      libelleEnvoi={changement ? 'Changer de référent' : 'Désigner le référent'}
      libelles={{ referentId: 'Référent', accordUsager: 'Accord de la personne', motif: 'Motif' }}
    >
      {changement && parcours.referentId && (
        <p>
          Référent actuel : <strong>{parcours.referentId}</strong>
        </p>
      )}
      {options.length > 0 ? (
        <Select
          label="Référent de parcours *"
          hint={props.length ? 'Propositions classées : continuité, proximité, charge.' : undefined}
          {...f.etatChamp('referentId')}
          nativeSelectProps={{
            id: idChamp('referentId'),
            value: referentId,
            onChange: (e) => setReferent(e.target.value),
          }}
        >
          <option value="">Choisir un référent</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.texte}
            </option>
          ))}
        </Select>
      ) : (
        <Input
          label="Identifiant du référent *"
          hintText="Aucune proposition disponible : saisir l’identifiant de l’agent."
          {...f.etatChamp('referentId')}
          nativeInputProps={{
            id: idChamp('referentId'),
            value: referentId,
            onChange: (e) => setReferent(e.target.value),
          }}
        />
      )}
      {changement ? (
        <Input
          label="Motif du changement *"
          textArea
          {...f.etatChamp('motif')}
          nativeTextAreaProps={{
            id: idChamp('motif'),
            rows: 3,
            value: motif,
            onChange: (e) => setMotif(e.target.value),
          }}
        />
      ) : (
        <Checkbox
          id={idChamp('accordUsager')}
          {...f.etatChamp('accordUsager')}
          options={[
            {
              label: 'La personne a donné son accord pour ce référent *',
              nativeInputProps: { checked: accord, onChange: (e) => setAccord(e.target.checked) },
            },
          ]}
        />
      )}
    </Formulaire>
  );
}
