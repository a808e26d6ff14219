import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { useEnvoi } from '../composants/Formulaire';
import { Alerte, Bouton, CaseACocher, CasesACocher, ChampTexte, ListeDeroulante, Tableau } from '../composants/ui';
import { api } from '../api/client';
import { CHEMINS, identifiantLisible, nomAgent, type Organisation } from '../api/organisation';
import type { AgentAdministre, AgentsAdministres, StructuresReferentes } from '../api/contrat';
import { BoutonModifier, EditionAdministree, EtatActif } from '../composants/EditionAdministree';
import { libelleRole } from '../session';
import { nombre } from '../libelles';
import { ROLES, POLES, LIBELLE_POLE } from '../../../domain/organisation/referentiel';

const LIBELLES_CHAMPS = {
  prenom: 'Prénom',
  nom: 'Nom',
  email: 'Adresse électronique',
  roles: 'Rôles',
  equipeId: 'Équipe',
  structureId: 'Structure référente',
  pole: 'Pôle',
  capacite: 'Capacité',
  actif: 'Compte actif',
};

/** The form's fields, as text for the inputs. */
interface Saisie {
  prenom: string;
  nom: string;
  email: string;
  roles: string[];
  equipeId: string;
  structureId: string;
  pole: string;
  capacite: string;
  actif: boolean;
}
const VIDE: Saisie = {
  prenom: '',
  nom: '',
  email: '',
  roles: [],
  equipeId: '',
  structureId: '',
  pole: '',
  capacite: '0',
  actif: true,
};
const saisieDe = (a: AgentAdministre): Saisie => ({
  prenom: a.prenom,
  nom: a.nom,
  email: a.email,
  roles: a.roles,
  equipeId: a.equipeId ?? '',
  structureId: a.structureId ?? '',
  pole: a.pole ?? '',
  capacite: String(a.capacite),
  actif: a.actif,
});
function FormulaireAgent({
  agent,
  organisation,
  structures,
  fini,
}: {
  agent: AgentAdministre | null;
  organisation: Organisation;
  structures: StructuresReferentes['structures'];
  fini: () => void;
}) {
  const [s, setS] = useState<Saisie>(agent ? saisieDe(agent) : VIDE);
  const envoi = useEnvoi(
    () => {
      const corps = {
        prenom: s.prenom,
        nom: s.nom,
        email: s.email,
        roles: s.roles,
        equipeId: s.equipeId || null,
        structureId: s.structureId || null,
        pole: s.pole || null,
        // Sent as typed: the API says, on the field, what is wrong with it.
        capacite: s.capacite.trim() === '' ? Number.NaN : Number(s.capacite),
      };
      return agent
        ? api.patch<AgentAdministre>(`/administration/agents/${agent.id}`, { ...corps, actif: s.actif })
        : api.post<AgentAdministre>('/administration/agents', {
            id: identifiantLisible(`${s.prenom}-${s.nom}`),
            ...corps,
          });
    },
    () => fini(),
  );
  const changer =
    <K extends keyof Saisie>(k: K) =>
    (v: Saisie[K]) => {
      envoi.effacer(k);
      setS((x) => ({ ...x, [k]: v }));
    };
  const equipes = organisation.territoires.flatMap((t) =>
    t.equipes.map((e) => ({ valeur: e.id, libelle: e.nom, aide: t.nom })),
  );
  const titre = agent ? `Modifier ${nomAgent(agent)}` : 'Ajouter un agent';
  return (
    <EditionAdministree
      id="titre-formulaire-agent"
      titre={titre}
      envoi={envoi}
      libelleEnvoi={agent ? 'Enregistrer les modifications' : 'Ajouter l’agent'}
      libelles={LIBELLES_CHAMPS}
      formats={FORMATS}
      historique={agent ? `/administration/agents/${agent.id}/historique` : null}
      fini={fini}
    >
      <ChampTexte {...envoi.champ('prenom')} label="Prénom" obligatoire valeur={s.prenom} changer={changer('prenom')} />
      <ChampTexte {...envoi.champ('nom')} label="Nom" obligatoire valeur={s.nom} changer={changer('nom')} />
      <ChampTexte
        {...envoi.champ('email')}
        label="Adresse électronique"
        aide="Celle de la connexion (ProConnect ou le fournisseur du département)."
        type="email"
        obligatoire
        valeur={s.email}
        changer={changer('email')}
      />
      <CasesACocher
        {...envoi.champ('roles')}
        label="Rôles"
        obligatoire
        valeurs={s.roles}
        changer={changer('roles')}
        options={ROLES.map((r) => ({ valeur: r, libelle: libelleRole(r) }))}
      />
      <ListeDeroulante
        {...envoi.champ('equipeId')}
        label="Équipe"
        aide="Sans équipe, un cadre est de la direction (tout le département)."
        valeur={s.equipeId}
        changer={changer('equipeId')}
        invite="Aucune équipe"
        options={[{ valeur: '', libelle: 'Aucune équipe' }, ...equipes]}
      />
      {structures.length > 0 && (
        <ListeDeroulante
          {...envoi.champ('structureId')}
          label="Structure référente"
          aide="Pour un référent de France Travail, d’une association ou d’un CCAS : sans équipe du département."
          valeur={s.structureId}
          changer={changer('structureId')}
          invite="Aucune structure"
          options={[
            { valeur: '', libelle: 'Aucune structure' },
            ...structures
              .filter((x) => x.actif || x.id === s.structureId)
              .map((x) => ({ valeur: x.id, libelle: x.nom })),
          ]}
        />
      )}
      <ListeDeroulante
        {...envoi.champ('pole')}
        label="Pôle"
        valeur={s.pole}
        changer={changer('pole')}
        invite="Aucun pôle"
        options={[
          { valeur: '', libelle: 'Aucun pôle' },
          ...POLES.map((p) => ({ valeur: p, libelle: LIBELLE_POLE[p] })),
        ]}
      />
      <ChampTexte
        {...envoi.champ('capacite')}
        label="Capacité"
        aide="Nombre de parcours que l’agent peut suivre comme référent."
        inputMode="numeric"
        valeur={s.capacite}
        changer={changer('capacite')}
      />
      {agent && (
        <CaseACocher
          {...envoi.champ('actif')}
          coche={s.actif}
          changer={changer('actif')}
          aide="Décocher met fin à ses sessions : l’agent ne peut plus se connecter."
        >
          Compte actif
        </CaseACocher>
      )}
      {agent && agent.actif && !s.actif && agent.parcoursSuivis > 0 && (
        <Alerte type="avertissement" titre="Parcours à réassigner">
          Cet agent est le référent de {nombre(agent.parcoursSuivis, 'parcours ouvert', 'parcours ouverts')} : un cadre
          de son territoire les confie à d’autres référents depuis l’écran « Réassigner des parcours ».
        </Alerte>
      )}
    </EditionAdministree>
  );
}

