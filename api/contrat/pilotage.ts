import { ETAPES } from '../../domain/parcours/etapes';
import { identifiant } from '../../domain/validation';
import { z } from './zod';

export const filtresPilotage = z.object({
  territoireId: identifiant.optional(),
  equipeId: identifiant.optional(),
  referentId: identifiant.optional(),
  etape: z.enum(ETAPES).optional(),
  /** Months of history for délais and the evolution (default 12). */
  mois: z.coerce.number().int().min(1).max(36).default(12),
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
        partDansDelai: z.number().nullable().describe('Part des passages sans escalade pour délai dépassé (0 à 1)'),
      }),
    ),
    evolution: z.array(
      z.object({
        mois: z.string(),
        ouverts: z.number(),
        clos: z.number(),
        passages: z.number(),
        delaiMoyenJours: z.number().nullable(),
        partDansDelai: z.number().nullable(),
      }),
    ),
  })
  .openapi('IndicateursPilotage');

export const chargeVue = z
  .object({
    items: z.array(
      z
        .object({
          agentId: z.string(),
          prenom: z.string().nullable(),
          nom: z.string().nullable(),
          roles: z.array(z.string()),
          equipeId: z.string().nullable(),
          territoireId: z.string().nullable(),
          capacite: z.number().nullable(),
          charge: z.number(),
          enRetard: z.number(),
        })
        .openapi('ChargeAgent'),
    ),
  })
  .openapi('ChargeAgents');
