/**
 * A person of a partner's list (CAF, MSA: RSA beneficiaries; France Travail): the fields a département maps
 * its files' columns to, how a cell becomes a field, and what an import does with a person already known.
 */
import { usagerSchema } from '../usager';
import { accueilSchema } from '../parcours/commandes';
import { texte, z } from '../validation';

export const ligneFluxSchema = usagerSchema.extend({
  // A commune is required: the parcours is routed by it (no parcours without a team that can act on it).
  communeCode: usagerSchema.shape.communeCode.unwrap(),
  numeroAllocataire: texte(20)
    .regex(/^[0-9A-Za-z]+$/, 'Numéro d’allocataire ou identifiant : chiffres et lettres seulement.')
    .optional(),
  /** Role in the household (CAF: DEM demandeur, CJT conjoint): one allocataire number covers a couple. */
  roleAllocataire: texte(20)
    .transform((r) => r.toUpperCase())
    .optional(),
  droitRsaOuvertLe: accueilSchema.shape.droitRsaOuvertLe,
});
export type LigneFlux = z.infer<typeof ligneFluxSchema>;
export type ChampFlux = keyof LigneFlux;
export const CHAMPS_FLUX = Object.keys(ligneFluxSchema.shape) as ChampFlux[];

/** What the files of one source look like: for each field, the headers it may have (any case or accents). */
export const correspondanceSchema = z.object({
  colonnes: z.partialRecord(z.enum(CHAMPS_FLUX as [ChampFlux, ...ChampFlux[]]), z.array(z.string().min(1)).min(1)),
  /** Fields a row of this source must have (beside nom, prénom and commune). */
  requis: z.array(z.enum(CHAMPS_FLUX as [ChampFlux, ...ChampFlux[]])).default([]),
});
export type Correspondance = z.infer<typeof correspondanceSchema>;

/** Headers compared without case, accents, spaces or punctuation: « Date de naissance » = « DATE_DE_NAISSANCE ». */
export const normaliserEntete = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** French dates (JJ/MM/AAAA, JJ-MM-AAAA) and ISO dates, as ISO; anything else is kept for the schema to refuse. */
export function dateIso(valeur: string): string {
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(valeur);
  if (fr) return `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}`;
  const iso = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(valeur);
  return iso ? iso[1]! : valeur;
}

const CHAMPS_DATE: readonly ChampFlux[] = ['dateNaissance', 'droitRsaOuvertLe'];

/** Where each field is in a file: its column's header, or missing. */
export function reperer(entetes: string[], correspondance: Correspondance) {
  const index = new Map(entetes.map((e, i) => [normaliserEntete(e), i]));
  const colonnes = new Map<ChampFlux, { index: number; entete: string }>();
  for (const [champ, noms] of Object.entries(correspondance.colonnes) as [ChampFlux, string[]][]) {
    const i = noms.map((n) => index.get(normaliserEntete(n))).find((x) => x !== undefined);
    if (i !== undefined) colonnes.set(champ, { index: i, entete: entetes[i]! });
  }
  const requis: ChampFlux[] = ['nom', 'prenom', 'communeCode', ...correspondance.requis];
  return { colonnes, manquantes: requis.filter((c) => !colonnes.has(c)) };
}

/** A date that is not one, said in the files' own format (the schema speaks of the API's ISO format). */
const messageFichier = (champ: ChampFlux, message: string) =>
  CHAMPS_DATE.includes(champ) && /format/.test(message) ? 'Date attendue au format JJ/MM/AAAA.' : message;

export interface ErreurLigne {
  champ: string;
  message: string;
}

/** One row of cells → a person, or the reasons it cannot be one, each named by the file's own header. */
export function lireLigne(
  cellules: string[],
  colonnes: ReturnType<typeof reperer>['colonnes'],
  requis: readonly ChampFlux[],
): { ligne: LigneFlux } | { erreurs: ErreurLigne[] } {
  const brut: Record<string, string> = {};
  for (const [champ, { index }] of colonnes) {
    const v = (cellules[index] ?? '').trim();
    if (v) brut[champ] = CHAMPS_DATE.includes(champ) ? dateIso(v) : v;
  }
  const manquants = requis.filter((c) => !brut[c]);
  const r = ligneFluxSchema.safeParse(brut);
  const entete = (champ: string) => colonnes.get(champ as ChampFlux)?.entete ?? champ;
  const erreurs: ErreurLigne[] = [
    ...manquants.map((c) => ({ champ: entete(c), message: 'Valeur requise absente.' })),
    ...(r.success
      ? []
      : r.error.issues
          .filter((i) => !manquants.includes(i.path[0] as ChampFlux))
          .map((i) => ({
            champ: entete(String(i.path[0])),
            message: messageFichier(i.path[0] as ChampFlux, i.message),
          }))),
  ];
  return erreurs.length || !r.success ? { erreurs } : { ligne: r.data };
}

/** Who the person is across files: the allocataire number and role when given, else name and birth date. */
export function cleIdentite(l: LigneFlux): string {
  if (l.numeroAllocataire) return `alloc:${l.numeroAllocataire}:${(l.roleAllocataire ?? '').toUpperCase()}`;
  return `nom:${normaliserEntete(l.nom)}:${normaliserEntete(l.prenom)}:${l.dateNaissance ?? ''}`;
}

/** Identity fields an import may update on a known person. */
const CHAMPS_USAGER = ['nom', 'prenom', 'dateNaissance', 'communeCode', 'telephone', 'email'] as const;

/** The fields of a known person that this row changes (empty cells never erase what an agent recorded). */
export function changements(
  connu: Partial<Record<(typeof CHAMPS_USAGER)[number], string | null>>,
  l: LigneFlux,
): Partial<LigneFlux> {
  const c: Partial<LigneFlux> = {};
  for (const champ of CHAMPS_USAGER) {
    const v = l[champ];
    if (v !== undefined && v !== (connu[champ] ?? undefined)) c[champ] = v;
  }
  return c;
}

/** What an import did with one row. */
export const ISSUES_LIGNE = ['en_attente', 'creee', 'mise_a_jour', 'inchangee', 'rejetee'] as const;
export type IssueLigne = (typeof ISSUES_LIGNE)[number];

/**
 * An import is over when every row has its issue and every parcours it started has its accueil in the lists
 * (workflows record it just after the import started them).
 */
export const importFini = (i: { termineLe: string | null; parcoursEnOuverture: number }): boolean =>
  i.termineLe !== null && i.parcoursEnOuverture === 0;
