import { useState } from 'react';
import { SearchBar } from '@codegouvfr/react-dsfr/SearchBar';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { Donnees, useDonnees } from '../composants/Donnees';
import { requete } from '../api/client';
import type { ResultatsRecherche } from '../api/contrat';
import { date } from '../libelles';
import { lien } from '../navigation';

export function RechercheUsager() {
  const [q, setQ] = useState(() => new URLSearchParams(window.location.search).get('q') ?? '');
  const resultats = useDonnees<ResultatsRecherche>(q.trim().length >= 2 ? `/usagers${requete({ q: q.trim() })}` : null);
  return (
    <>
      <h1>Rechercher un usager</h1>
      <SearchBar
        label="Nom, prénom ou date de naissance"
        big
        onButtonClick={(texte) => {
          setQ(texte);
          window.history.replaceState(null, '', `/recherche${requete({ q: texte })}`);
        }}
        allowEmptySearch={false}
      />
      <div className="fr-mt-4w" aria-live="polite">
        {q.trim().length < 2 ? (
          <p className="ecran-vide">Saisissez au moins deux caractères puis lancez la recherche.</p>
        ) : (
          <Donnees
            etat={resultats}
            vide={(d) => d.items.length === 0}
            messageVide={
              <>
                Aucun usager ne correspond à « {q} ».{' '}
                <a {...lien('/premier-accueil')}>Enregistrer un premier accueil</a>
              </>
            }
          >
            {(d) => (
              <Table
                caption={`Résultats pour « ${q} »`}
                headers={['Nom', 'Prénom', 'Date de naissance', 'Commune', 'Actions']}
                data={d.items.map((u) => [
                  <a key="n" {...lien(`/dossiers/${u.id}`)}>
                    {u.nom}
                  </a>,
                  u.prenom,
                  u.dateNaissance ? date(u.dateNaissance) : '—',
                  u.communeCode ?? '—',
                  <a key="a" className="fr-link" {...lien(`/premier-accueil${requete({ usagerId: u.id })}`)}>
                    Nouvel accueil
                  </a>,
                ])}
              />
            )}
          </Donnees>
        )}
      </div>
    </>
  );
}
