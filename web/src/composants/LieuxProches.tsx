import { useDonnees, Donnees } from './Donnees';
import { Tableau } from './ui';
import type { LieuProche } from '../api/organisation';
import type { CommuneTrouvee } from '../api/contrat';
import { requete } from '../api/client';
import { libelleTypeLieu } from '../libelles';

/** Where a commune's residents are routed (territoire, équipe) and the nearest accueil sites. */
export function RoutageEtLieux({ communeCode, communeNom }: { communeCode: string; communeNom: string }) {
  const routage = useDonnees<{ items: CommuneTrouvee[] }>(`/communes${requete({ code: communeCode })}`);
  const lieux = useDonnees<{ lieux: LieuProche[] }>(`/communes/${encodeURIComponent(communeCode)}/lieux-accueil`);
  return (
    <section aria-labelledby="titre-routage" className="carte">
      <h3 id="titre-routage">Pour {communeNom}</h3>
      <Donnees etat={routage} libelleChargement="Recherche du territoire…">
        {({ items: [c] }) =>
          c?.territoire ? (
            <p id="territoire-oriente">
              Le parcours sera suivi par le territoire <strong>{c.territoire}</strong>
              {c.equipe && (
                <>
                  {' '}
                  — <strong>{c.equipe}</strong>
                </>
              )}
              .
            </p>
          ) : (
            <p>Cette commune n’est rattachée à aucun territoire du département : le parcours sera orienté à la main.</p>
          )
        }
      </Donnees>
      <Donnees
        etat={lieux}
        vide={(d) => d.lieux.length === 0}
        messageVide="Aucun lieu d’accueil connu près de cette commune."
      >
        {(d) => (
          <Tableau
            legende={`Lieux d’accueil les plus proches de ${communeNom}`}
            entetes={['Lieu', 'Adresse', 'Type', 'Distance']}
            lignes={d.lieux.map((l) => ({
              cle: l.id,
              cellules: [
                l.nom,
                l.adresse ?? '—',
                libelleTypeLieu(l.type),
                `${l.distanceKm.toLocaleString('fr-FR')} km`,
              ],
            }))}
          />
        )}
      </Donnees>
    </section>
  );
}
