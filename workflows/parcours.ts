/**
 * The parcours workflow: one per parcours, from premier accueil to clôture. Human steps arrive as Updates
 * (validated by the step rules of domain/parcours/transitions.ts: a rejected update changes nothing); délais
 * are durable timers raced against those updates; every change is projected to PostgreSQL by an activity.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ZodType } from 'zod';
import type { Activities } from '../activities';
import { ACTIONS, TYPES_ACTION, type Commande } from '../domain/parcours/actions';
import { EQUIPE_HORS_ROUTAGE, schemaAccueil, type AccueilRecu } from '../domain/parcours/commandes';
import { vueDe, type EtatParcours, type VueParcours } from '../domain/parcours/etat';
import { ACTEUR_SYSTEME } from '../domain/parcours/evenement';
import { sortiesDe } from '../domain/parcours/sorties';
import {
  accueillir,
  confierInterim,
  decider,
  prochainReveil,
  rendreAuTitulaire,
  reveiller,
  RegleEnfreinte,
  suitesDues,
  type Contexte,
  type Decision,
} from '../domain/parcours/transitions';
import {
  ECHECS,
  accueillirUpdate,
  ouvertUpdate,
  attributsRecherche,
  commandeUpdate,
  etatQuery,
  fileLivraisons,
  interimUpdate,
  vueQuery,
  workflowIdLivraison,
  WORKFLOWS,
  type ChangementInterim,
  type CommandeRecue,
  type ParcoursInput,
} from './messages';
import type { livraisonWebhookWorkflow } from './webhooks';

const projection = { startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } } as const;
/** Before the patch below: the projection as an activity, through the server's task queue. */
const { projeterParcours } = proxyActivities<Activities>(projection);
const { projeterParcours: projeterLocalement } = proxyLocalActivities<Activities>(projection);

/**
 * Patch: the projection as a local activity, run by the worker inside the workflow task — no round trip through
 * the server's task queues (one workflow task per step instead of three; bench/, README). Parcours started before
 * it project as their histories say (test/replay guards both).
 */
export const PATCH_PROJECTION_LOCALE = 'projection-locale';
/** Email delivery, retried with backoff for as long as the mail server is away. */
const livraison = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '30 seconds', maximumInterval: '30 minutes' },
} as const;
/** Before the patch below: delivery awaited inside the Update, on the parcours' own task queue. */
const { livrerNotifications: livrerDansLaMiseAJour } = proxyActivities<Activities>(livraison);

/**
 * Patch: deliveries leave the Update path (an Update waits for the state and its projection only). Parcours
 * started before it keep delivering inline, as their histories say (test/replay guards both).
 */
export const PATCH_LIVRAISON_HORS_MISE_A_JOUR = 'livraison-hors-mise-a-jour';

/**
 * Patch: the person's messages (the link to their page at the accueil, the satisfaction questionnaire at the
 * milestones) join the outbox of the events that reach them. Only parcours opened with `input.usager` send
 * them; the patch keeps the histories of those opened before it replayable whatever their input.
 */
export const PATCH_MESSAGES_USAGER = 'messages-usager';

/**
 * Patch: an activity that fails for good (PostgreSQL refuses the projection's data, the mail server refuses a
 * message) no longer fails the Update or the workflow task, nor is it retried for ever: the parcours records an
 * incident (its own event, a flag on its row) that the cadre's board shows. Reached only on such a failure, which
 * no recorded history holds: replays are unchanged (test/replay).
 */
export const PATCH_INCIDENTS = 'incidents';

/**
 * Patch: the dossier's letters (the référent's designation, the contrat d'engagement) are emailed to the person
 * as their events happen. Reached only when a référent or a plan changes on a parcours opened with `input.usager`.
 */
export const PATCH_COURRIERS_USAGER = 'courriers-usager';
const { enregistrerIncident } = proxyLocalActivities<Activities>(projection);

/**
 * Patch: partners' webhook deliveries recorded by the projection start, each, a workflow of their own (a child
 * left to run after the parcours: a receiver down for days holds nothing here). Reached only when a subscription
 * follows the event, which no recorded history holds: replays are unchanged (test/replay).
 */
export const PATCH_WEBHOOKS = 'webhooks';

/** The reason of an activity's failure that no retry can fix, if it is one (a local activity's failure comes
 * unwrapped). */
function echecDefinitif(err: unknown): string | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure && cause.nonRetryable ? cause.message : undefined;
}

/**
 * Patch: an absent référent's intérim (the `interim` Update, sent by workflows/absence.ts): reminders and "who
 * must act" go to the intérim for the period, with its events and messages. New Update only: no recorded history
 * holds it.
 */
export const PATCH_INTERIM = 'interim';

