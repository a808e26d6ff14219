import { useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { connexionDeveloppement, connexionFournisseur } from '../session';
import { useDonnees } from '../composants/Donnees';

interface AgentDev {
  agentId: string;
  prenom: string;
  nom: string;
  roles: string[];
}

/**
 * Sign-in. With an identity provider (OIDC, e.g. ProConnect): one button. Development mode only (the server
 * offers /auth/dev/agents): choose the agent to act as; the server refuses it in production configuration.
 */
export function Connexion() {
  const agents = useDonnees<{ items: AgentDev[] }>('/auth/dev/agents');
  const developpement = agents.etat === 'ok';
  const liste = developpement ? agents.donnees.items.filter((a) => a.roles.length > 0) : [];
  const [choix, setChoix] = useState('');
  const [identifiant, setIdentifiant] = useState('');
  const [erreur, setErreur] = useState<string | null>(null);

  const connecter = (e: React.FormEvent) => {
    e.preventDefault();
    const id = choix || identifiant.trim();
    if (!/^[\w.@-]{1,100}$/.test(id)) {
      setErreur('Indiquez un identifiant d’agent (lettres, chiffres, point, tiret, @).');
      return;
    }
    void connexionDeveloppement(id).then(setErreur);
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion</h1>
        {agents.etat === 'chargement' && <p role="status">Chargement…</p>}
        {agents.etat === 'erreur' && (
          <>
            <p>Connectez-vous avec votre compte d’agent public.</p>
            <Button onClick={connexionFournisseur}>Se connecter avec ProConnect</Button>
          </>
        )}
        {developpement && (
          <>
            <Notice title="Connexion de développement : choisissez l’agent au nom duquel vous agissez. Elle est désactivée dès qu’un fournisseur d’identité est configuré, et toujours en production." />
            <form onSubmit={connecter} noValidate className="fr-mt-3w" aria-label="Connexion">
              {liste.length > 0 && (
                <Select
                  label="Agent"
                  nativeSelectProps={{
                    id: 'agent',
                    value: choix,
                    onChange: (e) => {
                      setChoix(e.target.value);
                      setIdentifiant('');
                    },
                  }}
                >
                  <option value="">Choisir un agent</option>
                  {liste.map((a) => (
                    <option key={a.agentId} value={a.agentId}>
                      {[a.prenom, a.nom].filter(Boolean).join(' ')} — {a.roles.join(', ')}
                    </option>
                  ))}
                </Select>
              )}
              <Input
                label={liste.length > 0 ? 'Ou identifiant d’agent' : 'Identifiant d’agent'}
                hintText="Par exemple : loiret-t01-ep-cadre"
                nativeInputProps={{
                  id: 'identifiant',
                  value: identifiant,
                  autoComplete: 'username',
                  onChange: (e) => {
                    setIdentifiant(e.target.value);
                    setChoix('');
                  },
                }}
                state={erreur ? 'error' : 'default'}
                stateRelatedMessage={erreur ?? undefined}
              />
              <Button type="submit">Se connecter</Button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
