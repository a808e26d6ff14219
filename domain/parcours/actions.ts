/**
 * The catalogue of parcours actions: every human command, once, with everything the layers need to know of
 * it. The workflow registers one Update per entry, the API one route per entry, the access rules read the
 * roles, the decider reads when it applies and which event it records, the screens read the labels.
 * A new action is a new entry here, its case in the decider (which fails to compile without it) and a form.
 */
import type { z } from 'zod';
import type { Role } from '../organisation/referentiel';
import type { Etape, Statut } from './etapes';
import * as schemas from './commandes';

/** What the restricted view (accueil agents, partners) keeps of an event: all of it, some fields, or nothing. */
export type VueRestreinte = 'tout' | readonly string[] | 'rien';

export interface DefinitionEvenement {
  /** Timeline label, as agents read it. */
  libelle: string;
  vueRestreinte: VueRestreinte;
}

export interface DefinitionAction {
  /** Data of the command: validates the API body and the workflow Update alike. */
  schema: z.ZodType;
  /** Path under /parcours/:id/ */
  chemin: string;
  /** One line for the API documentation. */
  resume: string;
  /**
   * When it applies: the parcours' statuts, its steps when the action belongs to some, and what the parcours
   * must already have (a plan, a référent). The decider refuses with the message; the screens don't offer it.
   */
  quand: { statuts: readonly Statut[]; etapes?: readonly Etape[]; exige?: Exigence };
  /**
   * Who may take it. 'referent' means the référent of that parcours (not any agent with the role); the other
   * roles act within their territoire.
   */
  roles: readonly Role[];
  /** The timeline event it records. */
  evenement: { type: string } & DefinitionEvenement;
  libelles: { titre: string; bouton: string; fait: string };
}

/** What an action needs the parcours to have, with the refusal said to the agent when it lacks it. */
type Exigence = { plan: string } | { referent: string };

const EN_COURS = ['actif', 'suspendu'] as const;
const ACTIF = ['actif'] as const;
const SUIVI = ['evaluateur', 'referent', 'cadre'] as const;

