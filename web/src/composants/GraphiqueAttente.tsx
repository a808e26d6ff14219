/**
 * Parcours waiting at each step, split into on-time and late: stacked horizontal bars (Recharts, loaded on
 * demand), with the same figures in a table (screen readers, exact values) shown at once.
 */
import { lazy, Suspense } from 'react';
import { Tableau } from './ui';
import type { BarreAttente } from './GraphiquesPilotage';

const BarresAttente = lazy(() => import('./GraphiquesPilotage').then((m) => ({ default: m.BarresAttente })));

export function GraphiqueAttente({ donnees }: { donnees: BarreAttente[] }) {
  return (
    <figure>
      <Suspense fallback={<p className="discret">Chargement du graphique…</p>}>
        <BarresAttente
          donnees={donnees}
          titre="Parcours en attente à chaque étape, dans les délais et en retard (détail dans le tableau)"
        />
      </Suspense>
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
