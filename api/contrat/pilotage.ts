import { ETAPES } from '../../domain/parcours/etapes';
import { identifiant, moisBorne } from '../../domain/validation';
import { GROUPEMENTS } from '../pilotage/groupements';
import { CODES_QUESTION, JALONS, QUESTIONS, SEUIL_DIFFUSION, type Question } from '../../domain/espace/satisfaction';
import { z } from './zod';

const mois = moisBorne(30, 5, 'Mois');

export const filtresPilotage = z.object({
  territoireId: identifiant.optional(),
  agenceId: identifiant.optional(),
  equipeId: identifiant.optional(),
  referentId: identifiant.optional(),
  /** Months of history up to `au` (default 12), unless `du` is given. */
  mois: z.coerce.number().int().min(1).max(36).default(12),
  du: mois.optional().describe('Premier mois couvert (AAAA-MM)'),
  au: mois.optional().describe('Dernier mois couvert (AAAA-MM ; défaut : le mois en cours)'),
  par: z.enum(GROUPEMENTS).default('departement').describe('Regroupement des lignes'),
});

export const indicateursVue = z
  .object({
    genereLe: z.string(),
    parEtape: z.array(
      z.object({
        etape: z.enum(ETAPES),
        enCours: z.number().describe('Parcours actifs ou suspendus à cette étape'),
        enRetard: z.number(),
        ageMoyenJours: z.number().nullable().describe('Attente moyenne dans l’étape des parcours en cours'),
        ageMaxJours: z.number().nullable(),
        passages: z.number().describe('Étapes franchies sur la période'),
        delaiMoyenJours: z
          .number()
          .nullable()
          .describe('Durée moyenne de l’étape pour les parcours qui l’ont franchie'),
        medianeJours: z.number().nullable().describe('Durée médiane de l’étape (jours, borne basse de sa tranche)'),
        p90Jours: z
          .number()
          .nullable()
          .describe('90e centile de la durée de l’étape (jours, borne basse de sa tranche)'),
        partDansDelai: z
          .number()
          .nullable()
          .describe(
            'Part des délais de l’étape tenus (évaluation, orientation, désignation ; contrat pour l’accompagnement)',
          ),
      }),
    ),
    evolution: z.array(
      z.object({
        mois: z.string(),
        ouverts: z.number(),
        clos: z.number(),
        passages: z.number(),
        delaiMoyenJours: z.number().nullable(),
        partDansDelai: z.number().nullable().describe('Part des délais tenus parmi ceux clos dans le mois'),
      }),
    ),
  })
  .openapi('IndicateursPilotage');

// The pilotage tables' rows: their descriptions are the exports' column headings.
const groupe = {
  groupe: z.string().describe('Regroupement (territoire, agence ou mois ; vide pour le département)'),
  libelle: z.string().describe('Libellé du regroupement'),
};
const jours = (d: string) => z.number().nullable().describe(d);

export const ligneDelaiEtape = z
  .object({
    ...groupe,
    etape: z.string().describe('Étape'),
    passages: z.number().describe('Étapes franchies sur la période'),
    moyenneJours: jours('Durée moyenne (jours, d’après les tranches de durée)'),
    medianeJours: jours('Durée médiane (jours, borne basse de sa tranche)'),
    p90Jours: jours('90e centile de la durée (jours, borne basse de sa tranche)'),
  })
  .openapi('DelaiEtape');

export const ligneRespectDelai = z
  .object({
    ...groupe,
    delai: z.string().describe('Règle de délai (code)'),
    libelleDelai: z.string().describe('Règle de délai'),
    termines: z.number().describe('Délais clos sur la période (l’action attendue est faite, ou le parcours clos)'),
    dansDelai: z.number().describe('Dont tenus (sans dépassement)'),
    partDansDelai: z.number().nullable().describe('Part tenue (0 à 1)'),
  })
  .openapi('RespectDelai');

export const ligneFlux = z
  .object({
    ...groupe,
    de: z.string().describe('Étape quittée'),
    vers: z.string().describe('Étape suivante ou motif de clôture'),
    n: z.number().describe('Parcours'),
  })
  .openapi('FluxEtapes');

export const ligneStock = z
  .object({
    mois: z.string().describe('Mois (AAAA-MM)'),
    etape: z.string().describe('Étape'),
    entrees: z.number().describe('Entrées dans l’étape pendant le mois'),
    sorties: z.number().describe('Sorties de l’étape pendant le mois'),
    enCours: z.number().describe('Parcours dans l’étape à la fin du mois'),
  })
  .openapi('StockMois');

export const ligneEscalade = z
  .object({
    ...groupe,
    delai: z.string().describe('Règle de délai (code)'),
    libelleDelai: z.string().describe('Règle de délai'),
    n: z.number().describe('Dépassements (alertes au cadre)'),
  })
  .openapi('Escalades');

export const ligneSatisfaction = z
  .object({
    territoireId: z.string().describe('Territoire (identifiant)'),
    territoire: z.string().describe('Territoire'),
    jalon: z.enum(JALONS).describe('Jalon (code)'),
    libelleJalon: z.string().describe('Moment du questionnaire'),
    mois: z.string().describe('Mois d’envoi (AAAA-MM)'),
    envoyes: z.number().describe('Questionnaires envoyés'),
    reponses: z.number().describe('Réponses'),
    tauxReponse: z.number().nullable().describe('Taux de réponse'),
    ...(Object.fromEntries(
      CODES_QUESTION.map((q) => [
        q,
        z.number().nullable().describe(`${QUESTIONS[q]} (moyenne sur 5, masquée sous ${SEUIL_DIFFUSION} réponses)`),
      ]),
    ) as Record<Question, z.ZodNullable<z.ZodNumber>>),
    commentaires: z.number().describe('Réponses avec un commentaire'),
  })
  .openapi('Satisfaction');

export const ligneCharge = z
  .object({
    agentId: z.string().describe('Agent (identifiant)'),
    prenom: z.string().nullable().describe('Prénom'),
    nom: z.string().nullable().describe('Nom'),
    roles: z.array(z.string()).describe('Rôles'),
    equipeId: z.string().nullable().describe('Équipe'),
    territoireId: z.string().nullable().describe('Territoire'),
    capacite: z.number().nullable().describe('Capacité (parcours suivis au plus)'),
    charge: z.number().describe('Parcours ouverts suivis'),
    enRetard: z.number().describe('Dont en retard'),
  })
  .openapi('ChargeAgent');

export const chargeVue = z.object({ items: z.array(ligneCharge) }).openapi('ChargeAgents');

/** Cells counting fewer parcours than this are hidden in the public statistics (statistical secret). */
export const SEUIL_SECRET = 5;

export const statistiquesVue = z
  .object({
    du: z.string().describe('Premier mois couvert (AAAA-MM)'),
    au: z.string().describe('Dernier mois couvert (AAAA-MM)'),
    seuilSecret: z.number().describe('Effectif en dessous duquel une cellule est masquée (null)'),
    // The named rows' fields, some made nullable: written as new objects, since extending a named schema is
    // documented as allOf with it, which no null can satisfy.
    delaisEtapes: z.array(z.object({ ...ligneDelaiEtape.shape, passages: z.number().nullable() })),
    respectDelais: z.array(
      z.object({ ...ligneRespectDelai.shape, termines: z.number().nullable(), dansDelai: z.number().nullable() }),
    ),
    flux: z.array(z.object({ ...ligneFlux.shape, n: z.number().nullable() })),
  })
  .openapi('StatistiquesPubliques');