export const ACTIONS = {
  evaluer: {
    schema: schemas.evaluationSchema,
    chemin: 'evaluation',
    resume: 'Enregistrer l’évaluation globale (conclusion : répondu ou orientation)',
    quand: { statuts: ACTIF, etapes: ['evaluation'] },
    roles: ['evaluateur', 'cadre'],
    evenement: { type: 'evaluation', libelle: 'Évaluation globale', vueRestreinte: 'rien' },
    libelles: { titre: 'Évaluation globale', bouton: 'Évaluer', fait: 'Évaluation enregistrée.' },
  },
  orienter: {
    schema: schemas.orientationSchema,
    chemin: 'orientation',
    resume: 'Décision d’orientation de l’équipe pluridisciplinaire',
    quand: { statuts: ACTIF, etapes: ['orientation'] },
    roles: ['cadre'],
    evenement: {
      type: 'orientation',
      libelle: 'Orientation décidée',
      vueRestreinte: ['decision', 'typeAccompagnement', 'organismeExterne'],
    },
    libelles: { titre: 'Orientation', bouton: 'Orienter', fait: 'Orientation enregistrée.' },
  },
  designerReferent: {
    schema: schemas.designationSchema,
    chemin: 'referent',
    resume: 'Désigner le référent de parcours (accord de la personne requis)',
    quand: { statuts: ACTIF, etapes: ['designation'] },
    roles: ['cadre'],
    evenement: { type: 'designation_referent', libelle: 'Référent désigné', vueRestreinte: 'rien' },
    libelles: {
      titre: 'Désignation du référent de parcours',
      bouton: 'Désigner le référent',
      fait: 'Référent désigné.',
    },
  },
  etablirPlan: {
    schema: schemas.planSchema,
    chemin: 'plan',
    resume: 'Établir le plan d’accompagnement (contrat d’engagement)',
    quand: { statuts: ACTIF, etapes: ['accompagnement'] },
    roles: ['referent', 'cadre'],
    evenement: { type: 'plan', libelle: 'Plan d’accompagnement', vueRestreinte: 'rien' },
    libelles: { titre: 'Plan d’accompagnement', bouton: 'Établir le plan', fait: 'Plan d’accompagnement enregistré.' },
  },
  reviser: {
    schema: schemas.revueSchema,
    chemin: 'revues',
    resume: 'Enregistrer une revue périodique',
    quand: {
      statuts: ACTIF,
      etapes: ['accompagnement'],
      exige: { plan: 'Établir le plan d’accompagnement avant la première revue.' },
    },
    roles: ['referent', 'cadre'],
    evenement: { type: 'revue', libelle: 'Revue', vueRestreinte: 'rien' },
    libelles: { titre: 'Revue de parcours', bouton: 'Faire la revue', fait: 'Revue enregistrée.' },
  },
  demanderReorientation: {
    schema: schemas.motifSchema,
    chemin: 'reorientation',
    resume: 'Demander une réorientation à l’équipe',
    quand: { statuts: ACTIF, etapes: ['accompagnement'] },
    roles: ['referent', 'cadre'],
    evenement: { type: 'demande_reorientation', libelle: 'Demande de réorientation', vueRestreinte: 'rien' },
    libelles: {
      titre: 'Demander une réorientation',
      bouton: 'Demander une réorientation',
      fait: 'Réorientation demandée à l’équipe.',
    },
  },
  suspendre: {
    schema: schemas.motifSchema,
    chemin: 'suspension',
    resume: 'Suspendre le parcours (les délais s’arrêtent)',
    quand: { statuts: ACTIF },
    roles: SUIVI,
    evenement: { type: 'suspension', libelle: 'Suspension', vueRestreinte: 'rien' },
    libelles: { titre: 'Suspendre le parcours', bouton: 'Suspendre', fait: 'Parcours suspendu.' },
  },
  reprendre: {
    schema: schemas.repriseSchema,
    chemin: 'reprise',
    resume: 'Reprendre un parcours suspendu (les délais repartent)',
    quand: { statuts: ['suspendu'] },
    roles: SUIVI,
    evenement: { type: 'reprise', libelle: 'Reprise', vueRestreinte: 'rien' },
    libelles: { titre: 'Reprendre le parcours', bouton: 'Reprendre', fait: 'Parcours repris.' },
  },
  prolonger: {
    schema: schemas.prolongationSchema,
    chemin: 'prolongation',
    resume: 'Prolonger le délai en cours, avec un motif',
    quand: { statuts: EN_COURS },
    roles: SUIVI,
    evenement: { type: 'prolongation', libelle: 'Prolongation du délai', vueRestreinte: 'rien' },
    libelles: { titre: 'Prolonger le délai', bouton: 'Prolonger', fait: 'Délai prolongé.' },
  },
  cloturer: {
    schema: schemas.clotureSchema,
    chemin: 'cloture',
    resume: 'Clore le parcours avec un motif',
    quand: { statuts: EN_COURS },
    roles: ['referent', 'cadre'],
    evenement: { type: 'cloture', libelle: 'Clôture', vueRestreinte: ['motif'] },
    libelles: { titre: 'Clore le parcours', bouton: 'Clore le parcours', fait: 'Parcours clos.' },
  },
  rerouter: {
    schema: schemas.routageSchema,
    chemin: 'routage',
    resume:
      'Confier le parcours à une autre équipe du département (motif requis ; le référent éventuel est à redésigner)',
    quand: { statuts: EN_COURS },
    roles: ['cadre'],
    evenement: { type: 'reroutage', libelle: 'Confié à une autre équipe', vueRestreinte: 'rien' },
    libelles: { titre: 'Confier à une autre équipe', bouton: 'Changer d’équipe', fait: 'Parcours confié à l’équipe.' },
  },
  changerReferent: {
    schema: schemas.changementReferentSchema,
    chemin: 'referent/changement',
    resume: 'Changer de référent (passation tracée)',
    quand: { statuts: EN_COURS, exige: { referent: 'Le parcours n’a pas encore de référent : le désigner.' } },
    roles: ['cadre'],
    evenement: { type: 'changement_referent', libelle: 'Changement de référent', vueRestreinte: 'rien' },
    libelles: { titre: 'Changer de référent', bouton: 'Changer de référent', fait: 'Référent changé.' },
  },
  planifierRendezVous: {
    schema: schemas.rendezVousSchema,
    chemin: 'rendez-vous',
    resume: 'Planifier un rendez-vous (rappel à la personne)',
    quand: { statuts: EN_COURS },
    roles: SUIVI,
    evenement: { type: 'rendez_vous', libelle: 'Rendez-vous planifié', vueRestreinte: 'rien' },
    libelles: { titre: 'Planifier un rendez-vous', bouton: 'Planifier un rendez-vous', fait: 'Rendez-vous planifié.' },
  },
  relancer: {
    schema: schemas.relanceSchema,
    chemin: 'relance',
    resume: 'Relancer la personne qui doit agir',
    quand: { statuts: EN_COURS },
    roles: SUIVI,
    evenement: { type: 'relance_manuelle', libelle: 'Relance', vueRestreinte: 'rien' },
    libelles: { titre: 'Relancer', bouton: 'Relancer', fait: 'Relance envoyée.' },
  },
} as const satisfies Record<string, DefinitionAction>;

