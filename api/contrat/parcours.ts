import { ETAPES, STATUTS } from '../../domain/parcours/etapes';
import { TYPES_ACTION } from '../../domain/parcours/actions';
import { LIBELLE_MODELE } from '../../domain/parcours/notification';
import { accueilSchema, routageSchema } from '../../domain/parcours/commandes';
import { usagerSchema } from '../../domain/usager';
import { identifiant } from '../../domain/validation';
import { pagination } from './communs';
import { curseur } from './curseur';
import { usagerVue } from './usagers';
import { z } from './zod';

export const evenementVue = z
  .object({
    seq: z.number(),
    type: z.string(),
    acteur: z.string(),
    acteurNom: z.string().nullable().describe('Prénom et nom de l’agent, « Système » pour les rappels automatiques'),
    survenuLe: z.string(),
    donnees: z.record(z.string(), z.unknown()),
    noms: z
      .object({ referent: z.string().nullable(), structure: z.string().nullable(), equipe: z.string().nullable() })
      .describe('Le référent, la structure référente et l’équipe que l’événement nomme, le cas échéant'),
  })
  .openapi('Evenement');

export const parcoursVue = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    usagerId: z.uuid(),
    departement: z.string(),
    etape: z.enum(ETAPES),
    statut: z.enum(STATUTS),
    besoins: z.array(z.string()),
    urgence: z.boolean(),
    lieuAccueilId: z.string().nullable(),
    territoireId: z.string().nullable(),
    equipeId: z.string().nullable(),
    referentId: z.string().nullable(),
    structureId: z.string().nullable().describe('Structure référente qui suit la personne (sinon une équipe)'),
    typeAccompagnement: z.string().nullable(),
    echeance: z.string().nullable(),
    enRetard: z.boolean(),
    etapeDepuis: z.string(),
    ouvertLe: z.string(),
    closLe: z.string().nullable(),
    motifCloture: z.string().nullable(),
    echeances: z
      .array(
        z.object({
          code: z.string(),
          depuis: z.string(),
          due: z.string(),
          relanceLe: z.string(),
          relanceEnvoyee: z.boolean(),
          depassee: z.boolean(),
        }),
      )
      .describe('Délais en cours'),
    objectifs: z
      .array(z.object({ id: z.string(), libelle: z.string(), domaine: z.string(), avancement: z.string() }))
      .describe('Objectifs du plan'),
  })
  .openapi('Parcours');

/** What an agent reads beside ids in lists and dossiers: names, so that no screen asks for them row by row. */
const nomsVue = z
  .object({
    usager: z.string().describe('Prénom et nom de la personne'),
    territoire: z.string().nullable(),
    equipe: z.string().nullable(),
    structure: z.string().nullable().describe('Structure référente qui suit la personne'),
    referent: z.string().nullable(),
    interim: z
      .string()
      .nullable()
      .optional()
      .describe('Qui agit pour le référent absent (intérim en cours) ; null ou absent sinon'),
    repreneurPropose: z
      .string()
      .nullable()
      .optional()
      .describe('Référent proposé au cadre après une escalade restée sans suite ; null ou absent sinon'),
  })
  .openapi('NomsParcours');

export const parcoursLigne = parcoursVue
  .extend({
    noms: nomsVue,
    echeances: z
      .array(
        z.object({
          code: z.string(),
          libelle: z.string().describe('Règle de délai, dans la politique du département'),
          depuis: z.string(),
          due: z.string(),
          relanceLe: z.string(),
          relanceEnvoyee: z.boolean(),
          depassee: z.boolean(),
        }),
      )
      .describe('Délais en cours'),
    retard: z
      .object({ regle: z.string(), jours: z.number().int() })
      .nullable()
      .describe('Le délai le plus dépassé : sa règle et le nombre de jours de retard (null : dans les délais)'),
    actions: z
      .array(z.enum(TYPES_ACTION))
      .describe('Actions du catalogue que l’agent connecté peut faire maintenant sur ce parcours'),
    incident: z
      .object({ le: z.string(), message: z.string() })
      .nullable()
      .describe('Incident technique en cours (une écriture refusée pour de bon) : null quand il n’y en a pas'),
    sessionEquipe: z
      .object({ id: z.uuid(), le: z.string() })
      .nullable()
      .optional()
      .describe('Session de l’équipe où le parcours attend sa décision (listes seulement ; null : aucune)'),
  })
  .openapi('ParcoursLigne');

