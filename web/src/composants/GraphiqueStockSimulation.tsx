/**
 * The backlog of a what-if simulation month by month, both scenarios on one chart (Recharts, loaded lazily by the
 * screen; the table beside it carries the values). One image: Recharts' keyboard layer is off.
 */
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

export interface PointStock {
  mois: string;
  designationA: number;
  designationB: number;
  accompagnementA: number;
  accompagnementB: number;
}

const TEXTE = 'var(--texte)';

export default function GraphiqueStockSimulation({ points, titre }: { points: PointStock[]; titre: string }) {
  return (
    <div role="img" aria-label={`${titre} (détail dans le tableau)`}>
      <LineChart
        responsive
        style={{ width: '100%', maxWidth: 760, height: 300 }}
        data={points}
        margin={{ left: 8, right: 24, top: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="mois" tick={{ fill: TEXTE }} />
        <YAxis allowDecimals={false} tick={{ fill: TEXTE }} />
        <Tooltip />
        <Legend />
        <Line
          dataKey="designationA"
          name="A — en attente de référent"
          stroke="var(--erreur)"
          strokeDasharray="6 3"
          isAnimationActive={false}
        />
        <Line
          dataKey="designationB"
          name="B — en attente de référent"
          stroke="var(--erreur)"
          isAnimationActive={false}
        />
        <Line
          dataKey="accompagnementA"
          name="A — en accompagnement"
          stroke="var(--principale)"
          strokeDasharray="6 3"
          isAnimationActive={false}
        />
        <Line
          dataKey="accompagnementB"
          name="B — en accompagnement"
          stroke="var(--principale)"
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}
