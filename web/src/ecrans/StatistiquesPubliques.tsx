import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { ListeDeroulante, Tableau } from '../composants/ui';
import { DiagrammeFlux, GraphiqueRespect } from '../composants/GraphiquesPilotage';
import type { StatistiquesPubliques as Statistiques } from '../api/contrat';
import { libelleEtape, libelleIssueFlux } from '../libelles';

const DEPARTEMENT = 'departement';
const moisFr = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const mois = (aaaaMm: string) => moisFr.format(new Date(`${aaaaMm}-01T00:00:00Z`));
const masque = (n: number | null, format: (x: number) => string = String) => (n === null ? 'secret' : format(n));
const pourcent = (x: number) => `${Math.round(x * 100)} %`;
const jours = (x: number) => `${x.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} j`;

/**
 * The département's public statistics (no sign-in, as rdv-insertion publishes its own): délais per step, délais
 * kept per rule, flows between steps, for the département or one territoire. Aggregates only; small cells hidden.
 */
export default function StatistiquesPubliques() {
  const stats = useDonnees<Statistiques>('/public/statistiques');
  const [groupe, setGroupe] = useState(DEPARTEMENT);
  return (
    <>
      <h1>Statistiques publiques</h1>
      <Donnees etat={stats}>
        {(s) => {
          const territoires = [...new Map(s.delaisEtapes.filter((l) => l.groupe).map((l) => [l.groupe, l.libelle]))];
          const g = groupe === DEPARTEMENT ? '' : groupe;
          const delais = s.delaisEtapes.filter((l) => l.groupe === g);
          const respect = s.respectDelais.filter((l) => l.groupe === g);
          return (
            <>
              <p>
                Parcours d’accompagnement social de {mois(s.du)} à {mois(s.au)}. Chiffres agrégés, sans donnée
                personnelle : une case qui compte moins de {s.seuilSecret} parcours est indiquée « secret ».
              </p>
              <ListeDeroulante
                id="statistiques-territoire"
                label="Territoire"
                valeur={groupe}
                changer={setGroupe}
                options={[
                  { valeur: DEPARTEMENT, libelle: 'Tout le département' },
                  ...territoires.map(([valeur, libelle]) => ({ valeur, libelle })),
                ]}
              />
              <h2>Délais tenus</h2>
              {respect.length === 0 && <p>Aucun délai terminé sur la période.</p>}
              <GraphiqueRespect
                lignes={respect.flatMap((l) =>
                  l.partDansDelai === null ? [] : [{ libelle: l.libelleDelai, part: l.partDansDelai }],
                )}
              />
              <Tableau
                legende="Délais tenus par règle"
                entetes={['Règle', 'Délais terminés', 'Dont tenus', 'Part tenue']}
                lignes={respect.map((l) => ({
                  cle: l.delai,
                  cellules: [
                    l.libelleDelai,
                    masque(l.termines),
                    masque(l.dansDelai),
                    masque(l.partDansDelai, pourcent),
                  ],
                }))}
              />
              <h2>Durée de chaque étape</h2>
              <Tableau
                legende="Durée des étapes franchies"
                entetes={['Étape', 'Étapes franchies', 'Durée médiane', '9 parcours sur 10 en moins de']}
                lignes={delais.map((l) => ({
                  cle: l.etape,
                  cellules: [
                    libelleEtape(l.etape),
                    masque(l.passages),
                    masque(l.medianeJours, jours),
                    masque(l.p90Jours, jours),
                  ],
                }))}
              />
              <h2>Parcours d’une étape à l’autre (tout le département)</h2>
              <DiagrammeFlux flux={s.flux.flatMap((f) => (f.n === null ? [] : [{ ...f, n: f.n }]))} />
              <Tableau
                legende="Passages d’une étape à la suivante"
                entetes={['De', 'Vers', 'Parcours']}
                lignes={s.flux.map((f) => ({
                  cle: `${f.de}-${f.vers}`,
                  cellules: [libelleEtape(f.de), libelleIssueFlux(f.vers), masque(f.n)],
                }))}
              />
            </>
          );
        }}
      </Donnees>
    </>
  );
}