export type TypeAction = keyof typeof ACTIONS;
export const TYPES_ACTION = Object.keys(ACTIONS) as TypeAction[];

/** The data of an action, as its schema parses it. */
export type DonneesAction<K extends TypeAction> = z.infer<(typeof ACTIONS)[K]['schema']>;

/** A command to the parcours: one action with its data. */
export type Commande = { [K in TypeAction]: { type: K; donnees: DonneesAction<K> } }[TypeAction];

/** Events the system records itself (the premier accueil opens the parcours, the others come from timers). */
export const EVENEMENTS_SYSTEME = {
  accueil: { libelle: 'Premier accueil', vueRestreinte: 'tout' },
  relance: { libelle: 'Relance automatique', vueRestreinte: 'rien' },
  escalade: { libelle: 'Délai dépassé : alerte au cadre', vueRestreinte: 'rien' },
  rappel_rendez_vous: { libelle: 'Rappel de rendez-vous', vueRestreinte: 'rien' },
  incident: { libelle: 'Incident technique signalé', vueRestreinte: 'rien' },
  interim: { libelle: 'Intérim du référent', vueRestreinte: 'rien' },
  fin_interim: { libelle: 'Fin de l’intérim : retour du référent', vueRestreinte: 'rien' },
  reassignation_proposee: { libelle: 'Escalade sans suite : nouveau référent proposé', vueRestreinte: 'rien' },
  reassignation_automatique: {
    libelle: 'Escalade sans suite : parcours confié à un autre référent',
    vueRestreinte: 'rien',
  },
} as const satisfies Record<string, DefinitionEvenement>;

export type TypeEvenement = keyof typeof EVENEMENTS_SYSTEME | (typeof ACTIONS)[TypeAction]['evenement']['type'];

/** Every timeline event type with its label and restricted view, from the two catalogues above. */
export const EVENEMENTS: Record<TypeEvenement, DefinitionEvenement> = {
  ...EVENEMENTS_SYSTEME,
  ...(Object.fromEntries(
    Object.values(ACTIONS).map(({ evenement: { type, ...definition } }) => [type, definition]),
  ) as Record<(typeof ACTIONS)[TypeAction]['evenement']['type'], DefinitionEvenement>),
};

/**
 * Events as the restricted view shows them (accueil agents and partners in the API, partners' webhooks): the
 * events it hides are dropped, those it keeps partly lose their other fields.
 */
export function filtrerEvenements<E extends { type: string; donnees: Record<string, unknown> }>(
  complete: boolean,
  evenements: E[],
): E[] {
  if (complete) return evenements;
  return evenements.flatMap((e) => {
    const garde = EVENEMENTS[e.type as TypeEvenement]?.vueRestreinte ?? 'rien';
    if (garde === 'rien') return [];
    if (garde === 'tout') return [e];
    return [{ ...e, donnees: Object.fromEntries(Object.entries(e.donnees).filter(([k]) => garde.includes(k))) }];
  });
}

/** When an action applies (its catalogue entry, widened for reading). */
export const quandDe = (type: TypeAction): DefinitionAction['quand'] => ACTIONS[type].quand;

/** Whether a string names an action of the catalogue (screen paths, confirmations). */
export const estAction = (a: string): a is TypeAction => (TYPES_ACTION as string[]).includes(a);

/** What the parcours lacks for this action (a plan, a référent), as the refusal said to the agent; else null. */
export function exigenceManquante(
  type: TypeAction,
  parcours: { objectifs: readonly unknown[]; referentId?: string | null },
): string | null {
  const exige = quandDe(type).exige;
  if (!exige) return null;
  if ('plan' in exige) return parcours.objectifs.length ? null : exige.plan;
  return parcours.referentId ? null : exige.referent;
}

/** Whether an action applies to a parcours in this statut and step (the step rules may still refuse it). */
export function applicable(type: TypeAction, parcours: { statut: Statut; etape: Etape }): boolean {
  const { statuts, etapes } = quandDe(type);
  return statuts.includes(parcours.statut) && (!etapes || etapes.includes(parcours.etape));
}

/**
 * Actions open at any step (délais, appointments, team changes, clôture): the others are what the parcours
 * waits for — its step's own action, or its resumption.
 */
export const estTransversale = (type: TypeAction): boolean =>
  !quandDe(type).etapes && quandDe(type).statuts.includes('actif');
