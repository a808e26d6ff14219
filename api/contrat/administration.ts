import { ROLES, POLES } from '../../domain/organisation/referentiel';
import { MOTIFS_ABSENCE, STATUTS_ABSENCE } from '../../domain/organisation/absences';
import { codeCommune, dateBornee, identifiant, instantBorne, texte } from '../../domain/validation';
import { TYPES_STRUCTURE } from '../../domain/organisation/structures';
import { z } from './zod';

const roles = z
  .array(z.enum(ROLES, { error: `Rôle inconnu (attendus : ${ROLES.join(', ')}).` }))
  .min(1, 'Au moins un rôle.')
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, 'Un rôle est en double.');

/** What an administrator sets on an agent (all of it at creation, any part of it afterwards). */
const champsAgent = {
  prenom: texte(100),
  nom: texte(100),
  email: z.email({ error: 'Adresse électronique invalide.' }).max(254),
  roles,
  equipeId: identifiant.nullable().describe('Équipe de l’agent ; sans équipe, un cadre est de la direction'),
  structureId: identifiant
    .nullable()
    .optional()
    .describe('Structure référente de l’agent (France Travail, association, CCAS) ; alors sans équipe'),
  pole: z.enum(POLES, { error: `Pôle attendu : ${POLES.join(' ou ')}.` }).nullable(),
  capacite: z
    .number({ error: 'Nombre de parcours attendu.' })
    .int('Nombre entier attendu.')
    .min(0, 'Capacité positive ou nulle.')
    .max(500, 'Capacité de 500 parcours au plus.'),
};

export const agentCreation = z
  .object({ id: identifiant.describe('Identifiant lisible, stable (ex. loiret-t01-ref3)'), ...champsAgent })
  .strict()
  .openapi('CreationAgent');

/** A change of an administered object: any part of its fields, at least one, nothing else. */
const modification = <T extends z.ZodRawShape>(champs: T, nom: string) =>
  z
    .object(champs)
    .partial()
    .strict()
    .refine((m) => Object.keys(m).length > 0, 'Rien à modifier.')
    .openapi(nom);

export const agentModification = modification(
  {
    ...champsAgent,
    actif: z.boolean({ error: 'Vrai ou faux attendu.' }).describe('Désactiver met fin à ses sessions et accès'),
  },
  'ModificationAgent',
);

export const agentAdministre = z
  .object({
    id: z.string(),
    prenom: z.string(),
    nom: z.string(),
    email: z.string(),
    roles: z.array(z.enum(ROLES)),
    equipeId: z.string().nullable(),
    equipe: z.string().nullable().describe('Nom de l’équipe'),
    structureId: z.string().nullable(),
    pole: z.string().nullable(),
    capacite: z.number().int(),
    actif: z.boolean(),
    parcoursSuivis: z.number().int().describe('Parcours ouverts dont l’agent est le référent'),
  })
  .openapi('AgentAdministre');

export const agentsAdministres = z.object({ agents: z.array(agentAdministre) }).openapi('AgentsAdministres');

export const entreeAdministration = z
  .object({
    le: z.string(),
    agent: z.string().describe('Qui a fait le changement'),
    action: z.enum(['creation', 'modification']),
    avant: z.record(z.string(), z.unknown()).nullable(),
    apres: z.record(z.string(), z.unknown()),
  })
  .openapi('EntreeAdministration');
export const historiqueAdministration = z
  .object({ entrees: z.array(entreeAdministration) })
  .openapi('HistoriqueAdministration');

/** A moment of an absence: bounded (its timers are durable; a year 9999 would be a timer no one can wait). */
const instant = (quoi: string) => instantBorne(366, 3 * 366, quoi).describe(quoi);

/** An agent's absence: the period [du, au[ (au: the return), its reason, and the intérim (else the first proposed). */
export const absenceCreation = z
  .object({
    agentId: identifiant.describe('L’agent absent'),
    du: instant('Début de l’absence'),
    au: instant('Retour de l’agent'),
    motif: z.enum(MOTIFS_ABSENCE, { error: `Motif attendu : ${MOTIFS_ABSENCE.join(', ')}.` }),
    interimId: identifiant.optional().describe('Intérim choisi par le cadre ; sans lui, le premier proposé'),
  })
  .strict()
  .refine((a) => Date.parse(a.au) > Date.parse(a.du), { path: ['au'], message: 'Le retour doit suivre le début.' })
  .openapi('CreationAbsence');

export const absenceModification = z
  .union([
    z.object({ au: instant('Nouvelle date de retour') }).strict(),
    z.object({ annulee: z.literal(true, { error: 'Vrai attendu pour annuler.' }) }).strict(),
  ])
  .openapi('ModificationAbsence');

export const absenceVue = z
  .object({
    id: z.uuid(),
    agentId: z.string(),
    agent: z.string().describe('Prénom et nom de l’agent absent'),
    interimId: z.string(),
    interim: z.string().describe('Prénom et nom de l’intérim'),
    du: z.string(),
    au: z.string(),
    motif: z.enum(MOTIFS_ABSENCE),
    statut: z.enum(STATUTS_ABSENCE),
    parcoursConfies: z.number().int().describe('Parcours suivis par l’intérim (au début de l’absence)'),
  })
  .openapi('Absence');

export const absencesVue = z.object({ absences: z.array(absenceVue) }).openapi('Absences');

export const interimPropose = z
  .object({
    agentId: z.string(),
    nom: z.string(),
    rang: z.number().int(),
    complet: z.boolean(),
    charge: z.number().int(),
    capacite: z.number().int(),
  })
  .openapi('InterimPropose');
