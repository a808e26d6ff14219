/**
 * A communes file with coordinates in the shape of data.gouv.fr's « Communes et villes de France » CSV (its
 * column names: code_insee, nom_standard, typecom, dep_code, codes_postaux, population, epci_code, epci_nom,
 * latitude_centre/longitude_centre, latitude_mairie/longitude_mairie), read row by row: each row becomes a
 * commune checked with messages in French named by the file's headers, or the reason it is not one.
 */
import { codeCommune, texte, z } from '../validation';
import { normaliserEntete } from '../flux/ligne';
import { champsLieu } from '../organisation/lieux';
import { distanceKm } from './distance';

/** The file's columns of each field, the first one present wins (the centre of the commune before its mairie). */
const COLONNES = {
  code: ['code_insee'],
  nom: ['nom_standard'],
  typecom: ['typecom'],
  departement: ['dep_code'],
  codesPostaux: ['codes_postaux', 'code_postal'],
  population: ['population'],
  epciSiren: ['epci_code'],
  epciNom: ['epci_nom'],
  latitudeCentre: ['latitude_centre'],
  longitudeCentre: ['longitude_centre'],
  latitudeMairie: ['latitude_mairie'],
  longitudeMairie: ['longitude_mairie'],
} as const;
type Colonne = keyof typeof COLONNES;

/** Where the point of an imported commune comes from (Commune.sourcePoint). */
export const SOURCE_POINT = { centre: 'datagouv-communes-centre', mairie: 'datagouv-communes-mairie' } as const;

export const communeFichierSchema = z.object({
  code: codeCommune,
  departement: z.string().regex(/^(\d{2}|2[AB]|97\d)$/, 'Code du département attendu (ex. 45).'),
  nom: texte(150),
  latitude: champsLieu.latitude.unwrap(),
  longitude: champsLieu.longitude.unwrap(),
  sourcePoint: z.string(),
  codesPostaux: z.array(z.string()).optional(),
  population: z
    .number({ error: 'Population en nombre entier attendue.' })
    .int('Population en nombre entier attendue.')
    .min(0, 'Population positive attendue.')
    .nullable()
    .optional(),
  epci: z.object({ siren: z.string(), nom: z.string() }).nullable().optional(),
});
/** A commune read from the file; a field whose column the file lacks is absent (never changed). */
export type CommuneFichier = z.infer<typeof communeFichierSchema>;

export interface ColonnesCommunes {
  index: Map<Colonne, { index: number; entete: string }>;
  manquantes: string[];
}

/** Where each field is in the header row; the required columns missing (one pair of coordinates at least). */
export function colonnesCommunes(entetes: string[]): ColonnesCommunes {
  const position = new Map(entetes.map((e, i) => [normaliserEntete(e), i]));
  const index = new Map<Colonne, { index: number; entete: string }>();
  for (const [champ, noms] of Object.entries(COLONNES) as [Colonne, readonly string[]][]) {
    const i = noms.map((n) => position.get(normaliserEntete(n))).find((x) => x !== undefined);
    if (i !== undefined) index.set(champ, { index: i, entete: entetes[i]! });
  }
  const manquantes: string[] = (['code', 'nom', 'departement'] as const)
    .filter((c) => !index.has(c))
    .map((c) => COLONNES[c][0]);
  const paire = (lat: Colonne, lng: Colonne) => index.has(lat) && index.has(lng);
  if (!paire('latitudeCentre', 'longitudeCentre') && !paire('latitudeMairie', 'longitudeMairie'))
    manquantes.push('latitude_centre et longitude_centre (ou latitude_mairie et longitude_mairie)');
  return { index, manquantes };
}

const nombre = (v: string) => (v === '' ? null : Number(v.replace(',', '.')));

/** Which header a field's error is named by. */
const entete = (c: ColonnesCommunes, champ: string, centre: boolean): string => {
  const colonne: Record<string, Colonne> = {
    code: 'code',
    nom: 'nom',
    departement: 'departement',
    codesPostaux: 'codesPostaux',
    population: 'population',
    latitude: centre ? 'latitudeCentre' : 'latitudeMairie',
    longitude: centre ? 'longitudeCentre' : 'longitudeMairie',
  };
  return c.index.get(colonne[champ] ?? (champ as Colonne))?.entete ?? champ;
};

