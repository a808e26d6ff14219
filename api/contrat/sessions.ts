import {
  ISSUES_DOSSIER,
  NATURES_DOSSIER,
  PRESENCES,
  STATUTS_SESSION,
  decisionDossierSchema,
} from '../../domain/equipe/session';
import { ETAPES } from '../../domain/parcours/etapes';
import { identifiant, instantBorne, listeBornee, texte } from '../../domain/validation';
import { z } from './zod';

export const sessionPlanifiee = z
  .object({
    equipeId: identifiant,
    le: instantBorne(0, 366, 'Date de la session'),
    lieu: texte(200),
    membres: listeBornee(identifiant, {
      min: 1,
      messageMin: 'Au moins un membre est convié.',
      max: 50,
      cle: (m) => m,
      quoi: 'membres distincts',
    })
      .optional()
      .describe('Agents conviés ; par défaut les cadres, évaluateurs et référents actifs de l’équipe'),
  })
  .openapi('SessionPlanifiee');

export const dossierInscrit = z
  .object({
    parcoursId: z.uuid({ error: 'Identifiant de parcours invalide (UUID attendu).' }),
    nature: z.enum(NATURES_DOSSIER, { error: 'Nature attendue : orientation, reorientation ou sanction.' }),
  })
  .openapi('DossierInscrit');

export const clotureSession = z
  .object({
    membresPresents: listeBornee(identifiant, {
      min: 1,
      messageMin: 'Indiquer les membres présents.',
      max: 50,
      cle: (m) => m,
      quoi: 'membres distincts',
    }),
  })
  .openapi('ClotureSession');

export const sessionParams = z.object({
  id: z.uuid({ error: 'Identifiant invalide (UUID attendu).' }),
});
export const dossierParams = sessionParams.extend({
  dossierId: z.uuid({ error: 'Identifiant de dossier invalide (UUID attendu).' }),
});

export const filtresSessions = z.object({
  equipeId: identifiant.optional(),
  a_venir: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true : les sessions à venir et celles dont les décisions ne sont pas encore toutes appliquées'),
});

const membreVue = z.object({ id: z.string(), nom: z.string() });

export const sessionLigne = z
  .object({
    id: z.uuid(),
    equipeId: z.string(),
    equipe: z.string().describe('Nom de l’équipe pluridisciplinaire'),
    le: z.string(),
    lieu: z.string(),
    statut: z.enum(STATUTS_SESSION),
    convocationLe: z.string().describe('Date d’envoi des convocations (délai du département avant la session)'),
    quorum: z.number().int(),
    dossiers: z.number().int(),
    pv: z.boolean().describe('Le procès-verbal est disponible'),
  })
  .openapi('SessionLigne');

export const dossierVue = z
  .object({
    id: z.uuid(),
    parcoursId: z.uuid(),
    usagerId: z.uuid(),
    personne: z.string(),
    nature: z.enum(NATURES_DOSSIER),
    rang: z.number().int(),
    convoqueLe: z.string().nullable(),
    presence: z.enum(PRESENCES).nullable(),
    observations: z.string().nullable(),
    decision: decisionDossierSchema.nullable(),
    issue: z.enum(ISSUES_DOSSIER).nullable(),
    issueMotif: z.string().nullable(),
    notifieLe: z.string().nullable(),
    parcours: z.object({
      etape: z.enum(ETAPES),
      retard: z
        .object({ regle: z.string(), jours: z.number().int() })
        .nullable()
        .describe('Le délai le plus dépassé du parcours (les délais courent jusqu’à la décision)'),
    }),
  })
  .openapi('DossierSession');

export const sessionDetail = sessionLigne
  .extend({
    membres: z.array(membreVue),
    membresPresents: z.array(membreVue),
    naturesPermises: z.array(z.enum(NATURES_DOSSIER)).describe('Natures de dossier en usage dans le département'),
    items: z.array(dossierVue),
  })
  .openapi('SessionDetail');

export const listeSessions = z.object({ items: z.array(sessionLigne) }).openapi('ListeSessions');