/**
 * Patch: the escalation's chain (the policy's `suiteEscalade`): an escalated délai of the référent with no action
 * on the parcours for the configured time gets a new référent, proposed or given. Only parcours opened with that
 * policy take it; the histories of the others replay unchanged.
 */
export const PATCH_SUITE_ESCALADE = 'suite-escalade';

const { referentsEligibles, referentsDeStructure, routageValide, repreneurParcours, structureOrientable } =
  proxyLocalActivities<Activities>({
    startToCloseTimeout: '10 seconds',
    retry: { maximumInterval: '10 seconds' },
  });

/** Actions that name a référent: only an active référent of the parcours' équipe is accepted. */
const NOMMENT_UN_REFERENT: readonly string[] = ['designerReferent', 'changerReferent'];

function invalide(issues: unknown): never {
  throw ApplicationFailure.nonRetryable('Données invalides.', ECHECS.donneesInvalides, issues);
}

function refuser(err: unknown): never {
  if (err instanceof RegleEnfreinte) throw ApplicationFailure.nonRetryable(err.message, ECHECS.etapeInvalide);
  throw err;
}

export async function parcoursWorkflow(input: ParcoursInput): Promise<VueParcours> {
  let etat: EtatParcours | null = input.reprise?.etat ?? null;
  let seq = input.reprise?.seq ?? 0;
  let occupe = false;
  /** Outbox keys waiting for delivery, carried over by continue-as-new; `enLivraison` while a batch is out. */
  const aLivrer: string[] = [...(input.reprise?.aLivrer ?? [])];
  let enLivraison = false;
  /** Webhook deliveries whose workflow is still to start, carried over by continue-as-new. */
  const aDemarrer: string[] = [...(input.reprise?.webhooks ?? [])];
  let enDemarrage = false;
  let fini = false;
  // On a queue of its own: a mail server that hangs holds delivery slots, never the parcours' own.
  const { livrerNotifications } = proxyActivities<Activities>({
    ...livraison,
    taskQueue: fileLivraisons(workflowInfo().taskQueue),
  });

  const politique =
    input.politique.suiteEscalade && !patched(PATCH_SUITE_ESCALADE)
      ? { ...input.politique, suiteEscalade: undefined }
      : input.politique;
  const ctx = () => ({ maintenant: new Date(), politique, seq: seq + 1 });

  /** An activity failed for good: the incident takes its own place in the timeline and flags the parcours. */
  async function signalerIncident(activite: 'projection' | 'livraison', objet: string, cause: string) {
    seq += 1;
    await enregistrerIncident({
      parcoursId: input.parcoursId,
      seq,
      activite,
      objet,
      cause,
      survenuLe: new Date().toISOString(),
    });
  }

  /** Applies decisions one at a time: the state, then the projection (and outbox); deliveries follow. */
  async function appliquer(acteur: string, decisions: Decision[]): Promise<void> {
    const projeter = patched(PATCH_PROJECTION_LOCALE) ? projeterLocalement : projeterParcours;
    const nouvelles: string[] = [];
    for (const d of decisions) {
      seq += 1;
      const precedente = etat;
      etat = d.etat;
      const { evenement, notifications } = sortiesDe(precedente, d, {
        seq,
        acteur,
        le: new Date(),
        usager: input.usager,
        envoie: { messages: () => patched(PATCH_MESSAGES_USAGER), courriers: () => patched(PATCH_COURRIERS_USAGER) },
      });
      const cles = notifications.map((n) => n.cle);
      try {
        // Projections recorded before webhooks returned nothing.
        const livraisons: string[] | undefined = await projeter({ vue: vueDe(etat), evenement, notifications });
        nouvelles.push(...cles);
        if (livraisons?.length && patched(PATCH_WEBHOOKS)) aDemarrer.push(...livraisons);
      } catch (err) {
        // The state stands (the workflow is the truth); the row lags behind until IT re-projects it.
        const cause = echecDefinitif(err);
        if (cause === undefined || !patched(PATCH_INCIDENTS)) throw err;
        await signalerIncident('projection', d.type, cause);
      }
      if (
        !precedente ||
        precedente.etape !== etat.etape ||
        precedente.territoireId !== etat.territoireId ||
        vueDe(precedente).enRetard !== vueDe(etat).enRetard
      ) {
        upsertSearchAttributes(attributsRecherche(etat));
      }
    }
    if (!nouvelles.length) return;
    if (patched(PATCH_LIVRAISON_HORS_MISE_A_JOUR)) aLivrer.push(...nouvelles);
    else await livrerDansLaMiseAJour({ cles: nouvelles });
  }

  /** Delivers the outbox in the background of the parcours, batch after batch, until the parcours ends. */
  async function livrer(): Promise<void> {
    for (;;) {
      await condition(() => aLivrer.length > 0 || fini);
      if (aLivrer.length === 0) return;
      const lot = aLivrer.slice();
      enLivraison = true;
      // Results recorded before the incidents patch have no `echecs`.
      const livre: { echecs?: string[] } = await livrerNotifications({ cles: lot });
      if (livre.echecs?.length && patched(PATCH_INCIDENTS))
        await signalerIncident('livraison', livre.echecs.join(' '), 'Refus définitif du serveur de courriel.');
      aLivrer.splice(0, lot.length);
      enLivraison = false;
    }
  }
  const livreur = livrer();

  /** Starts the workflow of each webhook delivery, off the Update path; each then runs on its own. */
  async function demarrerLivraisons(): Promise<void> {
    for (;;) {
      await condition(() => aDemarrer.length > 0 || fini);
      if (aDemarrer.length === 0) return;
      const lot = aDemarrer.slice();
      enDemarrage = true;
      await Promise.all(
        lot.map((livraisonId) =>
          startChild<typeof livraisonWebhookWorkflow>(WORKFLOWS.livraisonWebhook, {
            workflowId: workflowIdLivraison(livraisonId),
            args: [{ livraisonId }],
            parentClosePolicy: 'ABANDON',
          }).catch((err: unknown) => {
            // Already started (before a continue-as-new, or by a replay): it runs without us.
            // (The error's class is not exported to workflows: known by its name.)
            if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
          }),
        ),
      );
      aDemarrer.splice(0, lot.length);
      enDemarrage = false;
    }
  }
  const demarreur = demarrerLivraisons();

  /** Updates run one after the other: a handler sees the state left by the previous one. */
  async function enSerie<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !occupe);
    occupe = true;
    try {
      return await fn();
    } finally {
      occupe = false;
    }
  }

  setHandler(vueQuery, () => (etat ? vueDe(etat) : null));
  setHandler(etatQuery, () => etat);

  /** The premier accueil, from the Update or from the start's input (whichever comes first; the other is late). */
  async function accueillirUneFois({ acteur, donnees }: CommandeRecue<AccueilRecu>): Promise<VueParcours> {
    const accueil = schemaAccueil(donnees).parse(donnees);
    const base = {
      parcoursId: input.parcoursId,
      workflowId: workflowInfo().workflowId,
      usagerId: input.usagerId,
      departement: input.departement,
    };
    if (etat) throw ApplicationFailure.nonRetryable('Le premier accueil est déjà enregistré.', ECHECS.etapeInvalide);
    await appliquer(acteur, [accueillir(base, input.routage, accueil, ctx())]);
    return vueDe(etat!);
  }

  setHandler(accueillirUpdate, (accueil) => enSerie(() => accueillirUneFois(accueil)), {
    validator: ({ donnees }) => {
      if (etat) throw ApplicationFailure.nonRetryable('Le premier accueil est déjà enregistré.', ECHECS.etapeInvalide);
      const r = schemaAccueil(donnees).safeParse(donnees);
      if (!r.success) invalide(r.error.issues);
      // No parcours without an équipe that can act on it (the API routes before it starts the workflow).
      if (!input.routage)
        invalide([{ code: 'custom', path: ['routage'], message: 'Aucune équipe du département pour ce parcours.' }]);
    },
  });

  setHandler(ouvertUpdate, () => vueDe(etat!), {
    validator: () => {
      if (!etat)
        throw ApplicationFailure.nonRetryable('Le premier accueil n’est pas encore enregistré.', ECHECS.etapeInvalide);
    },
  });

  for (const type of TYPES_ACTION) {
    const schema: ZodType = ACTIONS[type].schema;
    const commande = (donnees: unknown): Commande => {
      const r = schema.safeParse(donnees);
      if (!r.success) invalide(r.error.issues);
      return { type, donnees: r.data } as Commande;
    };
    setHandler(
      commandeUpdate(type),
      ({ acteur, donnees }) =>
        enSerie(async () => {
          if (!etat)
            throw ApplicationFailure.nonRetryable(
              'Le premier accueil n’est pas encore enregistré.',
              ECHECS.etapeInvalide,
            );
          const c = commande(donnees);
          // The organisation is read here, in the handler (validators cannot do I/O), before anything changes:
          // whoever calls the Update (API, bulk reassignment, a script), a référent outside the équipe is refused.
          if (NOMMENT_UN_REFERENT.includes(type) && patched('referent-eligible')) {
            const referentId = (c.donnees as { referentId: string }).referentId;
            // A parcours oriented to a structure référente is followed by one of its référents.
            const eligibles = etat.structureId
              ? await referentsDeStructure(etat.structureId)
              : etat.equipeId
                ? await referentsEligibles(etat.equipeId)
                : [];
            if (!eligibles.includes(referentId))
              invalide([
                {
                  code: 'custom',
                  path: ['referentId'],
                  message: etat.structureId
                    ? 'Ce référent n’est pas un référent actif de la structure qui suit le parcours.'
                    : 'Ce référent n’est pas un référent actif de l’équipe qui suit le parcours.',
                },
              ]);
          }
          let structure: Contexte['structure'];
          const versStructure = type === 'orienter' ? (c.donnees as { structureId?: string }).structureId : undefined;
          if (versStructure) {
            const s = await structureOrientable({
              departement: etat.departement,
              structureId: versStructure,
              jour: new Date().toISOString(),
            });
            if (!s)
              invalide([
                {
                  code: 'custom',
                  path: ['structureId'],
                  message: 'Cette structure ne reçoit pas d’orientation (inconnue, désactivée ou hors convention).',
                },
              ]);
            structure = s;
          }
          if (type === 'rerouter') {
            const routage = c.donnees as { territoireId: string; equipeId: string };
            if (!(await routageValide({ ...routage, departement: etat.departement })))
              invalide([
                {
                  code: 'custom',
                  path: ['equipeId'],
                  message: EQUIPE_HORS_ROUTAGE,
                },
              ]);
          }
          let d: Decision;
          try {
            d = decider(etat, c, { ...ctx(), structure });
          } catch (err) {
            refuser(err);
          }
          await appliquer(acteur, [d]);
          return vueDe(etat);
        }),
      {
        validator: ({ donnees }) => {
          if (!etat)
            throw ApplicationFailure.nonRetryable(
              'Le premier accueil n’est pas encore enregistré.',
              ECHECS.etapeInvalide,
            );
          try {
            decider(etat, commande(donnees), ctx());
          } catch (err) {
            refuser(err);
          }
        },
      },
    );
  }

  setHandler(
    interimUpdate,
    ({ acteur, donnees }) =>
      enSerie(async () => {
        if (!etat)
          throw ApplicationFailure.nonRetryable(
            'Le premier accueil n’est pas encore enregistré.',
            ECHECS.etapeInvalide,
          );
        let d: Decision | null;
        try {
          d = donnees.interim
            ? confierInterim(etat, donnees.interim)
            : rendreAuTitulaire(etat, donnees.absenceId, new Date());
        } catch (err) {
          refuser(err);
        }
        if (d && patched(PATCH_INTERIM)) await appliquer(acteur, [d]);
        return vueDe(etat);
      }),
    {
      validator: ({ donnees }: CommandeRecue<ChangementInterim>) => {
        if (!etat)
          throw ApplicationFailure.nonRetryable(
            'Le premier accueil n’est pas encore enregistré.',
            ECHECS.etapeInvalide,
          );
        try {
          if (donnees.interim) confierInterim(etat, donnees.interim);
        } catch (err) {
          refuser(err);
        }
      },
    },
  );

  /** Wakes the parcours: what is due now, with who could take it when an escalation's chain is due. */
  async function reveillerMaintenant(): Promise<void> {
    const e = etat!;
    const repreneur =
      suitesDues(e, new Date()).length && (e.structureId || e.equipeId)
        ? await repreneurParcours({
            // A structure's parcours is taken by another of its référents, never by the département's.
            suivi: e.structureId ? { structureId: e.structureId } : { equipeId: e.equipeId! },
            usagerId: e.usagerId,
            exclus: [e.referentId, e.interim?.agentId].filter((x): x is string => !!x),
          })
        : undefined;
    await appliquer(ACTEUR_SYSTEME, reveiller(etat!, { ...ctx(), repreneur }));
  }

  // Only parcours imported before imports projected their opening take this path: the replays of the others
  // are unchanged without a patch.
  const accueilInitial = input.reprise ? undefined : input.accueil;
  if (accueilInitial)
    await enSerie(async () => {
      if (!etat) await accueillirUneFois(accueilInitial);
    });
  await condition(() => etat !== null);
  while (etat!.statut !== 'clos') {
    const vu = seq;
    const reveil = prochainReveil(etat!, politique);
    const delai = reveil ? Math.max(reveil.getTime() - Date.now(), 1) : undefined;
    // A durable timer raced against the updates: wakes at the next reminder or due date, or on any change.
    const change = delai === undefined ? await condition(() => seq !== vu) : await condition(() => seq !== vu, delai);
    if (!change) await enSerie(reveillerMaintenant);

    const info = workflowInfo();
    if (
      info.continueAsNewSuggested ||
      (input.seuilHistorique !== undefined && info.historyLength > input.seuilHistorique)
    ) {
      await condition(() => !occupe && !enLivraison && !enDemarrage && allHandlersFinished());
      await continueAsNew<typeof parcoursWorkflow>({
        ...input,
        reprise: { etat: etat!, seq, aLivrer, ...(aDemarrer.length ? { webhooks: aDemarrer } : {}) },
      });
    }
  }
  await condition(allHandlersFinished);
  fini = true;
  await livreur;
  await demarreur;
  return vueDe(etat!);
}
