/**
 * The parcours workflow: one per parcours, from premier accueil to clôture. Human steps arrive as Updates
 * (validated by the step rules of domain/parcours/transitions.ts: a rejected update changes nothing); délais
 * are durable timers raced against those updates; every change is projected to PostgreSQL by an activity.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ZodType } from 'zod';
import type { Activities } from '../activities';
import { ACTIONS, TYPES_ACTION, type Commande } from '../domain/parcours/actions';
import { accueilSchema } from '../domain/parcours/commandes';
import { vueDe, type EtatParcours, type VueParcours } from '../domain/parcours/etat';
import { ACTEUR_SYSTEME } from '../domain/parcours/evenement';
import type { Notification } from '../domain/parcours/notification';
import {
  accueillir,
  decider,
  prochainReveil,
  reveiller,
  RegleEnfreinte,
  type Decision,
} from '../domain/parcours/transitions';
import { ECHECS, accueillirUpdate, commandeUpdate, etatQuery, vueQuery, type ParcoursInput } from './messages';

const projection = { startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } } as const;
const { projeterParcours } = proxyActivities<Activities>(projection);
/**
 * The projection as a local activity: run by the worker inside the workflow task, no round trip through the
 * server's task queues (one workflow task per step instead of three). Deliveries are scheduled without being
 * awaited: an update answers once the read model is written, never waits for SMTP. Histories recorded before
 * this (activity, awaited delivery) replay on the old path.
 */
const { projeterParcours: projeterLocalement } = proxyLocalActivities<Activities>(projection);
const PROJECTION_LOCALE = 'projection-locale-livraison-differee';
const { livrerNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', maximumInterval: '30 minutes' },
});

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

  /** Deliveries scheduled and not finished: the run waits for them before continuing as new or ending. */
  let livraisons = 0;

  const ctx = () => ({ maintenant: new Date(), politique: input.politique, seq: seq + 1 });

  /** Applies decisions one at a time: the state, then the projection (and outbox), then the deliveries. */
  async function appliquer(acteur: string, decisions: Decision[]): Promise<void> {
    const local = patched(PROJECTION_LOCALE);
    const projeter = local ? projeterLocalement : projeterParcours;
    const aLivrer: string[] = [];
    for (const d of decisions) {
      seq += 1;
      const precedente = etat;
      etat = d.etat;
      const cles = d.notifications.map((_n: Notification, i) => `${etat!.workflowId}:${seq}:${i}`);
      await projeter({
        vue: vueDe(etat),
        evenement: { seq, type: d.type, acteur, survenuLe: new Date().toISOString(), donnees: d.donnees },
        notifications: d.notifications.map((n, i) => ({ ...n, cle: cles[i]! })),
      });
      aLivrer.push(...cles);
      if (
        !precedente ||
        precedente.etape !== etat.etape ||
        precedente.territoireId !== etat.territoireId ||
        vueDe(precedente).enRetard !== vueDe(etat).enRetard
      ) {
        upsertSearchAttributes({
          ParcoursEtape: [etat.etape],
          ParcoursTerritoire: etat.territoireId ? [etat.territoireId] : [],
          ParcoursEnRetard: [vueDe(etat).enRetard],
        });
      }
    }
    if (!aLivrer.length) return;
    if (!local) {
      await livrerNotifications({ cles: aLivrer });
      return;
    }
    // Retried until delivered (outbox keys make it idempotent); counted so that no run ends before it.
    livraisons++;
    const fin = () => void livraisons--;
    void livrerNotifications({ cles: aLivrer }).then(fin, fin);
  }

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

  setHandler(
    accueillirUpdate,
    ({ acteur, donnees }) =>
      enSerie(async () => {
        const accueil = accueilSchema.parse(donnees);
        const base = {
          parcoursId: input.parcoursId,
          workflowId: workflowInfo().workflowId,
          usagerId: input.usagerId,
          departement: input.departement,
        };
        if (etat)
          throw ApplicationFailure.nonRetryable('Le premier accueil est déjà enregistré.', ECHECS.etapeInvalide);
        await appliquer(acteur, [accueillir(base, input.routage, accueil, ctx())]);
        return vueDe(etat!);
      }),
    {
      validator: ({ donnees }) => {
        if (etat)
          throw ApplicationFailure.nonRetryable('Le premier accueil est déjà enregistré.', ECHECS.etapeInvalide);
        const r = accueilSchema.safeParse(donnees);
        if (!r.success) invalide(r.error.issues);
      },
    },
  );

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
          let d: Decision;
          try {
            d = decider(etat, commande(donnees), ctx());
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

  await condition(() => etat !== null);
  while (etat!.statut !== 'clos') {
    const vu = seq;
    const reveil = prochainReveil(etat!, input.politique);
    const delai = reveil ? Math.max(reveil.getTime() - Date.now(), 1) : undefined;
    // A durable timer raced against the updates: wakes at the next reminder or due date, or on any change.
    const change = delai === undefined ? await condition(() => seq !== vu) : await condition(() => seq !== vu, delai);
    if (!change) await enSerie(() => appliquer(ACTEUR_SYSTEME, reveiller(etat!, ctx())));

    const info = workflowInfo();
    if (
      info.continueAsNewSuggested ||
      (input.seuilHistorique !== undefined && info.historyLength > input.seuilHistorique)
    ) {
      await condition(() => !occupe && allHandlersFinished() && livraisons === 0);
      await continueAsNew<typeof parcoursWorkflow>({ ...input, reprise: { etat: etat!, seq } });
    }
  }
  await condition(() => allHandlersFinished() && livraisons === 0);
  return vueDe(etat!);
}
