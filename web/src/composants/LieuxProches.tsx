import { Table } from '@codegouvfr/react-dsfr/Table';
import { useDonnees, Donnees } from './Donnees';
import type { LieuProche } from '../api/organisation';

const TYPES: Record<string, string> = {
  site_departemental: 'Site du département',
  ccas: 'CCAS',
  france_services: 'France services',
};

/** The accueil sites nearest to the person's commune (Loiret: one within 20 km). */
export function LieuxProches({ communeCode }: { communeCode: string | undefined }) {
  const lieux = useDonnees<{ commune: { nom: string }; lieux: LieuProche[] }>(
    communeCode ? `/communes/${encodeURIComponent(communeCode)}/lieux-accueil` : null,
  );
  return (
    <section aria-labelledby="titre-lieux">
      <h2 id="titre-lieux" className="fr-h4">
        Lieux d’accueil les plus proches
      </h2>
      {!communeCode ? (
        <p className="ecran-vide">Commune non renseignée : pas de calcul de proximité.</p>
      ) : (
        <Donnees
          etat={lieux}
          vide={(d) => d.lieux.length === 0}
          messageVide="Aucun lieu d’accueil connu près de cette commune."
        >
          {(d) => (
            <Table
              caption={`Lieux d’accueil les plus proches de ${d.commune.nom}`}
              headers={['Lieu', 'Adresse', 'Type', 'Distance']}
              data={d.lieux.map((l) => [
                l.nom,
                l.adresse ?? l.communeCode,
                TYPES[l.type] ?? l.type,
                `${l.distanceKm.toLocaleString('fr-FR')} km`,
              ])}
            />
          )}
        </Donnees>
      )}
    </section>
  );
}
