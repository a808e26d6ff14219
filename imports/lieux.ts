/**
 * Imports of official lists of lieux d'accueil (the ANCT France services list, a département's own list of
 * sites): what the file would change, row by row — added, changed, unchanged, errors in French named by the
 * file's headers — then, once confirmed, every change applied in one transaction and journaled.
 */
import type { Db } from '../infra/prisma';
import { lireFichier, FichierIllisible } from './flux';
import {
  CHAMPS_IMPORTES,
  SOURCE_LISTE,
  champsChanges,
  colonnesDe,
  enteteDe,
  lireLigneLieu,
  type ErreurLigneLieu,
  type FormatListeLieux,
  type LieuListe,
} from '../domain/organisation/listes-lieux';
import { changerLieu, ecrireLieu, placement } from '../administration/lieux';

/** Rows of one list at most (the national list of France services has about 2,800). */
const LIGNES_MAX = 10_000;

export type IssueLieu = 'ajout' | 'modification' | 'inchange' | 'erreur' | 'hors_departement';
export interface LigneLieu {
  /** Row number as a spreadsheet shows it (header = 1). */
  rang: number;
  issue: IssueLieu;
  lieu?: LieuListe;
  nom: string | null;
  changements: string[];
  erreurs: ErreurLigneLieu[];
}

/** Each row of the file against the lieux known: what an import would do with it. */
export async function analyserListeLieux(
  db: Db,
  codeInsee: string,
  format: FormatListeLieux,
  contenu: Buffer,
  nomFichier: string,
): Promise<{ colonnesManquantes: string[]; lignes: LigneLieu[] }> {
  const [entetes = [], ...cellules] = await lireFichier(contenu, nomFichier);
  if (cellules.length > LIGNES_MAX)
    throw new FichierIllisible(`Au plus ${LIGNES_MAX} lignes par fichier (${cellules.length} reçues).`);
  const colonnes = colonnesDe(format, entetes);
  if (colonnes.manquantes.length) return { colonnesManquantes: colonnes.manquantes, lignes: [] };
  const place = await placement(db, codeInsee);
  const entete = (champ: string) => enteteDe(colonnes, champ);
  const lues = cellules.map((c, i) => ({ rang: i + 2, lu: lireLigneLieu(colonnes, c) }));
  const ids = lues.flatMap((l) => ('lieu' in l.lu ? [l.lu.lieu.id] : []));
  const connus = new Map((await db.lieuAccueil.findMany({ where: { id: { in: ids } } })).map((l) => [l.id, l]));
  const vus = new Map<string, number>();
  const lignes = lues.map(({ rang, lu }): LigneLieu => {
    if ('erreurs' in lu) return { rang, issue: 'erreur', nom: null, changements: [], erreurs: lu.erreurs };
    const lieu = lu.lieu;
    const base = { rang, nom: lieu.nom, changements: [] as string[], erreurs: [] as ErreurLigneLieu[] };
    const position = place(lieu.communeCode, lieu);
    // The national list covers every département: others' sites are not this list's business.
    if ('erreurs' in position && format === 'france_services' && position.erreurs[0]!.champ === 'communeCode')
      return { ...base, issue: 'hors_departement' };
    if ('erreurs' in position)
      return { ...base, issue: 'erreur', erreurs: position.erreurs.map((e) => ({ ...e, champ: entete(e.champ) })) };
    const premier = vus.get(lieu.id);
    if (premier)
      return {
        ...base,
        issue: 'erreur',
        erreurs: [{ champ: '(ligne)', message: `Même lieu qu’à la ligne ${premier}.` }],
      };
    vus.set(lieu.id, rang);
    const connu = connus.get(lieu.id);
    const nouveau = { ...lieu, ...position.position };
    if (!connu) return { ...base, issue: 'ajout', lieu: nouveau };
    const changements = champsChanges(connu, nouveau);
    return { ...base, issue: changements.length ? 'modification' : 'inchange', lieu: nouveau, changements };
  });
  // A known id whose lieu is another département's: not this département's to change.
  const autres = await db.commune.findMany({
    where: {
      code: {
        in: lignes.flatMap((l) =>
          l.issue === 'modification' || l.issue === 'inchange' ? [connus.get(l.lieu!.id)!.communeCode] : [],
        ),
      },
      departement: { not: codeInsee },
    },
    select: { code: true },
  });
  const ailleurs = new Set(autres.map((c) => c.code));
  return {
    colonnesManquantes: [],
    lignes: lignes.map((l) =>
      l.lieu && connus.has(l.lieu.id) && ailleurs.has(connus.get(l.lieu.id)!.communeCode)
        ? {
            ...l,
            issue: 'erreur',
            lieu: undefined,
            changements: [],
            erreurs: [{ champ: entete('id'), message: 'Cet identifiant est celui d’un lieu d’un autre département.' }],
          }
        : l,
    ),
  };
}

/** Applies every addition and change of an analysed list in one transaction, each journaled; errors are not. */
export async function appliquerListeLieux(
  db: Db,
  acteur: string,
  codeInsee: string,
  format: FormatListeLieux,
  lignes: LigneLieu[],
): Promise<void> {
  await db.$transaction(
    async (tx) => {
      const place = await placement(tx, codeInsee);
      for (const l of lignes) {
        if (l.issue === 'ajout')
          await ecrireLieu(tx, acteur, codeInsee, { ...l.lieu!, actif: true, source: SOURCE_LISTE[format] }, place);
        if (l.issue === 'modification') {
          const { id, ...champs } = l.lieu!;
          const modification = Object.fromEntries(CHAMPS_IMPORTES.map((k) => [k, champs[k]]));
          await changerLieu(tx, acteur, codeInsee, id, modification, place);
        }
      }
    },
    { timeout: 60_000 },
  );
}
