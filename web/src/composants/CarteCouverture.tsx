/**
 * The département drawn offline: each commune a point placed from its shipped latitude and longitude
 * (equirectangular projection, corrected by the cosine of the mean latitude: at a département's scale the
 * distortion is below the size of a point), coloured by the distance to its nearest lieu d'accueil.
 */
import type { CarteCouverture as Carte } from '../api/contrat';

type Commune = Carte['communes'][number];
export type Classe = 'proche' | 'portee' | 'hors';

/** Within half the limit, within the limit, beyond it (or no site at all). */
export const classeDe = (distanceKm: number | null, limiteKm: number): Classe =>
  distanceKm === null || distanceKm > limiteKm ? 'hors' : distanceKm <= limiteKm / 2 ? 'proche' : 'portee';

export const COULEURS: Record<Classe, string> = { proche: '#1b6e3a', portee: '#d08a00', hors: '#b3261e' };

const LARGEUR = 640;
const MARGE = 12;

export function CarteCouverture({
  carte,
  choisir,
  choisie,
}: {
  carte: Carte;
  /** A commune clicked on the map (the same choice is offered by name in the form beside it). */
  choisir?: (c: Commune) => void;
  choisie?: string | null;
}) {
  const lats = carte.communes.map((c) => c.latitude);
  const lngs = carte.communes.map((c) => c.longitude);
  const [latMin, latMax, lngMin, lngMax] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const kx = Math.cos((((latMin + latMax) / 2) * Math.PI) / 180);
  const echelle = (LARGEUR - 2 * MARGE) / Math.max((lngMax - lngMin) * kx, 1e-6);
  const hauteur = Math.round((latMax - latMin) * echelle + 2 * MARGE);
  const x = (lng: number) => MARGE + (lng - lngMin) * kx * echelle;
  const y = (lat: number) => MARGE + (latMax - lat) * echelle;
  const horsPortee = carte.communes.filter((c) => classeDe(c.distanceKm, carte.limiteKm) === 'hors').length;
  return (
    <figure className="carte-couverture">
      <svg
        viewBox={`0 0 ${LARGEUR} ${hauteur}`}
        role="img"
        aria-labelledby="titre-carte-couverture"
        style={{ width: '100%', maxWidth: `${LARGEUR}px`, height: 'auto' }}
      >
        <title id="titre-carte-couverture">
          {`Carte des ${carte.communes.length} communes et des ${carte.lieux.length} lieux d’accueil ; ${horsPortee} communes au-delà de ${carte.limiteKm} km (liste dans le tableau).`}
        </title>
        {carte.communes.map((c) => (
          <circle
            key={c.code}
            data-commune={c.code}
            data-classe={classeDe(c.distanceKm, carte.limiteKm)}
            cx={x(c.longitude)}
            cy={y(c.latitude)}
            r={c.code === choisie ? 6 : 3.5}
            fill={COULEURS[classeDe(c.distanceKm, carte.limiteKm)]}
            stroke={c.code === choisie ? '#000' : 'none'}
            style={choisir ? { cursor: 'pointer' } : undefined}
            onClick={choisir ? () => choisir(c) : undefined}
          >
            <title>
              {c.distanceKm === null
                ? `${c.nom} : aucun lieu d’accueil`
                : `${c.nom} : ${c.distanceKm.toLocaleString('fr-FR')} km de ${c.lieuLePlusProche}`}
            </title>
          </circle>
        ))}
        {carte.lieux.map((l) => (
          <rect
            key={l.id}
            data-lieu={l.id}
            x={x(l.longitude) - (l.simule ? 7 : 4)}
            y={y(l.latitude) - (l.simule ? 7 : 4)}
            width={l.simule ? 14 : 8}
            height={l.simule ? 14 : 8}
            fill={l.simule ? '#7b2cbf' : '#fff'}
            stroke="#1e1e1e"
            strokeWidth={1.5}
            pointerEvents="none"
          >
            <title>{l.nom}</title>
          </rect>
        ))}
      </svg>
      <figcaption>
        <ul className="legende-carte">
          <li>
            <Pastille couleur={COULEURS.proche} /> à {(carte.limiteKm / 2).toLocaleString('fr-FR')} km au plus d’un lieu
          </li>
          <li>
            <Pastille couleur={COULEURS.portee} /> entre {(carte.limiteKm / 2).toLocaleString('fr-FR')} et{' '}
            {carte.limiteKm.toLocaleString('fr-FR')} km
          </li>
          <li>
            <Pastille couleur={COULEURS.hors} /> au-delà de {carte.limiteKm.toLocaleString('fr-FR')} km
          </li>
          <li>
            <svg width="12" height="12" aria-hidden="true">
              <rect x="1" y="1" width="10" height="10" fill="#fff" stroke="#1e1e1e" strokeWidth="1.5" />
            </svg>{' '}
            lieu d’accueil
          </li>
          {carte.lieux.some((l) => l.simule) && (
            <li>
              <svg width="12" height="12" aria-hidden="true">
                <rect x="1" y="1" width="10" height="10" fill="#7b2cbf" stroke="#1e1e1e" strokeWidth="1.5" />
              </svg>{' '}
              lieu envisagé (non enregistré)
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}

const Pastille = ({ couleur }: { couleur: string }) => (
  <svg width="12" height="12" aria-hidden="true">
    <circle cx="6" cy="6" r="5" fill={couleur} />
  </svg>
);
