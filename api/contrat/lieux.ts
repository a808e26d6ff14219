import { TYPES_LIEU } from '../../domain/organisation/referentiel';
import { MESSAGE_COORDONNEES, champsLieu, coordonneesCompletes, horairesLieu } from '../../domain/organisation/lieux';
import { codeCommune, identifiant } from '../../domain/validation';
import { FORMATS_LISTE_LIEUX, LIBELLE_FORMAT_LISTE } from '../../domain/organisation/listes-lieux';
import { champsFichier } from './imports';
import { z } from './zod';

const coordonnees = { message: MESSAGE_COORDONNEES, path: ['longitude'] };

export const lieuCreation = z
  .object({
    id: identifiant.describe('Identifiant lisible, stable'),
    ...champsLieu,
    adresse: champsLieu.adresse.default(null),
    latitude: champsLieu.latitude.default(null).describe('Par défaut : le point de la commune'),
    longitude: champsLieu.longitude.default(null),
    horaires: horairesLieu.default({ lundi: '', mardi: '', mercredi: '', jeudi: '', vendredi: '', samedi: '' }),
    telephone: champsLieu.telephone.default(null),
    email: champsLieu.email.default(null),
    actif: z.boolean({ error: 'Vrai ou faux attendu.' }).default(true),
  })
  .strict()
  .refine(coordonneesCompletes, coordonnees)
  .openapi('CreationLieuAccueil');

export const lieuModification = z
  .object({
    ...champsLieu,
    actif: z.boolean({ error: 'Vrai ou faux attendu.' }).describe('Désactivé : compté nulle part'),
  })
  .partial()
  .strict()
  .refine((m) => Object.keys(m).length > 0, 'Rien à modifier.')
  .refine(coordonneesCompletes, coordonnees)
  .openapi('ModificationLieuAccueil');

export const lieuAdministre = z
  .object({
    id: z.string(),
    type: z.enum(TYPES_LIEU),
    nom: z.string(),
    adresse: z.string().nullable(),
    communeCode: z.string(),
    commune: z.string().describe('Nom de la commune'),
    latitude: z.number(),
    longitude: z.number(),
    horaires: z.record(z.string(), z.string()),
    telephone: z.string().nullable(),
    email: z.string().nullable(),
    source: z.string().describe('Origine : liste ANCT, amorçage (seed), saisie, import du département'),
    actif: z.boolean(),
  })
  .openapi('LieuAdministre');
export const lieuxAdministres = z.object({ lieux: z.array(lieuAdministre) }).openapi('LieuxAdministres');

const filtreSources = z
  .enum(['toutes', 'reelles'], { error: 'Sources : « toutes » ou « reelles » (sans les données d’amorçage).' })
  .default('toutes');
const limiteKm = z.coerce
  .number({ error: 'Distance en km attendue.' })
  .positive('Distance positive attendue.')
  .max(200, '200 km au plus.');

export const requeteCarte = z.object({ limiteKm: limiteKm.optional(), sources: filtreSources });

/** A site that does not exist yet: at a commune's point, or at given coordinates within it. */
export const simulationCouverture = z
  .object({
    communeCode: codeCommune,
    latitude: champsLieu.latitude.optional(),
    longitude: champsLieu.longitude.optional(),
    limiteKm: limiteKm.optional(),
    sources: filtreSources,
  })
  .strict()
  .refine(coordonneesCompletes, coordonnees)
  .openapi('SimulationCouverture');

const resume = z.object({
  communes: z.number().int(),
  horsPortee: z.number().int().describe('Communes dont le lieu d’accueil le plus proche est au-delà de la limite'),
  pireDistanceKm: z.number().nullable(),
  distanceMoyenneKm: z.number().nullable(),
});