export const interimsProposes = z.object({ interims: z.array(interimPropose) }).openapi('InterimsProposes');
const poles = z
  .array(z.enum(POLES, { error: `Pôle attendu : ${POLES.join(' ou ')}.` }))
  .min(1, 'Au moins un pôle.')
  .max(POLES.length)
  .refine((p) => new Set(p).size === p.length, 'Un pôle est en double.');

const communes = z
  .array(codeCommune)
  .min(1, 'Au moins une commune.')
  .max(1000)
  .refine((c) => new Set(c).size === c.length, 'Une commune est en double.');

export const equipeModification = modification(
  {
    nom: texte(150),
    poles,
    actif: z
      .boolean({ error: 'Vrai ou faux attendu.' })
      .describe('Désactiver : refusé tant qu’elle a des parcours ouverts, des agents actifs ou des sessions à venir'),
  },
  'ModificationEquipe',
);

export const equipeCreation = z
  .object({
    id: identifiant.describe('Identifiant lisible, stable (ex. loiret-t01-ep2)'),
    territoireId: identifiant.describe('Territoire existant de l’équipe'),
    nom: texte(150),
    poles,
  })
  .strict()
  .openapi('CreationEquipe');

export const requeteEquipes = z.object({
  territoireId: identifiant.optional().describe('Les équipes de ce territoire ; sans lui, du département'),
});

export const equipeAdministree = z
  .object({
    id: z.string(),
    nom: z.string(),
    poles: z.array(z.string()),
    territoireId: z.string(),
    territoire: z.string().describe('Nom du territoire'),
    actif: z.boolean(),
    agents: z.number().int().describe('Agents actifs de l’équipe'),
    parcoursOuverts: z.number().int().describe('Parcours ouverts confiés à l’équipe'),
  })
  .openapi('EquipeAdministree');
export const equipesAdministrees = z.object({ equipes: z.array(equipeAdministree) }).openapi('EquipesAdministrees');

export const territoireModification = modification(
  {
    nom: texte(150),
    agenceId: identifiant.nullable(),
    rattacher: communes.describe('Communes à rattacher à ce territoire (retirées de celui qui les servait)'),
  },
  'ModificationTerritoire',
);

export const territoireCreation = z
  .object({
    id: identifiant.describe('Identifiant lisible, stable (ex. loiret-t16)'),
    nom: texte(150),
    agenceId: identifiant.nullable().optional(),
    equipe: z.object({ id: identifiant, nom: texte(150), poles }).strict(),
    communes: communes.describe('Communes que le nouveau territoire sert (retirées de ceux qui les servaient)'),
  })
  .strict()
  .openapi('CreationTerritoire');

export const territoireAdministre = z
  .object({
    id: z.string(),
    nom: z.string(),
    agenceId: z.string().nullable(),
    agence: z.string().nullable().describe('Nom de l’agence'),
    parcoursOuverts: z.number().int(),
    equipes: z.array(equipeAdministree),
    communes: z.array(
      z.object({
        code: z.string(),
        nom: z.string(),
        codesPostaux: z.array(z.string()),
        population: z.number().nullable(),
      }),
    ),
    parcoursRestes: z
      .number()
      .int()
      .optional()
      .describe('Après un rattachement : parcours ouverts de ces communes qui restent suivis par leur équipe'),
  })
  .openapi('TerritoireAdministre');

const jourConvention = (quoi: string) => dateBornee({ le: '2000-01-01' }, { jours: 20 * 366 }, quoi).nullable();

const champsStructure = {
  nom: texte(200),
  type: z.enum(TYPES_STRUCTURE, { error: `Type attendu : ${TYPES_STRUCTURE.join(', ')}.` }),
  conventionReference: texte(100).nullable().describe('Référence de la convention avec le département'),
  conventionDebut: jourConvention('Début de la convention'),
  conventionFin: jourConvention('Fin de la convention'),
  delaiDesignationJours: z
    .number({ error: 'Nombre de jours attendu.' })
    .int('Nombre entier attendu.')
    .min(1, 'Au moins un jour.')
    .max(90, 'Au plus 90 jours.')
    .describe('Jours laissés à la structure pour désigner le référent d’une personne orientée vers elle'),
};
const conventionOrdonnee = (s: { conventionDebut?: string | null; conventionFin?: string | null }) =>
  !s.conventionDebut || !s.conventionFin || s.conventionDebut <= s.conventionFin;
const ORDRE = { message: 'La fin de la convention suit son début.', path: ['conventionFin'] };

export const structureCreation = z
  .object({
    id: identifiant.describe('Identifiant lisible, stable'),
    ...champsStructure,
    actif: z.boolean({ error: 'Vrai ou faux attendu.' }).default(true),
  })
  .strict()
  .refine(conventionOrdonnee, ORDRE)
  .openapi('CreationStructure');

export const structureModification = modification(
  { ...champsStructure, actif: z.boolean({ error: 'Vrai ou faux attendu.' }) },
  'ModificationStructure',
).refine(conventionOrdonnee, ORDRE);

export const structureReferente = z
  .object({
    id: z.string(),
    nom: z.string(),
    type: z.enum(TYPES_STRUCTURE),
    conventionReference: z.string().nullable(),
    conventionDebut: z.string().nullable(),
    conventionFin: z.string().nullable(),
    delaiDesignationJours: z.number().int(),
    actif: z.boolean(),
    referents: z.number().int().describe('Agents actifs de la structure'),
    parcoursSuivis: z.number().int().describe('Parcours ouverts orientés vers la structure'),
  })
  .openapi('StructureReferente');

export const structuresReferentes = z
  .object({ structures: z.array(structureReferente) })
  .openapi('StructuresReferentes');
