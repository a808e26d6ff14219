import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Bouton, ListeDeroulante, Pagination, Tableau } from '../composants/ui';
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
  const [personne, setPersonne] = useState<{ id: string; nom: string } | null>(null);
  const agents = useDonnees<AgentsAdministres>('/administration/agents');
  const journal = useDonnees<Journal>(
    `/audit${requete({ limit: LIMITE, offset: offset || undefined, agentId, usagerId: personne?.id })}`,
  );
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
      {personne && (
        // A person's right of access (RGPD art. 15): who read their data, and everything held on them.
        <section aria-labelledby="titre-personne" className="carte">
          <h2 id="titre-personne">Accès aux données de {personne.nom}</h2>
          <ul className="boutons">
            <li>
              <a href={`/usagers/${personne.id}/export`} download="donnees-personnelles.json">
                Exporter toutes les données détenues sur cette personne (droit d’accès, fichier JSON)
              </a>
            </li>
            <li>
              <Bouton
                petit
                variante="discret"
                onPress={() => {
                  setPersonne(null);
                  setOffset(0);
                }}
              >
                Revenir à tous les accès
              </Bouton>
            </li>
          </ul>
        </section>
      )}
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
                  a.usagers.length === 0 ? (
                    '—'
                  ) : (
                    <ul key="p" className="liste-simple">
                      {/* A list read concerns a whole page of persons: the first ones, then how many more. */}
                      {a.usagers.slice(0, 3).map((id) => {
                        const nom = d.personnes[id] ?? 'Personne supprimée';
                        return (
                          <li key={id}>
                            <Bouton
                              petit
                              variante="discret"
                              onPress={() => {
                                setPersonne({ id, nom });
                                setOffset(0);
                              }}
                            >
                              {nom}
                            </Bouton>
                          </li>
                        );
                      })}
                      {a.usagers.length > 3 && <li>et {a.usagers.length - 3} autres</li>}
                    </ul>
                  ),
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
