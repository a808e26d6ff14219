import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { ListeDeroulante, Pagination, Tableau } from '../composants/ui';
import { requete } from '../api/client';
import { nomAgent } from '../api/organisation';
import type { AgentsAdministres, JournalAcces as Journal } from '../api/contrat';
import { dateHeure } from '../libelles';

const LIMITE = 50;
const TOUS = 'tous';

/** What each journaled route does, as an administrator reads it. */
const OBJETS: [RegExp, string][] = [
  [/^GET \/usagers\/:id\/dossier$/, 'Dossier social'],
  [/^GET \/usagers\/:id\/export$/, 'Export RGPD'],
  [/^PATCH \/usagers\/:id$/, 'Correction d’identité'],
  [/^GET \/usagers/, 'Recherche ou fiche d’une personne'],
  [/^POST \/usagers$/, 'Enregistrement d’une personne'],
  [/^POST \/parcours$/, 'Premier accueil'],
  [/^POST \/parcours\/:id\//, 'Action sur un parcours'],
  [/^GET \/parcours\/:id$/, 'Lecture d’un parcours'],
  [/^GET \/parcours$/, 'Liste de parcours'],
  [/^GET \/audit$/, 'Journal des accès'],
  [/referents/, 'Propositions de référents'],
  [/reassignation/, 'Réassignation'],
];
const objet = (route: string) => OBJETS.find(([m]) => m.test(route))?.[1] ?? 'Autre accès';

/** The administrators' view of the access journal: who read or wrote personal data, or was refused. */
export default function JournalAcces() {
  const [offset, setOffset] = useState(0);
  const [agentId, setAgentId] = useState('');
  const agents = useDonnees<AgentsAdministres>('/administration/agents');
  const journal = useDonnees<Journal>(`/audit${requete({ limit: LIMITE, offset: offset || undefined, agentId })}`);
  return (
    <>
      <h1>Journal des accès</h1>
      <p>
        Chaque lecture ou écriture de données personnelles, et chaque refus, le plus récent d’abord. Le journal ne peut
        être ni modifié ni effacé.
      </p>
      {/* Who did what: the question an administrator asks first when an access is contested. */}
      <ListeDeroulante
        id="filtre-agent"
        label="Agent"
        valeur={agentId || TOUS}
        changer={(v) => {
          setAgentId(v === TOUS ? '' : v);
          setOffset(0);
        }}
        options={[
          { valeur: TOUS, libelle: 'Tous les agents' },
          ...[...(agents.etat === 'ok' ? agents.donnees.agents : [])]
            .sort((a, b) => a.nom.localeCompare(b.nom, 'fr') || a.prenom.localeCompare(b.prenom, 'fr'))
            .map((a) => ({ valeur: a.id, libelle: nomAgent(a) })),
        ]}
      />
      <Donnees etat={journal} vide={(d) => d.items.length === 0} messageVide="Aucun accès journalisé.">
        {(d) => (
          <>
            <Tableau
              legende={`Accès journalisés (${d.total})`}
              entetes={['Date', 'Agent', 'Opération', 'Résultat', 'Personnes concernées']}
              lignes={d.items.map((a) => ({
                cle: a.id,
                cellules: [
                  dateHeure(a.le),
                  a.agentNom ?? 'Non identifié',
                  `${a.operation === 'ecriture' ? 'Écriture' : 'Lecture'} — ${objet(a.route)}`,
                  a.statut < 400
                    ? 'Autorisé'
                    : a.statut === 403
                      ? 'Refusé (rôle)'
                      : a.statut === 404
                        ? 'Refusé (hors périmètre)'
                        : `Erreur ${a.statut}`,
                  a.usagers.length,
                ],
              }))}
            />
            <Pagination offset={offset} limite={LIMITE} total={d.total} aller={setOffset} libelle="journal" />
          </>
        )}
      </Donnees>
    </>
  );
}
