/**
 * Charts of the pilotage figures (Recharts), each a picture beside its table: the table carries the exact
 * values for screen readers and copy, the chart the shape at a glance. Screens load this module lazily (it
 * holds Recharts): their tables show before it arrives. Each chart is one image (role img and its name), so
 * Recharts' keyboard layer is off: a focusable element inside an image would be read as nothing.
 */
import { Bar, BarChart, CartesianGrid, Legend, LabelList, Rectangle, Sankey, Tooltip, XAxis, YAxis } from 'recharts';
import { ETAPES, libelleEtape, libelleIssueFlux } from '../libelles';

/** A step's waiting parcours, split into on-time and late (the board's lateness chart and its table). */
export interface BarreAttente {
  libelle: string;
  nombre: number;
  enRetard: number;
  ageMaxJours: number | null;
}

/** The département's colours (web/src/identite.ts sets them from its configuration). */
const COULEUR = 'var(--principale)';
const COULEUR_RETARD = 'var(--erreur)';
const TEXTE = 'var(--texte)';

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
        accessibilityLayer={false}
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

/** Parcours waiting at each step, on time and late, as stacked horizontal bars. */
export function BarresAttente({ donnees, titre }: { donnees: BarreAttente[]; titre: string }) {
  return (
    <div role="img" aria-label={titre}>
      <BarChart
        responsive
        style={{ width: '100%', maxWidth: 640, height: 70 + donnees.length * 40 }}
        data={donnees.map((d) => ({ libelle: d.libelle, dansDelai: d.nombre - d.enRetard, enRetard: d.enRetard }))}
        layout="vertical"
        margin={{ left: 16, right: 32 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fill: TEXTE }} />
        <YAxis type="category" dataKey="libelle" width={190} tick={{ fill: TEXTE }} />
        <Tooltip />
        <Legend />
        <Bar dataKey="dansDelai" name="Dans les délais" stackId="attente" fill={COULEUR} isAnimationActive={false} />
        <Bar dataKey="enRetard" name="En retard" stackId="attente" fill={COULEUR_RETARD} isAnimationActive={false} />
      </BarChart>
    </div>
  );
}

/** A step of the diagram: its bar, and its name written beside it. */
function NoeudFlux(p: { x: number; y: number; width: number; height: number; payload: { name: string } }) {
  return (
    <g>
      <Rectangle x={p.x} y={p.y} width={p.width} height={p.height} fill={COULEUR} />
      <text x={p.x + p.width + 6} y={p.y + p.height / 2} dominantBaseline="middle" fill={TEXTE} fontSize={13}>
        {p.payload.name}
      </text>
    </g>
  );
}

const libelleNoeud = (n: string) => (n.startsWith('fin:') ? libelleIssueFlux(n.slice(4)) : libelleEtape(n));

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
        node={NoeudFlux}
        link={{ stroke: COULEUR, strokeOpacity: 0.25 }}
        accessibilityLayer={false}
      >
        <Tooltip />
      </Sankey>
    </figure>
  );
}
