import { ImportAvecApercu, LignesApercu } from '../composants/ImportAvecApercu';
import type { ApercuImportCommunes } from '../api/contrat';
import { nombre } from '../libelles';

const ISSUES: Record<ApercuImportCommunes['details'][number]['issue'], string> = {
  ajout: 'Nouvelle commune',
  modification: 'Modifiée',
  inchange: 'Inchangée',
  erreur: 'Refusée',
  hors_departement: 'Autre département',
  ignoree: 'Commune déléguée ou associée',
};
const CHAMPS: Record<string, string> = {
  nom: 'nom',
  coordonnees: 'coordonnées',
  codesPostaux: 'codes postaux',
  population: 'population',
  epci: 'intercommunalité',
};
const km = (d: number) => `${d.toLocaleString('fr-FR')} km`;

const bilan = (a: ApercuImportCommunes) =>
  [
    nombre(a.parIssue.ajout, 'commune nouvelle', 'communes nouvelles'),
    nombre(a.parIssue.modification, 'commune modifiée', 'communes modifiées'),
    nombre(a.parIssue.inchange, 'inchangée', 'inchangées'),
    nombre(a.parIssue.erreur, 'ligne refusée', 'lignes refusées'),
    ...(a.parIssue.hors_departement
      ? [nombre(a.parIssue.hors_departement, 'commune d’un autre département', 'communes d’autres départements')]
      : []),
    ...(a.parIssue.ignoree
      ? [nombre(a.parIssue.ignoree, 'commune déléguée ou associée ignorée', 'communes déléguées ou associées ignorées')]
      : []),
    ...(a.absentes
      ? [
          nombre(
            a.absentes,
            'commune du département absente du fichier (gardée)',
            'communes du département absentes du fichier (gardées)',
          ),
        ]
      : []),
  ].join(', ');

/** What a row changes on a known commune (how far its point moves), or that a new one needs its territoire. */
const changements = (d: ApercuImportCommunes['details'][number]) =>
  d.issue === 'ajout'
    ? 'Sans territoire : à rattacher à un territoire après l’import'
    : d.changements
        .map((c) =>
          c === 'coordonnees' && d.deplacementKm !== null
            ? `coordonnées (déplacées de ${km(d.deplacementKm)})`
            : (CHAMPS[c] ?? c),
        )
        .join(', ');

/**
 * The communes file of data.gouv.fr (« Communes et villes de France », CSV or XLSX): checked first, row by row,
 * then applied at once; only the département's communes are read.
 */
export function ImportCommunes({ fini }: { fini: () => void }) {
  return (
    <ImportAvecApercu<ApercuImportCommunes>
      id="import-communes"
      titre="Importer un fichier des communes"
      chemin="/administration/communes/import"
      bilan={bilan}
      detail={(a) => (
        <LignesApercu
          legende="Communes nouvelles, modifiées ou refusées"
          objet="Commune"
          lignes={a.details}
          issues={ISSUES}
          changements={changements}
        />
      )}
      application="Les communes nouvelles et les noms, points, codes postaux et populations changés sont enregistrés ensemble, chacun dans l’historique de la commune ; les lignes refusées ne le sont pas, et aucune commune n’est retirée."
      titreSucces="Fichier des communes importé"
      succes={(a) =>
        `${bilan(a)}.${
          a.sansTerritoire
            ? ` ${nombre(a.sansTerritoire, 'commune du département n’est servie', 'communes du département ne sont servies')} par aucun territoire : rattachez-les dans l’écran Territoires.`
            : ''
        }`
      }
      fini={fini}
    >
      {() => (
        <p>
          Fichier « Communes et villes de France » de data.gouv.fr (CSV ou XLSX, 30 Mo au plus ; ses noms de colonnes :
          code_insee, nom_standard, dep_code, latitude_centre et longitude_centre — à défaut latitude_mairie et
          longitude_mairie —, et au choix typecom, codes_postaux, population, epci_code, epci_nom). Seules les communes
          du département sont lues ; le fichier est d’abord vérifié : rien n’est enregistré avant la confirmation. Les
          points des communes servent au calcul de la couverture et des lieux les plus proches.
        </p>
      )}
    </ImportAvecApercu>
  );
}
