import { useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { ouvrirSession, type Role } from '../session';
import { useDonnees } from '../composants/Donnees';
import { CHEMINS, estCadre, nomAgent, type ChargeAgent } from '../api/organisation';

/** Development sign-in: choose who you are. Replaced by the département's identity provider (issue 5). */
export function Connexion() {
  const agents = useDonnees<{ items: ChargeAgent[] }>(CHEMINS.agents);
  const liste = agents.etat === 'ok' ? agents.donnees.items.filter((a) => a.roles.length > 0) : [];
  const [choix, setChoix] = useState('');
  const [identifiant, setIdentifiant] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [erreur, setErreur] = useState<string | null>(null);

  const connecter = (e: React.FormEvent) => {
    e.preventDefault();
    const agent = liste.find((a) => a.agentId === choix);
    const id = agent?.agentId ?? identifiant.trim();
    if (!/^[\w.@-]{1,100}$/.test(id)) {
      setErreur('Indiquez un identifiant d’agent (lettres, chiffres, point, tiret, @).');
      return;
    }
    ouvrirSession({ agentId: id, nom: agent ? nomAgent(agent) : id, role: agent && !identifiant ? (estCadre(agent) ? 'cadre' : role) : role });
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion</h1>
        <Notice title="Connexion de développement : choisissez l’agent au nom duquel vous agissez. La connexion par le fournisseur d’identité du département la remplacera." />
        <form onSubmit={connecter} noValidate className="fr-mt-3w" aria-label="Connexion">
          {agents.etat === 'chargement' && <p role="status">Chargement des agents…</p>}
          {liste.length > 0 && (
            <Select label="Agent" nativeSelectProps={{ id: 'agent', value: choix, onChange: (e) => { setChoix(e.target.value); setIdentifiant(''); } }}>
              <option value="">Choisir un agent</option>
              {liste.map((a) => <option key={a.agentId} value={a.agentId}>{nomAgent(a)} — {a.roles.join(', ')}</option>)}
            </Select>
          )}
          <Input
            label={liste.length > 0 ? 'Ou identifiant d’agent' : 'Identifiant d’agent'}
            hintText="Par exemple : agent.accueil ou cadre.orleans"
            nativeInputProps={{ id: 'identifiant', value: identifiant, autoComplete: 'username', onChange: (e) => { setIdentifiant(e.target.value); setChoix(''); } }}
            state={erreur ? 'error' : 'default'}
            stateRelatedMessage={erreur ?? undefined}
          />
          <RadioButtons
            legend="Profil"
            orientation="horizontal"
            name="role"
            options={[
              { label: 'Agent', nativeInputProps: { value: 'agent', checked: role === 'agent', onChange: () => setRole('agent') } },
              { label: 'Cadre (responsable d’équipe)', nativeInputProps: { value: 'cadre', checked: role === 'cadre', onChange: () => setRole('cadre') } },
            ]}
          />
          <Button type="submit">Se connecter</Button>
        </form>
      </div>
    </div>
  );
}
