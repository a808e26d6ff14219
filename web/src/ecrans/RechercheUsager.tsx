import { useState } from 'react';
import { Input, Label, SearchField } from 'react-aria-components';
import { Donnees, useDonnees } from '../composants/Donnees';
import { requete } from '../api/client';
import type { Usager } from '../api/contrat';
import { date } from '../libelles';
import { Bouton, Lien, Tableau } from '../composants/ui';

export default function RechercheUsager() {
  const [saisie, setSaisie] = useState(() => new URLSearchParams(window.location.search).get('q') ?? '');
  const [q, setQ] = useState(saisie);
  const resultats = useDonnees<{ items: Usager[] }>(
    q.trim().length >= 2 ? `/usagers${requete({ q: q.trim() })}` : null,
  );
  const chercher = () => {
    setQ(saisie);
    window.history.replaceState(null, '', `/recherche${requete({ q: saisie })}`);
  };
  return (
    <>
      <h1>Rechercher une personne</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          chercher();
        }}
        className="filtres"
      >
        <SearchField className="champ" value={saisie} onChange={setSaisie} onSubmit={chercher}>
          <Label>Nom, prénom</Label>
          <Input />
        </SearchField>
        <div className="champ">
          <Bouton type="submit">Rechercher</Bouton>
        </div>
      </form>
      <div aria-live="polite">
        {q.trim().length < 2 ? (
          <p className="vide">Saisissez au moins deux caractères puis lancez la recherche.</p>
        ) : (
          <Donnees
            etat={resultats}
            vide={(d) => d.items.length === 0}
            messageVide={
              <>
                Aucune personne ne correspond à « {q} ».{' '}
                <Lien vers="/premier-accueil">Enregistrer un premier accueil</Lien>
              </>
            }
          >
            {(d) => (
              <Tableau
                legende={`Personnes trouvées pour « ${q} »`}
                entetes={['Nom', 'Date de naissance', 'Commune', 'Actions']}
                lignes={d.items.map((u) => ({
                  cle: u.id,
                  cellules: [
                    <Lien key="n" vers={`/dossiers/${u.id}`}>
                      {u.prenom} {u.nom}
                    </Lien>,
                    u.dateNaissance ? date(u.dateNaissance) : '—',
                    u.communeNom ?? '—',
                    <Lien key="a" vers={`/premier-accueil${requete({ usagerId: u.id })}`}>
                      Nouvel accueil
                    </Lien>,
                  ],
                }))}
              />
            )}
          </Donnees>
        )}
      </div>
    </>
  );
}
