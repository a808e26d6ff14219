/**
 * Official lists of lieux d'accueil read row by row: the ANCT list of France services (its own field names, as
 * data/geo/france-services-27-45.json keeps them) and a département's own list of sites (French headers). Each
 * row becomes a lieu checked by the same schema as the API's, or the reasons it cannot, named by the file's
 * own headers.
 */
import { identifiant, z } from '../validation';
import { normaliserEntete } from '../flux/ligne';
import { franceServicesSourceSchema, type FranceServicesSource } from '../geo/sources';
import { JOURS_OUVERTURE, champsLieu } from './lieux';
import { LIBELLE_TYPE_LIEU, TYPES_LIEU, type TypeLieu } from './referentiel';

export const FORMATS_LISTE_LIEUX = ['france_services', 'departement'] as const;
export type FormatListeLieux = (typeof FORMATS_LISTE_LIEUX)[number];
export const LIBELLE_FORMAT_LISTE: Record<FormatListeLieux, string> = {
  france_services: 'Liste nationale des France services (ANCT)',
  departement: 'Liste des sites du département',
};
/** The data origin (LieuAccueil.source) of each list's lieux. */
export const SOURCE_LISTE: Record<FormatListeLieux, string> = {
  france_services: 'anct-france-services',
  departement: 'liste-departement',
};

/** A lieu read from a list: its stable id (the key that tells an addition from a change) and its fields. */
export const lieuListeSchema = z.object({ id: identifiant, ...champsLieu });
export type LieuListe = z.infer<typeof lieuListeSchema>;

