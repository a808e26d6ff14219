/** The administration journal of one object (agent, territoire…): who changed what, when, before → after. */
import { Donnees, useDonnees } from './Donnees';
import { Tableau } from './ui';
import type { HistoriqueAdministration as Historique } from '../api/contrat';
import { dateHeure } from '../libelles';

type Formats = Record<string, (v: unknown) => string>;

/** What changed between before and after, as an administrator reads it. */
function difference(
  avant: Record<string, unknown> | null,
  apres: Record<string, unknown>,
  libelles: Record<string, string>,
  formats: Formats,
): string {
  if (!avant) return 'Création';
  return Object.keys(apres)
    .filter((k) => k !== 'id' && JSON.stringify(avant[k]) !== JSON.stringify(apres[k]))
    .map((k) => {
      const f = formats[k] ?? ((v: unknown) => (typeof v === 'string' && v ? v : '—'));
      return `${libelles[k] ?? k} : ${f(avant[k])} → ${f(apres[k])}`;
    })
    .join(' ; ');
}

export function HistoriqueAdministration({
  chemin,
  libelles,
  formats = {},
}: {
  chemin: string;
  libelles: Record<string, string>;
  formats?: Formats;
}) {
  const h = useDonnees<Historique>(chemin);
  return (
    <Donnees etat={h} vide={(d) => d.entrees.length === 0} messageVide="Aucun changement enregistré.">
      {(d) => (
        <Tableau
          legende="Historique des changements"
          entetes={['Date', 'Par', 'Changement']}
          lignes={d.entrees.map((e, i) => ({
            cle: `${e.le}-${i}`,
            cellules: [dateHeure(e.le), e.agent, difference(e.avant, e.apres, libelles, formats)],
          }))}
        />
      )}
    </Donnees>
  );
}
