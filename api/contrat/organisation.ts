import { codeCommune, identifiant, texte, texteLibre } from '../../domain/validation';
import { z } from './zod';

export const communeParams = z.object({ code: codeCommune });

export const lieuVue = z
  .object({
    id: z.string(),
    type: z.string(),
    nom: z.string(),
    adresse: z.string().nullable(),
    communeCode: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    horaires: z.record(z.string(), z.string()),
    partenaire: z.boolean(),
    telephone: z.string().nullable(),
    email: z.string().nullable(),
    source: z.string(),
  })
  .openapi('LieuAccueil');
export const lieuProcheVue = lieuVue.extend({ distanceKm: z.number() }).openapi('LieuAccueilProche');

export const routageVue = z
  .object({ communeCode: z.string(), territoireId: z.string(), equipeId: z.string() })
  .openapi('Routage');

export const propositionVue = z
  .object({
    agentId: z.string(),
    nom: z.string().describe('Prénom et nom de l’agent'),
    rang: z.number(),
    continuite: z.boolean(),
    bonPole: z.boolean(),
    complet: z.boolean(),
    charge: z.number(),
    capacite: z.number(),
  })
  .openapi('PropositionReferent');

export const bilanVue = z
  .object({
    parcours: z.number(),
    changes: z.number(),
    dejaFaits: z.number(),
    horsAccompagnement: z.number(),
    sansRepreneur: z.array(z.string()),
    repartition: z.record(z.string(), z.number()),
  })
  .openapi('BilanReassignation');

export const organisationVue = z
  .object({
    departement: z.string(),
    nom: z.string(),
    limiteKm: z.number(),
    agences: z.array(z.object({ id: z.string(), nom: z.string() })),
    structures: z
      .array(z.object({ id: z.string(), nom: z.string(), type: z.string() }))
      .describe('Structures référentes qui reçoivent des orientations aujourd’hui (actives, convention en vigueur)'),
    territoires: z.array(
      z.object({
        id: z.string(),
        nom: z.string(),
        agenceId: z.string().nullable(),
        communes: z.number(),
        equipes: z.array(z.object({ id: z.string(), nom: z.string(), poles: z.array(z.string()), agents: z.number() })),
      }),
    ),
  })
  .openapi('Organisation');

export const couvertureVue = z
  .object({
    departement: z.string(),
    limiteKm: z.number(),
    communes: z.number(),
    lieuxAccueil: z.number(),
    horsPortee: z.number(),
    pireDistanceKm: z.number().nullable(),
    communesHorsPortee: z.array(
      z.object({
        code: z.string(),
        nom: z.string(),
        distanceKm: z.number().nullable(),
        lieuLePlusProche: z.object({ id: z.string(), nom: z.string() }).nullable(),
      }),
    ),
  })
  .openapi('Couverture');

export const choixReferent = z
  .object({ usagerId: z.uuid().optional(), agentId: identifiant.optional(), motif: texteLibre(1000).optional() })
  .openapi('ChoixReferent');

export const decisionReferent = z
  .object({ referentId: z.string(), derogation: z.boolean(), motif: z.string().nullable() })
  .openapi('DecisionReferent');

export const demandeReassignation = z
  .object({ nouveauReferentId: identifiant.optional(), motif: texte(1000).min(3, 'Au moins 3 caractères.') })
  .openapi('DemandeReassignation');

export const lieuxProchesVue = z
  .object({ commune: z.object({ code: z.string(), nom: z.string() }), lieux: z.array(lieuProcheVue) })
  .openapi('LieuxAccueilProches');

export const operationReassignation = z.object({ operationId: z.string() }).openapi('OperationReassignation');

export const etatReassignation = z
  .object({ operationId: z.string(), statut: z.string(), bilan: bilanVue.nullable() })
  .openapi('EtatReassignation');

export const communeTrouvee = z
  .object({
    code: z.string().describe('Code INSEE'),
    nom: z.string(),
    codesPostaux: z.array(z.string()),
    territoire: z.string().nullable().describe('Territoire d’action qui suivra ses habitants'),
    equipe: z.string().nullable(),
  })
  .openapi('CommuneTrouvee');

export const rechercheCommune = z
  .object({
    q: z.string().trim().min(2, 'Au moins 2 caractères.').max(100).optional(),
    code: codeCommune.optional(),
    limit: z.coerce.number().int().min(1).max(30).default(10),
  })
  .refine((r) => !!r.q !== !!r.code, { message: 'Indiquer q (nom ou code postal) ou code (INSEE).', path: ['q'] });

export const communesTrouvees = z.object({ items: z.array(communeTrouvee) }).openapi('CommunesTrouvees');
