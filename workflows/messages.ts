/**
 * The messages of the parcours workflow, shared by the workflow, the activities that act on parcours, the API
 * and the tests: its input, its Updates and queries, and the failure types its validators raise. It imports
 * only @temporalio/workflow's definitions and the domain, so that nothing importing it forms a cycle.
 */
import { defineQuery, defineUpdate, type SearchAttributes } from '@temporalio/workflow';
import type { PolitiqueDelais } from '../domain/delais/politique';
import type { DonneesAction, TypeAction } from '../domain/parcours/actions';
import type { AccueilRecu } from '../domain/parcours/commandes';
import { vueDe, type EtatParcours, type Interim, type VueParcours } from '../domain/parcours/etat';
import type { Routage } from '../domain/parcours/transitions';
import type { ConfigUsager } from '../domain/espace/jalons';
import type { ExamenDossier, NatureDossier, StatutSession } from '../domain/equipe/session';

/** Workflow type names, for clients that start workflows without importing their code. */
export const WORKFLOWS = {
  parcours: 'parcoursWorkflow',
  reassignation: 'reassignationWorkflow',
  retention: 'retentionWorkflow',
  importFlux: 'importFluxWorkflow',
  sessionEquipe: 'sessionEquipeWorkflow',
  livraisonWebhook: 'livraisonWebhookWorkflow',
  absence: 'absenceWorkflow',
  simulation: 'simulationWorkflow',
} as const;

/**
 * Temporal priority key (1 first, 3 by default) of an import and of the parcours it opens: when the worker has a
 * backlog, an agent's accueil at the counter and steps go first. Kept for the parcours' life (Temporal 1.29
 * cannot change it): an imported parcours' tasks wait only while agents' own are queued.
 */
export const PRIORITE_IMPORT = 4;

/** The task queue of email deliveries, beside a parcours worker's queue (worker/worker.ts serves both). */
export const fileLivraisons = (taskQueue: string) => `${taskQueue}-livraisons`;

/** The task queue of partners' webhook deliveries: a receiver that hangs holds these slots, never the emails'. */
export const fileWebhooks = (taskQueue: string) => `${taskQueue}-webhooks`;

/** The workflow of one simulation launched from the screen (its row's id). */
export const workflowIdSimulation = (simulationId: string) => `simulation-${simulationId}`;

/** The workflow of one webhook delivery (a replay starts it again under the same id). */
export const workflowIdLivraison = (livraisonId: string) => `webhook-${livraisonId}`;

/**
 * The search attributes of a parcours in a given state (infra/temporal-server.ts declares them): ids and flags
 * only, never personal data (they are not encrypted).
 */
export const attributsRecherche = (etat: EtatParcours): SearchAttributes => ({
  ParcoursEtape: [etat.etape],
  ParcoursTerritoire: etat.territoireId ? [etat.territoireId] : [],
  ParcoursEnRetard: [vueDe(etat).enRetard],
});

/** Failure types of refused Updates: the API maps them to 409 and 400, and a dependency that failed to 503. */
export const ECHECS = {
  etapeInvalide: 'EtapeInvalide',
  donneesInvalides: 'DonneesInvalides',
  indisponible: 'Indisponible',
} as const;

export interface ParcoursInput {
  parcoursId: string;
  usagerId: string;
  departement: string;
  /** The délais policy in force when the parcours was opened: it stays with the parcours. */
  politique: PolitiqueDelais;
  /** Territoire and équipe the parcours lands in (automatic from the commune, or manual with a reason). */
  routage: Routage | null;
  /**
   * What the person receives (their link, the satisfaction questionnaire at the département's milestones), as
   * configured when the parcours was opened. Absent for parcours opened before it: they send nothing new.
   */
  usager?: ConfigUsager;
  /**
   * The premier accueil, when the opener did not wait for it: parcours opened by imports of partners' lists
   * before imports projected their opening themselves (they start from `reprise` now). Kept for those parcours'
   * histories: their workflows record it first thing, as the accueil Update would.
   */
  accueil?: CommandeRecue<AccueilRecu>;
  /** Carried over by continue-as-new. */
  reprise?: { etat: EtatParcours; seq: number; aLivrer?: string[]; webhooks?: string[] };
  /** Continue-as-new after this many history events even if Temporal does not suggest it yet (tests lower it). */
  seuilHistorique?: number;
}

/** An Update's argument: who acts (the authenticated agent, or the system) and the action's data. */
export interface CommandeRecue<T> {
  acteur: string;
  donnees: T;
}

export const accueillirUpdate = defineUpdate<VueParcours, [CommandeRecue<AccueilRecu>]>('accueillir');
/**
 * The view of a parcours started from its opening state (an import), once its workflow holds it: the import's
 * start waits for it, so that its starts never outrun the worker. Changes nothing.
 */
export const ouvertUpdate = defineUpdate<VueParcours>('ouvert');
/** One Update per action of the catalogue, named after it. */
export const commandeUpdate = <K extends TypeAction>(type: K) =>
  defineUpdate<VueParcours, [CommandeRecue<DonneesAction<K>>]>(type);
/**
 * An absence of the référent (workflows/absence.ts): `interim` starts the intérim (or changes its period),
 * `null` hands the parcours back to its titular référent. The same absence twice changes nothing more.
 */
export interface ChangementInterim {
  absenceId: string;
  interim: Interim | null;
}
export const interimUpdate = defineUpdate<VueParcours, [CommandeRecue<ChangementInterim>]>('interim');
export const vueQuery = defineQuery<VueParcours | null>('vue');
export const etatQuery = defineQuery<EtatParcours | null>('etat');

/** A session of the équipe pluridisciplinaire (workflows/session-equipe.ts): its row is written before it starts. */
export interface SessionEquipeInput {
  sessionId: string;
  /** When the persons are convened (the session's date less the département's délai), ISO instant. */
  convocationLe: string;
  /** Members present required to close it. */
  quorum: number;
  /** The parcours workflows' task queue (decisions are applied to them). */
  taskQueue: string;
}

export const workflowIdSession = (sessionId: string) => `session-equipe-${sessionId}`;

/** A case queued for the session (the same case again changes nothing). */
export interface DossierAjoute {
  dossierId: string;
  parcoursId: string;
  usagerId: string;
  nature: NatureDossier;
}

export const ajouterDossierUpdate = defineUpdate<void, [DossierAjoute]>('ajouterDossier');
export const examinerDossierUpdate = defineUpdate<void, [{ dossierId: string; examen: ExamenDossier }]>(
  'examinerDossier',
);
/** Closing: the members present (quorum checked), then each decision is applied and notified. */
export const cloturerSessionUpdate = defineUpdate<void, [{ acteur: string; membresPresents: string[] }]>(
  'cloturerSession',
);
export const statutSessionQuery = defineQuery<StatutSession>('statutSession');

/** An absence of an agent (workflows/absence.ts): its row is written before it starts. */
export interface AbsenceInput {
  absenceId: string;
  agentId: string;
  interimId: string;
  du: string;
  au: string;
  acteur: string;
  /** The parcours workflows' task queue (the intérim is applied to them). */
  taskQueue: string;
}

export const workflowIdAbsence = (absenceId: string) => `absence-${absenceId}`;

/** The period changed (shortened, lengthened) or the absence cancelled; refused once it is over. */
export const modifierAbsenceUpdate = defineUpdate<void, [{ acteur: string; au?: string; annulee?: boolean }]>(
  'modifierAbsence',
);
