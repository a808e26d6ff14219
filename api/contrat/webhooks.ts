import { STATUTS_LIVRAISON, TYPES_EVENEMENT_WEBHOOK } from '../../domain/webhooks/evenements';
import { identifiant, listeBornee, texte } from '../../domain/validation';
import { pagination } from './communs';
import { z } from './zod';

const typeEvenement = z.enum(TYPES_EVENEMENT_WEBHOOK, {
  error: `Type d’événement attendu : ${TYPES_EVENEMENT_WEBHOOK.join(', ')}.`,
});

export const nouvelAbonnement = z
  .object({
    partenaire: texte(100).describe('Le système partenaire, tel que les agents le nomment (« CAF du Loiret »)'),
    url: z
      .url({ protocol: /^https?$/, error: 'Adresse web attendue (https://…).' })
      .max(2000, 'Adresse trop longue (2 000 caractères au plus).'),
    types: listeBornee(typeEvenement, {
      min: 1,
      messageMin: 'Choisir au moins un type d’événement.',
      max: TYPES_EVENEMENT_WEBHOOK.length,
      cle: (t) => t,
      quoi: 'un type',
    }),
    territoireIds: listeBornee(identifiant, { max: 50, cle: (t) => t, quoi: 'un territoire' })
      .default([])
      .describe('Seulement les parcours de ces territoires (vide : tout le département)'),
  })
  .openapi('NouvelAbonnementWebhook');

const parStatut = z.object(
  Object.fromEntries(STATUTS_LIVRAISON.map((s) => [s, z.number().int()])) as {
    [K in (typeof STATUTS_LIVRAISON)[number]]: z.ZodNumber;
  },
);

export const abonnementVue = z
  .object({
    id: z.string(),
    partenaire: z.string(),
    url: z.string(),
    types: z.array(z.string()),
    territoireIds: z.array(z.string()),
    actif: z.boolean(),
    creeLe: z.string(),
    desactiveLe: z.string().nullable(),
    motifDesactivation: z.string().nullable(),
    livraisons: parStatut,
  })
  .openapi('AbonnementWebhook');

export const abonnementCree = abonnementVue
  .extend({
    secret: z
      .string()
      .describe('Secret de signature (Standard Webhooks), montré à la création seulement : à remettre au partenaire'),
  })
  .openapi('AbonnementWebhookCree');

export const abonnementsListe = z.object({ items: z.array(abonnementVue) }).openapi('AbonnementsWebhook');

export const livraisonVue = z
  .object({
    id: z.string(),
    abonnementId: z.string(),
    partenaire: z.string(),
    parcoursId: z.string(),
    evenementId: z.string().describe('Envoyé en webhook-id : la clé de dédoublonnage du destinataire'),
    type: z.string(),
    statut: z.enum(STATUTS_LIVRAISON),
    tentatives: z.number().int(),
    dernierStatutHttp: z.number().int().nullable(),
    derniereErreur: z.string().nullable(),
    creeLe: z.string(),
    derniereTentativeLe: z.string().nullable(),
    prochainEssaiLe: z.string().nullable(),
    livreeLe: z.string().nullable(),
  })
  .openapi('LivraisonWebhook');

export const filtresLivraisons = z.object({
  abonnementId: z.uuid({ error: 'Identifiant invalide (UUID attendu).' }).optional(),
  parcoursId: z.uuid({ error: 'Identifiant invalide (UUID attendu).' }).optional(),
  statut: z.enum(STATUTS_LIVRAISON, { error: `Statut attendu : ${STATUTS_LIVRAISON.join(', ')}.` }).optional(),
  ...pagination(200, 50),
});

export const journalWebhooks = z
  .object({ items: z.array(livraisonVue), total: z.number().int() })
  .openapi('JournalWebhooks');

export const rejeuLivraisons = z
  .object({ relancees: z.number().int().describe('Livraisons reprises (leur identifiant d’événement est le même)') })
  .openapi('RejeuLivraisonsWebhook');
