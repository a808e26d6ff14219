import { identifiant, instantBorne } from '../../domain/validation';
import { pagination } from './communs';
import { z } from './zod';

export const sessionVue = z
  .object({
    agentId: z.string(),
    prenom: z.string(),
    nom: z.string(),
    roles: z.array(z.string()),
    equipeId: z.string().nullable(),
    territoireId: z.string().nullable(),
    moyen: z.string(),
    mode: z.enum(['dev', 'oidc']),
  })
  .openapi('SessionAgent');

export const auditVue = z
  .object({
    id: z.string(),
    le: z.string(),
    agentId: z.string().nullable(),
    agentNom: z.string().nullable().describe('Prénom et nom de l’agent'),
    operation: z.string(),
    route: z.string(),
    chemin: z.string(),
    statut: z.number(),
    usagers: z.array(z.string()),
    ip: z.string().nullable(),
    moyen: z.string().nullable(),
  })
  .openapi('EntreeAudit');

export const filtresAudit = z.object({
  usagerId: z.uuid().optional(),
  agentId: identifiant.optional(),
  // The journal is kept for years, never beyond what PostgreSQL's timestamps hold (no year 0).
  depuis: instantBorne(36_500, 1, 'Depuis').optional(),
  jusqua: instantBorne(36_500, 1, 'Jusqu’à').optional(),
  ...pagination(500, 100),
});

export const exportUsager = z
  .object({
    genereLe: z.string(),
    usager: z.record(z.string(), z.unknown()),
    parcours: z.array(z.record(z.string(), z.unknown())),
    notifications: z.array(z.record(z.string(), z.unknown())),
    acces: z.array(auditVue),
  })
  .openapi('ExportUsager');

export const journalAcces = z
  .object({
    items: z.array(auditVue),
    total: z.number(),
    personnes: z
      .record(z.string(), z.string())
      .describe('Prénom et nom des personnes concernées par ces accès, par identifiant (droit d’accès, RGPD)'),
  })
  .openapi('JournalAcces');

/** Development sign-in only (/auth/dev/agents, outside the documented API): the agents one may act as. */
export const agentsDeveloppement = z.object({
  items: z.array(
    z.object({
      agentId: z.string(),
      prenom: z.string(),
      nom: z.string(),
      roles: z.array(z.string()),
      equipeId: z.string().nullable(),
    }),
  ),
});
