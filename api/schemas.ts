import { z } from 'zod';
import { ETAPES, STATUTS } from '../domain/parcours/etapes';
import { usagerSchema } from '../domain/usager';

export const idParams = z.object({ id: z.uuid({ error: 'Identifiant invalide (UUID attendu).' }) });

export const usagerVue = usagerSchema.extend({ id: z.uuid(), creeLe: z.string() }).openapi('Usager');

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
