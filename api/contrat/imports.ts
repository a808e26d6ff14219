import { SOURCES_FLUX } from '../../domain/flux/sources';
import { ISSUES_LIGNE } from '../../domain/flux/ligne';
import { texte } from '../../domain/validation';
import { z } from './zod';

/** Largest file accepted (base64 adds a third): about 50,000 rows of a CAF list. */
export const OCTETS_MAX_FICHIER = 10 * 1024 * 1024;

/** An uploaded file (CSV or XLSX), as every import takes it. */
export const champsFichier = {
  nomFichier: texte(200).regex(/\.(csv|txt|xlsx)$/i, 'Fichier CSV ou XLSX attendu (.csv, .xlsx).'),
  contenu: z
    .base64({ error: 'Contenu du fichier attendu en base64.' })
    .max(Math.ceil((OCTETS_MAX_FICHIER * 4) / 3), 'Fichier trop volumineux (10 Mo au plus).'),
};

export const fichierFlux = z
  .object({
    source: z.enum(SOURCES_FLUX, { error: 'Source attendue : caf, msa ou france_travail.' }),
    ...champsFichier,
  })
  .openapi('FichierFlux');

const parIssue = z.object(
  Object.fromEntries(ISSUES_LIGNE.map((i) => [i, z.number().int()])) as {
    [K in (typeof ISSUES_LIGNE)[number]]: z.ZodNumber;
  },
);
const erreurLigne = z.object({ rang: z.number().int(), champ: z.string(), message: z.string() });

export const apercuFlux = z
  .object({
    lignes: z.number().int(),
    colonnesReconnues: z.array(z.string()),
    colonnesManquantes: z.array(z.string()),
    parIssue,
    /** When the same file (same bytes) was imported before. */
    dejaImporteLe: z.string().nullable(),
    /** The first 200 refused rows. */
    erreurs: z.array(erreurLigne),
  })
  .openapi('ApercuImportFlux');

export const importFluxVue = z
  .object({
    id: z.string(),
    source: z.enum(SOURCES_FLUX),
    nomFichier: z.string(),
    creeLe: z.string(),
    termineLe: z.string().nullable(),
    total: z.number().int(),
    parIssue,
    /** Parcours started whose accueil is not yet in the lists: the import is over at 0 (`importFini`). */
    parcoursEnOuverture: z.number().int(),
    erreurs: z.array(erreurLigne),
  })
  .openapi('ImportFlux');

export const importsFlux = z.object({ imports: z.array(importFluxVue.omit({ erreurs: true })) }).openapi('ImportsFlux');
