/**
 * Charts of the pilotage figures (Recharts), each a picture beside its table: the table carries the exact
 * values for screen readers and copy, the chart the shape at a glance.
 */
import { Bar, BarChart, CartesianGrid, LabelList, Rectangle, Sankey, Tooltip, XAxis, YAxis } from 'recharts';
import { ETAPES, libelleEtape, LIBELLE_MOTIF_CLOTURE } from '../libelles';

const COULEUR = 'var(--couleur-principale, #1f5f3f)';

/** Share of délais kept per rule, as horizontal bars (0–100 %). */
export function GraphiqueRespect({ lignes }: { lignes: { libelle: string; part: number }[] }) {
  if (!lignes.length) return null;
  return (
    <figure role="img" aria-label="Part des délais tenus par règle (détail dans le tableau)">
      <BarChart
        width={640}
        height={40 + lignes.length * 36}
        data={lignes.map((l) => ({ ...l, pourcent: Math.round(l.part * 100) }))}
        layout="vertical"
        margin={{ left: 16, right: 48 }}
      >
        <CartesianGrid horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit=" %" />
        <YAxis type="category" dataKey="libelle" width={260} />
        <Tooltip formatter={(v) => [`${String(v)} %`, 'Délais tenus']} />
        <Bar dataKey="pourcent" fill={COULEUR} isAnimationActive={false}>
          <LabelList dataKey="pourcent" position="right" formatter={(v) => `${String(v)} %`} />
        </Bar>
      </BarChart>
    </figure>
  );
}

const libelleNoeud = (n: string) =>
  n.startsWith('fin:')
    ? `Clos : ${LIBELLE_MOTIF_CLOTURE[n.slice(4) as keyof typeof LIBELLE_MOTIF_CLOTURE] ?? n.slice(4)}`
    : libelleEtape(n);

/**
 * Flows between steps as a Sankey diagram. A flow back to an earlier step (a réorientation) would make a cycle,
 * which a Sankey cannot draw: those stay in the table only.
 */
export function DiagrammeFlux({ flux }: { flux: { de: string; vers: string; n: number }[] }) {
  const rang = (e: string) => ETAPES.indexOf(e as (typeof ETAPES)[number]);
  const cle = (vers: string) => (rang(vers) >= 0 ? vers : `fin:${vers}`);
  const avant = flux.filter((f) => f.n > 0 && rang(f.de) >= 0 && (rang(f.vers) < 0 || rang(f.vers) > rang(f.de)));
  const noeuds = [...new Set(avant.flatMap((f) => [f.de, cle(f.vers)]))];
  if (!avant.length) return null;
  return (
    <figure role="img" aria-label="Flux de parcours entre les étapes (détail dans le tableau)">
      <Sankey
        width={720}
        height={360}
        data={{
          nodes: noeuds.map((n) => ({ name: libelleNoeud(n) })),
          links: avant.map((f) => ({ source: noeuds.indexOf(f.de), target: noeuds.indexOf(cle(f.vers)), value: f.n })),
        }}
        nodePadding={24}
        margin={{ left: 8, right: 180, top: 8, bottom: 8 }}
        node={<Rectangle fill={COULEUR} />}
        link={{ stroke: COULEUR, strokeOpacity: 0.25 }}
      >
        <Tooltip />
      </Sankey>
    </figure>
  );
}
