/**
 * Parcours waiting at each step, split into on-time and late: horizontal stacked bars in SVG, with the same
 * figures in a table (screen readers, exact values).
 */
import { Tableau } from './ui';

export interface BarreAttente {
  libelle: string;
  nombre: number;
  enRetard: number;
  ageMaxJours: number | null;
}

const LARGEUR = 640;
const GAUCHE = 200;
const HAUTEUR_BARRE = 26;

export function GraphiqueAttente({ donnees }: { donnees: BarreAttente[] }) {
  const echelle = Math.max(1, ...donnees.map((d) => d.nombre));
  // Room on the right for the figures written after each bar.
  const l = (n: number) => ((LARGEUR - GAUCHE - 190) * n) / echelle;
  const hauteur = donnees.length * (HAUTEUR_BARRE + 12) + 10;
  return (
    <figure>
      <svg className="graphique" viewBox={`0 0 ${LARGEUR} ${hauteur}`} role="img" aria-labelledby="graphique-titre">
        <title id="graphique-titre">Parcours en attente à chaque étape, dont en retard (détail dans le tableau)</title>
        {donnees.map((d, i) => {
          const y = 5 + i * (HAUTEUR_BARRE + 12);
          const dansDelai = d.nombre - d.enRetard;
          return (
            <g key={d.libelle}>
              <text x={GAUCHE - 8} y={y + HAUTEUR_BARRE / 2 + 5} textAnchor="end">
                {d.libelle}
              </text>
              <rect className="barre" x={GAUCHE} y={y} width={l(dansDelai)} height={HAUTEUR_BARRE} />
              <rect
                className="barre barre-retard"
                x={GAUCHE + l(dansDelai)}
                y={y}
                width={l(d.enRetard)}
                height={HAUTEUR_BARRE}
              />
              <text x={GAUCHE + l(d.nombre) + 8} y={y + HAUTEUR_BARRE / 2 + 5}>
                {d.nombre} dont {d.enRetard} en retard
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="discret">Couleur du département : dans les délais ; rouge : en retard.</figcaption>
      <Tableau
        legende="Parcours en attente par étape (données du graphique)"
        entetes={['Étape', 'En attente', 'Dont en retard', 'Attente la plus longue']}
        lignes={donnees.map((d) => ({
          cle: d.libelle,
          cellules: [
            d.libelle,
            d.nombre,
            d.enRetard,
            d.ageMaxJours === null ? '—' : `${d.ageMaxJours.toLocaleString('fr-FR')} j`,
          ],
        }))}
      />
    </figure>
  );
}