export const carteCouverture = z
  .object({
    departement: z.string(),
    limiteKm: z.number(),
    sources: z.enum(['toutes', 'reelles']),
    resume,
    lieuxComptes: z
      .array(z.object({ source: z.string(), libelle: z.string(), lieux: z.number().int() }))
      .describe('Les lieux actifs comptés, par origine des données'),
    communes: z.array(
      z.object({
        code: z.string(),
        nom: z.string(),
        latitude: z.number(),
        longitude: z.number(),
        distanceKm: z.number().nullable(),
        lieuLePlusProche: z.string().nullable().describe('Nom du lieu d’accueil le plus proche'),
      }),
    ),
    lieux: z.array(
      z.object({
        id: z.string(),
        nom: z.string(),
        type: z.enum(TYPES_LIEU),
        source: z.string(),
        latitude: z.number(),
        longitude: z.number(),
        simule: z.boolean().describe('Le lieu ajouté par la simulation (non enregistré)'),
      }),
    ),
  })
  .openapi('CarteCouverture');

export const resultatSimulation = z
  .object({
    avant: resume,
    apres: carteCouverture,
    communesGagnees: z.array(z.object({ code: z.string(), nom: z.string() })).describe('Désormais à portée'),
  })
  .openapi('ResultatSimulationCouverture');

export const fichierLieux = z
  .object({
    format: z.enum(FORMATS_LISTE_LIEUX, {
      error: `Liste attendue : ${FORMATS_LISTE_LIEUX.map((f) => LIBELLE_FORMAT_LISTE[f]).join(' ou ')}.`,
    }),
    ...champsFichier,
  })
  .openapi('FichierLieux');

/** The preview of an official file, row by row (what an import would do, or has done, with each row). */
const apercuImport = <I extends readonly [string, ...string[]], D extends z.ZodRawShape>(
  issues: I,
  detail: D,
  montrees: string,
) =>
  z.object({
    lignes: z.number().int(),
    colonnesManquantes: z.array(z.string()).describe('Colonnes requises absentes : rien n’est importable'),
    parIssue: z.object(Object.fromEntries(issues.map((i) => [i, z.number().int()])) as Record<I[number], z.ZodNumber>),
    details: z
      .array(
        z.object({
          rang: z.number().int().describe('Numéro de la ligne dans le fichier (en-tête : 1)'),
          issue: z.enum(issues),
          nom: z.string().nullable(),
          ...detail,
          changements: z.array(z.string()).describe('Champs modifiés'),
          erreurs: z.array(z.object({ champ: z.string(), message: z.string() })),
        }),
      )
      .describe(montrees),
  });

const ISSUES = ['ajout', 'modification', 'inchange', 'erreur', 'hors_departement'] as const;
export const apercuLieux = apercuImport(
  ISSUES,
  {},
  'Chaque ligne sauf les inchangées et celles d’autres départements (500 au plus)',
).openapi('ApercuImportLieux');

/** Largest communes file accepted: data.gouv's national file (all communes, about 16 Mo) with room to spare. */
export const OCTETS_MAX_FICHIER_COMMUNES = 30 * 1024 * 1024;

export const fichierCommunes = z
  .object({
    ...champsFichier,
    contenu: z
      .base64({ error: 'Contenu du fichier attendu en base64.' })
      .max(Math.ceil((OCTETS_MAX_FICHIER_COMMUNES * 4) / 3), 'Fichier trop volumineux (30 Mo au plus).'),
  })
  .openapi('FichierCommunes');

const ISSUES_COMMUNES = [...ISSUES, 'ignoree'] as const;
export const apercuCommunes = apercuImport(
  ISSUES_COMMUNES,
  {
    code: z.string().nullable().describe('Code INSEE de la commune'),
    deplacementKm: z.number().nullable().describe('De combien le point de la commune se déplace'),
  },
  'Chaque ligne sauf les inchangées, celles d’autres départements et les communes déléguées (500 au plus)',
)
  .extend({
    absentes: z.number().int().describe('Communes du département connues que le fichier ne nomme pas (gardées)'),
    sansTerritoire: z
      .number()
      .int()
      .optional()
      .describe('Après l’import : communes du département qu’aucun territoire ne sert encore (à rattacher)'),
  })
  .openapi('ApercuImportCommunes');
