/**
 * How long parcours have waited at each step: horizontal bars in SVG (average, with the longest wait marked),
 * with the same figures in a table for screen readers and for reading exact values.
 */
export interface BarreAttente {
  libelle: string;
  moyenne: number;
  max: number;
  nombre: number;
  enRetard: number;
}

const LARGEUR = 640;
const GAUCHE = 200;
const HAUTEUR_BARRE = 28;

export function GraphiqueAttente({ donnees }: { donnees: BarreAttente[] }) {
  const echelle = Math.max(1, ...donnees.map((d) => d.max));
  const l = (j: number) => ((LARGEUR - GAUCHE - 90) * j) / echelle;
  const hauteur = donnees.length * (HAUTEUR_BARRE + 12) + 10;
  return (
    <figure className="fr-my-2w">
      <svg
        className="graphique-barres"
        viewBox={`0 0 ${LARGEUR} ${hauteur}`}
        role="img"
        aria-labelledby="graphique-attente-titre"
      >
        <title id="graphique-attente-titre">
          Attente moyenne dans chaque étape, en jours (le trait marque l’attente la plus longue)
        </title>
        {donnees.map((d, i) => {
          const y = 5 + i * (HAUTEUR_BARRE + 12);
          return (
            <g key={d.libelle}>
              <text x={GAUCHE - 8} y={y + HAUTEUR_BARRE / 2 + 5} textAnchor="end">
                {d.libelle}
              </text>
              <rect
                className={d.enRetard > 0 ? 'barre barre-retard' : 'barre'}
                x={GAUCHE}
                y={y}
                width={Math.max(2, l(d.moyenne))}
                height={HAUTEUR_BARRE}
              />
              <line
                x1={GAUCHE + l(d.max)}
                x2={GAUCHE + l(d.max)}
                y1={y - 3}
                y2={y + HAUTEUR_BARRE + 3}
                stroke="currentColor"
                strokeWidth={2}
              />
              <text
                x={GAUCHE + Math.max(l(d.moyenne), l(d.max)) + 8}
                y={y + HAUTEUR_BARRE / 2 + 5}
              >{`${d.moyenne.toLocaleString('fr-FR')} j`}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="fr-text--sm">Barre rouge : au moins un parcours en retard à cette étape.</figcaption>
      <div className="fr-table fr-table--no-caption fr-mt-1w">
        <table>
          <caption>Attente par étape (données du graphique)</caption>
          <thead>
            <tr>
              <th scope="col">Étape</th>
              <th scope="col">Parcours en attente</th>
              <th scope="col">Dont en retard</th>
              <th scope="col">Attente moyenne</th>
              <th scope="col">Attente la plus longue</th>
            </tr>
          </thead>
          <tbody>
            {donnees.map((d) => (
              <tr key={d.libelle}>
                <th scope="row">{d.libelle}</th>
                <td>{d.nombre}</td>
                <td>{d.enRetard}</td>
                <td>{d.moyenne.toLocaleString('fr-FR')} j</td>
                <td>{d.max.toLocaleString('fr-FR')} j</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
