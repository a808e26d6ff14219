import { z } from 'zod';
import { ETAPES, STATUTS } from '../domain/parcours/etapes';
import { usagerSchema } from '../domain/usager';

export const idParams = z.object({ id: z.uuid({ error: 'Identifiant invalide (UUID attendu).' }) });

export const usagerVue = usagerSchema
  .extend({ id: z.uuid(), creeLe: z.string(), communeNom: z.string().nullable().describe('Nom de la commune') })
  .openapi('Usager');

export const evenementVue = z
  .object({
    seq: z.number(),
    type: z.string(),
    acteur: z.string(),
    survenuLe: z.string(),
    donnees: z.record(z.string(), z.unknown()),
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

const nom = z.string().nullable();

/** A parcours as the screens read it: names instead of ids, délais with their rule, the actions open to the agent. */
export const parcoursPresente = parcoursVue
  .extend({
    echeances: z
      .array(
        z.object({
          code: z.string(),
          libelle: z.string().describe('Règle de délai (politique du département)'),
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
      .describe('Le délai le plus dépassé : sa règle et le nombre de jours de retard'),
    noms: z
      .object({ usager: nom, territoire: nom, equipe: nom, referent: nom, lieuAccueil: nom })
      .describe('Noms de la personne, du territoire, de l’équipe, du référent et du lieu d’accueil'),
    actions: z
      .array(
        z.object({
          type: z.string(),
          chemin: z.string().describe('Sous /parcours/{id}/'),
          titre: z.string(),
          bouton: z.string(),
          fait: z.string().describe('Confirmation une fois l’action faite'),
        }),
      )
      .describe('Actions que l’agent connecté peut faire maintenant sur ce parcours'),
    evenements: z
      .array(
        evenementVue.extend({
          libelle: z.string(),
          acteurNom: nom.describe('Nom de l’agent (null : le système)'),
        }),
      )
      .optional(),
  })
  .openapi('ParcoursPresente');