const FORMATS: Record<string, (v: unknown) => string> = {
  roles: (v) => (v as string[]).map(libelleRole).join(', '),
  actif: (v) => (v ? 'actif' : 'désactivé'),
  capacite: (v) => String(v),
  equipeId: (v) => (v ? 'une équipe' : 'aucune équipe'),
};

/** Administrators' screen of the agents: who has which roles, équipe and capacity; add, change, deactivate. */
export default function AdministrationAgents() {
  const agents = useDonnees<AgentsAdministres>('/administration/agents');
  const organisation = useDonnees<Organisation>(CHEMINS.organisation);
  const structures = useDonnees<StructuresReferentes>('/administration/structures');
  const [edition, setEdition] = useState<AgentAdministre | 'nouveau' | null>(null);
  const fini = () => {
    setEdition(null);
    agents.recharger();
  };
  return (
    <>
      <h1>Agents</h1>
      <p>
        Chaque changement est enregistré avec son auteur et sa date. Un agent désactivé ne peut plus se connecter, tout
        de suite.
      </p>
      {edition === null && <Bouton onPress={() => setEdition('nouveau')}>Ajouter un agent</Bouton>}
      {edition !== null && (
        <Donnees etat={organisation}>
          {(o) => (
            <FormulaireAgent
              key={edition === 'nouveau' ? 'nouveau' : edition.id}
              agent={edition === 'nouveau' ? null : edition}
              organisation={o}
              structures={structures.etat === 'ok' ? structures.donnees.structures : []}
              fini={fini}
            />
          )}
        </Donnees>
      )}
      <Donnees etat={agents} vide={(d) => d.agents.length === 0} messageVide="Aucun agent.">
        {(d) => (
          <Tableau
            legende={`Agents du département (${d.agents.length})`}
            entetes={['Agent', 'Rôles', 'Équipe', 'Capacité', 'Parcours suivis', 'Compte', 'Action']}
            lignes={d.agents.map((a) => ({
              cle: a.id,
              cellules: [
                nomAgent(a),
                a.roles.map(libelleRole).join(', '),
                a.equipe ?? 'Direction (aucune équipe)',
                a.capacite,
                a.parcoursSuivis,
                <EtatActif key="etat" actif={a.actif} />,
                <BoutonModifier key="modifier" nom={nomAgent(a)} modifier={() => setEdition(a)} />,
              ],
            }))}
          />
        )}
      </Donnees>
    </>
  );
}
