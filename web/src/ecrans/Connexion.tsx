import { useState } from 'react';
import { connexionDeveloppement, connexionFournisseur } from '../session';
import { useDonnees } from '../composants/Donnees';
import { Alerte, Bouton, ChampTexte, ListeDeroulante } from '../composants/ui';
import { libelleRole } from '../session';
import type { AgentsDeveloppement } from '../api/contrat';

/**
 * Sign-in. With an identity provider (OIDC, e.g. ProConnect): one button. Development mode only (the server
 * offers /auth/dev/agents): choose the agent to act as; the server refuses it in production configuration.
 */
export default function Connexion() {
  const agents = useDonnees<AgentsDeveloppement>('/auth/dev/agents');
  const developpement = agents.etat === 'ok';
  const liste = developpement ? agents.donnees.items.filter((a) => a.roles.length > 0) : [];
  const [choix, setChoix] = useState('');
  const [identifiant, setIdentifiant] = useState('');
  const [erreur, setErreur] = useState<string | null>(null);

  const connecter = (e: React.FormEvent) => {
    e.preventDefault();
    const id = choix || identifiant.trim();
    if (!/^[\w.@-]{1,100}$/.test(id)) {
      setErreur('Choisissez un agent dans la liste ou indiquez son identifiant.');
      return;
    }
    void connexionDeveloppement(id).then(setErreur);
  };

  return (
    <>
      <h1>Connexion</h1>
      {agents.etat === 'chargement' && <p role="status">Chargement…</p>}
      {agents.etat === 'erreur' && (
        <>
          <p>Connectez-vous avec votre compte d’agent.</p>
          <Bouton onPress={connexionFournisseur}>Se connecter avec ProConnect</Bouton>
        </>
      )}
      {developpement && (
        <>
          <Alerte titre="Connexion de développement">
            <p>
              Choisissez l’agent au nom duquel vous agissez. Elle est désactivée dès qu’un fournisseur d’identité est
              configuré, et toujours en production.
            </p>
          </Alerte>
          <form onSubmit={connecter} noValidate aria-label="Connexion">
            {liste.length > 0 && (
              <ListeDeroulante
                id="agent"
                label="Agent"
                valeur={choix}
                invite="Choisir un agent"
                changer={(v) => {
                  setChoix(v);
                  setIdentifiant('');
                  setErreur(null);
                }}
                options={liste.map((a) => ({
                  valeur: a.agentId,
                  libelle: [a.prenom, a.nom].filter(Boolean).join(' '),
                  aide: a.roles.map(libelleRole).join(', '),
                }))}
              />
            )}
            <ChampTexte
              id="identifiant"
              label={liste.length > 0 ? 'Ou identifiant d’agent' : 'Identifiant d’agent'}
              aide="L’identifiant que vous a donné votre administrateur."
              autoComplete="username"
              valeur={identifiant}
              erreur={erreur ?? undefined}
              changer={(v) => {
                setIdentifiant(v);
                setChoix('');
                setErreur(null);
              }}
            />
            <Bouton type="submit">Se connecter</Bouton>
          </form>
        </>
      )}
    </>
  );
}