export type LigneCommuneLue =
  | { commune: CommuneFichier }
  | { erreurs: { champ: string; message: string }[] }
  /** Not a commune actuelle: a commune déléguée or associée, or a municipal arrondissement. */
  | { ignoree: true };

/** One row → a commune, or its errors named by the file's headers. */
export function lireLigneCommune(c: ColonnesCommunes, cellules: string[]): LigneCommuneLue {
  const cellule = (champ: Colonne) => (cellules[c.index.get(champ)?.index ?? -1] ?? '').trim();
  const typecom = cellule('typecom');
  if (typecom && typecom.toUpperCase() !== 'COM') return { ignoree: true };
  // The commune's centre when the row gives it, else its mairie.
  const centre =
    cellule('latitudeCentre') !== '' || cellule('longitudeCentre') !== '' || !c.index.has('latitudeMairie');
  const erreurs: { champ: string; message: string }[] = [];
  const brut: Record<string, unknown> = {
    code: cellule('code'),
    departement: cellule('departement'),
    nom: cellule('nom'),
    latitude: nombre(cellule(centre ? 'latitudeCentre' : 'latitudeMairie')),
    longitude: nombre(cellule(centre ? 'longitudeCentre' : 'longitudeMairie')),
    sourcePoint: centre ? SOURCE_POINT.centre : SOURCE_POINT.mairie,
  };
  if (c.index.has('codesPostaux')) {
    const valeur = cellule('codesPostaux');
    const codes = [...new Set(valeur.match(/\b\d{5}\b/g) ?? [])].sort();
    if (valeur && !codes.length)
      erreurs.push({ champ: 'codesPostaux', message: 'Codes postaux à 5 chiffres attendus.' });
    brut.codesPostaux = codes;
  }
  if (c.index.has('population')) brut.population = nombre(cellule('population'));
  if (c.index.has('epciSiren')) {
    const siren = cellule('epciSiren');
    brut.epci = /^\d{9}$/.test(siren) ? { siren, nom: cellule('epciNom') || siren } : null;
  }
  const r = communeFichierSchema.safeParse(brut);
  if (!r.success) erreurs.push(...r.error.issues.map((i) => ({ champ: String(i.path[0]), message: i.message })));
  const code = String(brut.code);
  if (r.success && !code.startsWith(r.data.departement))
    erreurs.push({
      champ: 'code',
      message: `Ce code INSEE n’est pas celui d’une commune du département ${r.data.departement}.`,
    });
  if (erreurs.length || !r.success)
    return { erreurs: erreurs.map((e) => ({ champ: entete(c, e.champ, centre), message: e.message })) };
  return { commune: r.data };
}

/** What an import compares on a commune already known. */
export interface CommuneConnue {
  nom: string;
  latitude: number;
  longitude: number;
  codesPostaux: string[];
  population: number | null;
  epciSiren: string | null;
}

/** Points within about a metre are the same point (files round coordinates differently). */
const MEME_POINT = 0.00001;

/** The fields the row changes on the commune known (`coordonnees` with how far the point moves). */
export function changementsCommune(
  connue: CommuneConnue,
  lue: CommuneFichier,
): { changements: string[]; deplacementKm: number | null } {
  const changements: string[] = [];
  if (connue.nom !== lue.nom) changements.push('nom');
  const bouge =
    Math.abs(connue.latitude - lue.latitude) > MEME_POINT || Math.abs(connue.longitude - lue.longitude) > MEME_POINT;
  if (bouge) changements.push('coordonnees');
  if (lue.codesPostaux && lue.codesPostaux.join() !== [...connue.codesPostaux].sort().join())
    changements.push('codesPostaux');
  if (lue.population !== undefined && lue.population !== connue.population) changements.push('population');
  if (lue.epci !== undefined && (lue.epci?.siren ?? null) !== connue.epciSiren) changements.push('epci');
  const deplacementKm = bouge
    ? Math.round(
        distanceKm({ lat: connue.latitude, lng: connue.longitude }, { lat: lue.latitude, lng: lue.longitude }) * 10,
      ) / 10
    : null;
  return { changements, deplacementKm };
}