/** A France services site of the ANCT list as a lieu (also what the shipped geography's import writes). */
export function lieuDeFranceServices(s: FranceServicesSource) {
  return {
    id: `fs-${s.id_fs}`,
    type: 'france_services' as const,
    nom: s.lib_fs,
    adresse:
      [s.adresse, s.complement_adresse, [s.code_postal, s.lib_com].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ') || null,
    communeCode: s.insee_com,
    latitude: s.latitude,
    longitude: s.longitude,
    horaires: Object.fromEntries(JOURS_OUVERTURE.map((j) => [j, s[`h_${j}`]])) as Record<
      (typeof JOURS_OUVERTURE)[number],
      string
    >,
    telephone: s.telephone || null,
    email: s.mail || null,
  };
}

const CHAMPS_ANCT = Object.keys(franceServicesSourceSchema.shape) as (keyof FranceServicesSource)[];
/** Which ANCT field a lieu field comes from (to name a row's error by the file's header). */
const CHAMP_ANCT_DU_LIEU: Record<string, keyof FranceServicesSource> = {
  id: 'id_fs',
  nom: 'lib_fs',
  adresse: 'adresse',
  communeCode: 'insee_com',
  latitude: 'latitude',
  longitude: 'longitude',
  telephone: 'telephone',
  email: 'mail',
  ...Object.fromEntries(JOURS_OUVERTURE.map((j) => [`horaires.${j}`, `h_${j}`])),
};

/** The headers of a département's own list (any case, accents or punctuation). */
const COLONNES_DEPARTEMENT = {
  id: ['Identifiant'],
  type: ['Type'],
  nom: ['Nom'],
  adresse: ['Adresse'],
  communeCode: ['Code INSEE', 'Code commune', 'INSEE'],
  latitude: ['Latitude'],
  longitude: ['Longitude'],
  ...Object.fromEntries(JOURS_OUVERTURE.map((j) => [`horaires.${j}`, [j]])),
  telephone: ['Téléphone', 'Telephone'],
  email: ['Courriel', 'Adresse électronique', 'Email', 'Mail'],
} as Record<string, string[]>;
const REQUIS_DEPARTEMENT = ['type', 'nom', 'communeCode'];

/** A type as a département writes it: its label (« Site du département ») or its code. */
const TYPE_PAR_NOM = new Map<string, TypeLieu>(
  TYPES_LIEU.flatMap((t) => [
    [normaliserEntete(LIBELLE_TYPE_LIEU[t]), t],
    [normaliserEntete(t), t],
  ]),
);

const nombre = (v: string) => (v === '' ? null : Number(v.replace(',', '.')));
const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

export interface ErreurLigneLieu {
  champ: string;
  message: string;
}

export interface Colonnes {
  format: FormatListeLieux;
  /** Field → column index and header as the file writes it. */
  index: Map<string, { index: number; entete: string }>;
  manquantes: string[];
}

/** Where each field is in a file's header row; the required ones missing. */
export function colonnesDe(format: FormatListeLieux, entetes: string[]): Colonnes {
  const position = new Map(entetes.map((e, i) => [normaliserEntete(e), i]));
  const attendues: Record<string, string[]> =
    format === 'france_services' ? Object.fromEntries(CHAMPS_ANCT.map((c) => [c, [c]])) : COLONNES_DEPARTEMENT;
  const index = new Map<string, { index: number; entete: string }>();
  for (const [champ, noms] of Object.entries(attendues)) {
    const i = noms.map((n) => position.get(normaliserEntete(n))).find((x) => x !== undefined);
    if (i !== undefined) index.set(champ, { index: i, entete: entetes[i]! });
  }
  const requis =
    format === 'france_services' ? ['id_fs', 'lib_fs', 'insee_com', 'latitude', 'longitude'] : REQUIS_DEPARTEMENT;
  const manquantes = requis.map((c) => attendues[c]![0]!).filter((_, i) => !index.has(requis[i]!));
  return { format, index, manquantes };
}

/** The file's header of a lieu field (`horaires.lundi`, `communeCode`…), to name an error as the file does. */
export function enteteDe(c: Colonnes, champ: string): string {
  const colonne = c.format === 'france_services' ? (CHAMP_ANCT_DU_LIEU[champ] ?? champ) : champ;
  return c.index.get(colonne)?.entete ?? champ;
}

/** One row → a lieu, or its errors named by the file's headers. */
export function lireLigneLieu(c: Colonnes, cellules: string[]): { lieu: LieuListe } | { erreurs: ErreurLigneLieu[] } {
  const cellule = (champ: string) => (cellules[c.index.get(champ)?.index ?? -1] ?? '').trim();
  let brut: Record<string, unknown>;
  if (c.format === 'france_services') {
    const source = franceServicesSourceSchema.safeParse(
      Object.fromEntries([...c.index.keys()].map((k) => [k, cellule(k) || null])),
    );
    if (!source.success)
      return {
        erreurs: source.error.issues.map((i) => ({
          champ: c.index.get(String(i.path[0]))?.entete ?? String(i.path[0]),
          message: i.message,
        })),
      };
    brut = lieuDeFranceServices(source.data);
  } else {
    const type = cellule('type');
    const [nom, communeCode] = [cellule('nom'), cellule('communeCode')];
    brut = {
      id: cellule('id') || `liste-${slug(nom)}-${slug(communeCode)}`,
      type: TYPE_PAR_NOM.get(normaliserEntete(type)) ?? type,
      nom,
      adresse: cellule('adresse') || null,
      communeCode,
      latitude: nombre(cellule('latitude')),
      longitude: nombre(cellule('longitude')),
      horaires: Object.fromEntries(JOURS_OUVERTURE.map((j) => [j, cellule(`horaires.${j}`)])),
      telephone: cellule('telephone') || null,
      email: cellule('email') || null,
    };
  }
  const r = lieuListeSchema.safeParse(brut);
  if (r.success) return { lieu: r.data };
  return {
    erreurs: r.error.issues.map((i) => ({ champ: enteteDe(c, i.path.map(String).join('.')), message: i.message })),
  };
}

/** The fields an import may change on a lieu (never its state: a site an administrator deactivated stays so). */
export const CHAMPS_IMPORTES = [
  'type',
  'nom',
  'adresse',
  'communeCode',
  'latitude',
  'longitude',
  'horaires',
  'telephone',
  'email',
] as const;

/** Which of those fields differ between the lieu known and the row. */
export function champsChanges(
  connu: Record<(typeof CHAMPS_IMPORTES)[number], unknown>,
  nouveau: Record<(typeof CHAMPS_IMPORTES)[number], unknown>,
): string[] {
  const egal = (a: unknown, b: unknown) =>
    a && b && typeof a === 'object' && typeof b === 'object'
      ? JOURS_OUVERTURE.every(
          (j) => ((a as Record<string, string>)[j] ?? '') === ((b as Record<string, string>)[j] ?? ''),
        )
      : (a ?? null) === (b ?? null);
  return CHAMPS_IMPORTES.filter((k) => !egal(connu[k], nouveau[k]));
}
