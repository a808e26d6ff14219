/**
 * Reading a partner's list (CSV or XLSX) into people: columns found through the département's mapping, each
 * row checked (French errors per row, named by the file's own headers), routed by its commune, and compared
 * with the people already known — what an import would do, before it does it.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import {
  cleIdentite,
  changements,
  lireLigne,
  reperer,
  type Correspondance,
  type ErreurLigne,
  type IssueLigne,
  type LigneFlux,
} from '../domain/flux/ligne';
import { routagesDuDepartement } from '../lecture/routage';

/** Rows of one file at most: the largest monthly list of a département, with room. */
export const LIGNES_MAX = 50_000;

export class FichierIllisible extends Error {}

/** The cells of a CSV (`;` or `,`, with or without BOM) or XLSX (first sheet) file, header row first. */
export async function lireFichier(contenu: Buffer, nomFichier: string): Promise<string[][]> {
  if (/\.xlsx$/i.test(nomFichier)) {
    const classeur = new ExcelJS.Workbook();
    try {
      await classeur.xlsx.load(contenu as unknown as ArrayBuffer);
    } catch {
      throw new FichierIllisible('Fichier XLSX illisible.');
    }
    const feuille = classeur.worksheets[0];
    if (!feuille) throw new FichierIllisible('Le classeur ne contient aucune feuille.');
    const lignes: string[][] = [];
    feuille.eachRow({ includeEmpty: false }, (row) => {
      const cellules: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value;
        // Dates typed as dates in a spreadsheet come as Date objects (midnight UTC): their calendar day.
        cellules[col - 1] = v instanceof Date ? v.toISOString().slice(0, 10) : cell.text;
      });
      lignes.push(Array.from(cellules, (c) => c ?? ''));
    });
    return lignes;
  }
  if (!/\.(csv|txt)$/i.test(nomFichier)) throw new FichierIllisible('Format attendu : CSV ou XLSX.');
  const texte = contenu.toString('utf8');
  if (texte.includes('\uFFFD')) throw new FichierIllisible('Le fichier CSV doit être encodé en UTF-8.');
  const premiere = texte.slice(0, texte.indexOf('\n') >>> 0);
  try {
    return parse(texte, {
      bom: true,
      delimiter: premiere.split(';').length >= premiere.split(',').length ? ';' : ',',
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (err) {
    throw new FichierIllisible(`CSV illisible : ${(err as Error).message}`);
  }
}

export interface LigneAnalysee {
  /** Row number as a spreadsheet shows it (header = 1). */
  rang: number;
  ligne?: LigneFlux;
  routage?: { territoireId: string; equipeId: string };
  erreurs?: ErreurLigne[];
}

export interface Analyse {
  empreinte: string;
  colonnesReconnues: string[];
  colonnesManquantes: string[];
  lignes: LigneAnalysee[];
}

/** Every row checked and routed; a person twice in one file is refused the second time. */
export async function analyserFichier(
  db: Db,
  departement: string,
  correspondance: Correspondance,
  contenu: Buffer,
  nomFichier: string,
): Promise<Analyse> {
  const [entetes = [], ...cellules] = await lireFichier(contenu, nomFichier);
  if (cellules.length > LIGNES_MAX)
    throw new FichierIllisible(`Au plus ${LIGNES_MAX} lignes par fichier (${cellules.length} reçues).`);
  const { colonnes, manquantes } = reperer(entetes, correspondance);
  const requis = ['nom', 'prenom', 'communeCode', ...correspondance.requis] as const;
  const router = await routagesDuDepartement(db, departement);
  const vues = new Map<string, number>();
  const lignes = cellules.map((c, i): LigneAnalysee => {
    const rang = i + 2;
    if (manquantes.length) return { rang, erreurs: [{ champ: '(fichier)', message: 'Colonnes requises absentes.' }] };
    const lu = lireLigne(c, colonnes, requis);
    if ('erreurs' in lu) return { rang, erreurs: lu.erreurs };
    const routage = router(lu.ligne.communeCode);
    if (!routage)
      return {
        rang,
        erreurs: [{ champ: colonnes.get('communeCode')!.entete, message: 'Commune hors du département.' }],
      };
    const cle = cleIdentite(lu.ligne);
    const premier = vues.get(cle);
    if (premier) return { rang, erreurs: [{ champ: '(ligne)', message: `Même personne qu’à la ligne ${premier}.` }] };
    vues.set(cle, rang);
    return { rang, ligne: lu.ligne, routage };
  });
  return {
    empreinte: createHash('sha256').update(contenu).digest('hex'),
    colonnesReconnues: [...colonnes.values()].map((c) => c.entete),
    colonnesManquantes: manquantes.map((m) => correspondance.colonnes[m]?.[0] ?? m),
    lignes,
  };
}

/** A known person as an import compares them with a row. */
export interface UsagerConnu {
  id: string;
  nom: string;
  prenom: string;
  dateNaissance: Date | null;
  communeCode: string | null;
  telephone: string | null;
  email: string | null;
}

/**
 * The people imported rows designate, if known, in the rows' order: by allocataire number and role, else name
 * (case ignored) and birth date. One query per rule for the whole batch: an import looks up a lot at once.
 */
export async function usagersConnus(db: Db, lignes: LigneFlux[]): Promise<(UsagerConnu | null)[]> {
  const parAllocataire = lignes.flatMap((l, i) => (l.numeroAllocataire ? [i] : []));
  const parNom = lignes.flatMap((l, i) => (!l.numeroAllocataire && l.dateNaissance ? [i] : []));
  const trouves: (UsagerConnu | null)[] = lignes.map(() => null);
  if (parAllocataire.length) {
    const rows = await db.$queryRaw<(UsagerConnu & { i: number })[]>`
      SELECT k.i::int AS i, u."id"::text AS "id", u."nom", u."prenom", u."dateNaissance", u."communeCode",
             u."telephone", u."email"
      FROM unnest(${parAllocataire}::int[], ${parAllocataire.map((i) => lignes[i]!.numeroAllocataire!)}::text[],
                  ${parAllocataire.map((i) => lignes[i]!.roleAllocataire ?? null)}::text[]) AS k(i, numero, role)
      JOIN "Usager" u ON u."numeroAllocataire" = k.numero AND u."roleAllocataire" IS NOT DISTINCT FROM k.role`;
    for (const { i, ...u } of rows) trouves[i] ??= u;
  }
  if (parNom.length) {
    const rows = await db.$queryRaw<(UsagerConnu & { i: number })[]>`
      SELECT DISTINCT ON (k.i) k.i::int AS i, u."id"::text AS "id", u."nom", u."prenom", u."dateNaissance",
             u."communeCode", u."telephone", u."email"
      FROM unnest(${parNom}::int[], ${parNom.map((i) => lignes[i]!.nom)}::text[],
                  ${parNom.map((i) => lignes[i]!.prenom)}::text[], ${parNom.map((i) => lignes[i]!.dateNaissance!)}::date[])
           AS k(i, nom, prenom, naissance)
      JOIN "Usager" u ON u."dateNaissance" = k.naissance AND lower(u."nom") = lower(k.nom)
        AND lower(u."prenom") = lower(k.prenom) AND u."anonymiseLe" IS NULL
      ORDER BY k.i, u."id"`;
    for (const { i, ...u } of rows) trouves[i] = u;
  }
  return trouves;
}

/** The person an imported row designates, if known (the rule of `usagersConnus`). */
export async function usagerConnu(db: Db, l: LigneFlux): Promise<UsagerConnu | null> {
  return (await usagersConnus(db, [l]))[0]!;
}

/** What importing this row would do (or did): nothing when the person is known, unchanged and followed. */
export async function issuePrevue(db: Db, l: LigneFlux): Promise<Exclude<IssueLigne, 'en_attente' | 'rejetee'>> {
  const connu = await usagerConnu(db, l);
  if (!connu) return 'creee';
  const suivi = await db.parcours.count({ where: { usagerId: connu.id, statut: { not: 'clos' } } });
  const champs = { ...connu, dateNaissance: connu.dateNaissance?.toISOString().slice(0, 10) ?? null };
  return suivi && !Object.keys(changements(champs, l)).length ? 'inchangee' : 'mise_a_jour';
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** What a staged row holds: the person as mapped and where the parcours goes. */
export interface LigneImportee {
  ligne: LigneFlux;
  routage: { territoireId: string; equipeId: string };
}

/**
 * Records an import and its rows before any is processed: the workflow then works from PostgreSQL (payloads
 * carry ids, not people), and rows refused at reading are reported with their errors.
 */
export async function enregistrerImport(
  db: Db,
  entete: { id: string; departement: string; source: string; nomFichier: string; acteur: string },
  analyse: Analyse,
): Promise<void> {
  // All or nothing: a PostgreSQL lost half-way leaves no import with part of its rows.
  await db.$transaction(
    async (tx) => {
      await tx.importFlux.createMany({ data: [{ ...entete, empreinte: analyse.empreinte }], skipDuplicates: true });
      for (let i = 0; i < analyse.lignes.length; i += 1000) {
        await tx.importFluxLigne.createMany({
          data: analyse.lignes.slice(i, i + 1000).map((l) => ({
            importId: entete.id,
            rang: l.rang,
            issue: l.ligne ? 'en_attente' : 'rejetee',
            donnees: l.ligne ? json({ ligne: l.ligne, routage: l.routage! } satisfies LigneImportee) : undefined,
            erreurs: l.erreurs ? json(l.erreurs) : undefined,
          })),
          skipDuplicates: true,
        });
      }
    },
    { timeout: 60_000 },
  );
}

export interface BilanImportFlux {
  total: number;
  parIssue: Record<IssueLigne, number>;
  /** Parcours started by the import whose accueil is not yet in the read model. */
  parcoursEnOuverture: number;
}

/** Rows of an import by issue (progress while it runs, the report when done). */
export async function bilanImport(db: Db, importId: string): Promise<BilanImportFlux> {
  const groupes = await db.importFluxLigne.groupBy({ by: ['issue'], where: { importId }, _count: true });
  const parIssue = { en_attente: 0, creee: 0, mise_a_jour: 0, inchangee: 0, rejetee: 0 };
  for (const g of groupes) parIssue[g.issue as IssueLigne] = g._count;
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM "ImportFluxLigne" l
    WHERE l."importId" = ${importId}::uuid AND l."parcoursId" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "Parcours" p WHERE p.id = l."parcoursId")`;
  return { total: Object.values(parIssue).reduce((a, b) => a + b, 0), parIssue, parcoursEnOuverture: n };
}