export const parcoursDetail = parcoursLigne.extend({ evenements: z.array(evenementVue) }).openapi('ParcoursDetail');

/** Counted up to this many rows: an exact count of a département's 100 000 parcours on every page cost more than the page. */
export const BORNE_TOTAL = 1000;

export const listeParcours = z.object({
  items: z.array(parcoursLigne),
  total: z
    .number()
    .int()
    .describe(
      `Nombre de parcours de la liste, compté jusqu’à ${BORNE_TOTAL} (au-delà : ${BORNE_TOTAL} et totalExact faux)`,
    ),
  totalExact: z.boolean().describe(`Faux quand la liste compte plus de ${BORNE_TOTAL} parcours`),
  suivant: z
    .string()
    .nullable()
    .describe('Curseur de la page suivante, à passer tel quel en `apres` (null : dernière page)'),
});

export const ouvertureParcours = z
  .object({
    usagerId: z.uuid().optional(),
    usager: usagerSchema.optional(),
    accueil: accueilSchema,
    /** Manual override of the automatic routing, with its reason. */
    routage: routageSchema.optional(),
    /** The person agrees to receive SMS (their link, appointment reminders, questionnaires); STOP ends it. */
    consentementSms: z.boolean().optional().describe('La personne accepte de recevoir des SMS'),
  })
  .refine((b) => !!b.usagerId !== !!b.usager, {
    message: 'Indiquer soit usagerId (usager connu), soit usager (nouvel usager).',
    path: ['usagerId'],
  })
  .openapi('OuvertureParcours');

export const filtresParcours = z.object({
  etape: z.enum(ETAPES).optional(),
  statut: z.enum(STATUTS).optional(),
  territoireId: identifiant.optional(),
  equipeId: identifiant.optional(),
  referentId: identifiant.optional(),
  usagerId: z.uuid().optional(),
  enRetard: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  enIncident: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true : seulement les parcours en incident technique'),
  aReassigner: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true : seulement les parcours dont une escalade sans suite propose un nouveau référent'),
  /** Only the parcours not closed (actifs and suspendus). */
  ouverts: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  pour: z.enum(['moi']).optional().describe('moi : les parcours qui attendent une action de l’agent connecté'),
  tri: z
    .enum(['urgence', 'echeance', 'recent'])
    .default('urgence')
    .describe(
      'urgence : urgents, puis en retard, puis par échéance ; echeance ; recent : derniers changements d’étape',
    ),
  apres: curseur
    .optional()
    .describe(
      'Page suivante par curseur (`suivant` de la page précédente, avec le même tri) : stable quand des parcours arrivent entre deux pages ; remplace offset',
    ),
  ...pagination(200, 50),
});

export const dossierSocial = z
  .object({ usager: usagerVue, parcours: z.array(parcoursDetail) })
  .openapi('DossierSocial');

/** One message of a parcours' delivery log (emails to agents and to the person), without its content. */
export const messageVue = z
  .object({
    cle: z.string(),
    modele: z.string().describe(Object.keys(LIBELLE_MODELE).join(', ')),
    destinataire: z.string().describe('Rôle destinataire : evaluateur, cadre, referent ou usager'),
    statut: z
      .enum(['a_envoyer', 'envoye', 'sans_destinataire', 'echec'])
      .describe('Envoi du courriel ; echec : refusé définitivement par le serveur (incident signalé sur le parcours)'),
    tentatives: z.number(),
    derniereErreur: z.string().nullable(),
    creeLe: z.string(),
    envoyeLe: z.string().nullable(),
    sms: z
      .object({
        statut: z.enum(['en_cours', 'accepte', 'distribue', 'non_distribue', 'echec']),
        tentatives: z.number(),
        derniereErreur: z.string().nullable(),
        envoyeLe: z.string().nullable(),
        distribueLe: z.string().nullable(),
      })
      .nullable()
      .describe('Envoi par SMS (messages à la personne qui l’a accepté)'),
  })
  .openapi('MessageParcours');

export const journalLivraisons = z.object({ items: z.array(messageVue) }).openapi('JournalLivraisons');
