/**
 * Import of a communes file with coordinates (data.gouv.fr's « Communes et villes de France »): what it would
 * change for the département's communes, row by row — new communes, names and points changed, unchanged,
 * errors in French named by the file's headers; other départements' rows counted and left — then, once
 * confirmed, every change applied in one transaction, each journaled (objet `commune`). A commune is never
 * removed; a new one has no territoire until an administrator attaches it to one.
 */
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import { lireFichier, FichierIllisible } from './flux';
import {
  changementsCommune,
  colonnesCommunes,
  lireLigneCommune,
  SOURCE_POINT,
  type CommuneFichier,
} from '../domain/geo/fichier-communes';
import { emprise, dansEmprise } from '../domain/geo/emprise';
import { erreursPosition } from '../domain/organisation/lieux';
import { journaliser } from '../administration/journal';
import { verrouiller } from '../administration/territoires';

/** Rows of one file at most (the national file has about 35,000 communes and 2,500 déléguées). */
const LIGNES_MAX = 50_000;
/** Margin around the box of the département's communes known: a point may move a little past the outermost. */
const MARGE_DEPARTEMENT_KM = 5;

export type IssueCommune = 'ajout' | 'modification' | 'inchange' | 'erreur' | 'hors_departement' | 'ignoree';
export interface LigneCommune {
  /** Row number as a spreadsheet shows it (header = 1). */
  rang: number;
  issue: IssueCommune;
  code: string | null;
  nom: string | null;
  commune?: CommuneFichier;
  changements: string[];
  deplacementKm: number | null;
  erreurs: { champ: string; message: string }[];
}

/** What the journal keeps of a commune: what an import may change. */
const COMMUNE_IMPORTEE = {
  code: true,
  nom: true,
  latitude: true,
  longitude: true,
  sourcePoint: true,
  codesPostaux: true,
  population: true,
  epciSiren: true,
  epciNom: true,
} as const satisfies Prisma.CommuneSelect;

/** Each row of the file against the communes known: what an import would do with it. */
export async function analyserFichierCommunes(
  db: Db,
  codeInsee: string,
  contenu: Buffer,
  nomFichier: string,
): Promise<{ colonnesManquantes: string[]; lignes: LigneCommune[]; absentes: number }> {
  const [entetes = [], ...cellules] = await lireFichier(contenu, nomFichier);
  if (cellules.length > LIGNES_MAX)
    throw new FichierIllisible(`Au plus ${LIGNES_MAX} lignes par fichier (${cellules.length} reçues).`);
  const colonnes = colonnesCommunes(entetes);
  if (colonnes.manquantes.length) return { colonnesManquantes: colonnes.manquantes, lignes: [], absentes: 0 };
  const connues = new Map(
    (await db.commune.findMany({ where: { departement: codeInsee }, select: COMMUNE_IMPORTEE })).map((c) => [
      c.code,
      c,
    ]),
  );
  const boite = emprise(
    [...connues.values()].map((c) => ({ lat: c.latitude, lng: c.longitude })),
    MARGE_DEPARTEMENT_KM,
  );
  const nomCode = (champ: string) => colonnes.index.get(champ as never)?.entete ?? champ;
  const vus = new Map<string, number>();
  const lignes = cellules.map((c, i): LigneCommune => {
    const rang = i + 2;
    const lu = lireLigneCommune(colonnes, c);
    const base = { rang, code: null, nom: null, changements: [], deplacementKm: null, erreurs: [] };
    if ('ignoree' in lu) return { ...base, issue: 'ignoree' };
    if ('erreurs' in lu) return { ...base, issue: 'erreur', erreurs: lu.erreurs };
    const commune = lu.commune;
    const ligne = { ...base, code: commune.code, nom: commune.nom };
    // The national file covers every département: the others' communes are not this one's to change.
    if (commune.departement !== codeInsee) return { ...ligne, issue: 'hors_departement' };
    const premier = vus.get(commune.code);
    if (premier)
      return {
        ...ligne,
        issue: 'erreur',
        erreurs: [{ champ: '(ligne)', message: `Même commune qu’à la ligne ${premier}.` }],
      };
    vus.set(commune.code, rang);
    const connue = connues.get(commune.code);
    const point = { lat: commune.latitude, lng: commune.longitude };
    const erreurs = !boite
      ? []
      : connue
        ? erreursPosition(point, { lat: connue.latitude, lng: connue.longitude, nom: connue.nom }, boite)
        : dansEmprise(boite, point)
          ? []
          : [
              {
                champ: 'latitude',
                message: 'Ces coordonnées sont hors du département : vérifier latitude et longitude.',
              },
            ];
    if (erreurs.length)
      return {
        ...ligne,
        issue: 'erreur',
        erreurs: erreurs.map((e) => ({
          ...e,
          champ: nomCode(commune.sourcePoint === SOURCE_POINT.centre ? 'latitudeCentre' : 'latitudeMairie'),
        })),
      };
    if (!connue) return { ...ligne, issue: 'ajout', commune };
    const { changements, deplacementKm } = changementsCommune(connue, commune);
    return { ...ligne, issue: changements.length ? 'modification' : 'inchange', commune, changements, deplacementKm };
  });
  return { colonnesManquantes: [], lignes, absentes: [...connues.keys()].filter((c) => !vus.has(c)).length };
}

/** The columns of Commune a row writes (a field the file lacks is left as it is). */
function donnees(c: CommuneFichier) {
  return {
    nom: c.nom,
    latitude: c.latitude,
    longitude: c.longitude,
    sourcePoint: c.sourcePoint,
    ...(c.codesPostaux ? { codesPostaux: c.codesPostaux } : {}),
    ...(c.population !== undefined ? { population: c.population } : {}),
    ...(c.epci !== undefined ? { epciSiren: c.epci?.siren ?? null, epciNom: c.epci?.nom ?? null } : {}),
  };
}

/**
 * Applies every addition and change of an analysed file in one transaction, each journaled; errors are not.
 * Returns the département's communes that no territoire serves (new ones until they are attached).
 */
export async function appliquerFichierCommunes(
  db: Db,
  acteur: string,
  departement: string,
  codeInsee: string,
  lignes: LigneCommune[],
): Promise<{ sansTerritoire: number }> {
  return db.$transaction(
    async (tx) => {
      await verrouiller(tx, departement);
      for (const l of lignes) {
        if (l.issue !== 'ajout' && l.issue !== 'modification') continue;
        const c = l.commune!;
        const avant = await tx.commune.findUnique({ where: { code: c.code }, select: COMMUNE_IMPORTEE });
        const apres = await tx.commune.upsert({
          where: { code: c.code },
          create: { code: c.code, departement: codeInsee, codesPostaux: [], ...donnees(c) },
          update: donnees(c),
          select: COMMUNE_IMPORTEE,
        });
        await journaliser(tx, { agentId: acteur, objet: 'commune', objetId: c.code, avant, apres });
      }
      const servies = await tx.territoireCommune.findMany({
        where: { territoire: { departement } },
        select: { communeCode: true },
      });
      return {
        sansTerritoire: await tx.commune.count({
          where: { departement: codeInsee, code: { notIn: servies.map((s) => s.communeCode) } },
        }),
      };
    },
    { timeout: 120_000 },
  );
}
