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
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ZodType } from 'zod';
import type { PolitiqueDelais } from '../domain/delais/politique';
import { vueDe, type EtatParcours, type VueParcours } from '../domain/parcours/etat';
import type { Notification } from '../domain/parcours/notification';
import * as schemas from '../domain/parcours/commandes';
import {
  accueillir,
  decider,
  type Routage,
  prochainReveil,
  reveiller,
  RegleEnfreinte,
  type Commande,
  type Decision,
} from '../domain/parcours/transitions';

export interface ParcoursInput {
  parcoursId: string;
  usagerId: string;
  departement: string;
  /** The délais policy in force when the parcours was opened: it stays with the parcours. */
  politique: PolitiqueDelais;
  /** Territoire and équipe the parcours lands in (automatic from the commune, or manual with a reason). */
  routage: Routage | null;
  /** Carried over by continue-as-new. */
  reprise?: { etat: EtatParcours; seq: number };
  /** Continue-as-new after this many history events even if Temporal does not suggest it yet (tests lower it). */
  seuilHistorique?: number;
}

export interface CommandeRecue<T> {
  acteur: string;
  donnees: T;
}

type Donnees<K extends Commande['type']> = Extract<Commande, { type: K }>['donnees'];

/** Each human step: its update name and the schema of its data (the same schema validates the API body). */
export const SCHEMAS_COMMANDES = {
  evaluer: schemas.evaluationSchema,
  orienter: schemas.orientationSchema,
  designerReferent: schemas.designationSchema,
  etablirPlan: schemas.planSchema,
  reviser: schemas.revueSchema,
  demanderReorientation: schemas.motifSchema,
  suspendre: schemas.motifSchema,
  reprendre: schemas.repriseSchema,
  prolonger: schemas.prolongationSchema,
  cloturer: schemas.clotureSchema,
  changerReferent: schemas.changementReferentSchema,
  planifierRendezVous: schemas.rendezVousSchema,
  relancer: schemas.relanceSchema,
} satisfies { [K in Commande['type']]: ZodType<Donnees<K>, unknown> };

export type TypeCommande = keyof typeof SCHEMAS_COMMANDES;

export const accueillirUpdate = defineUpdate<VueParcours, [CommandeRecue<schemas.Accueil>]>('accueillir');
export const commandeUpdate = <K extends TypeCommande>(type: K) =>
  defineUpdate<VueParcours, [CommandeRecue<Donnees<K>>]>(type);
export const changerReferentUpdate = commandeUpdate('changerReferent');
export const vueQuery = defineQuery<VueParcours | null>('vue');
export const etatQuery = defineQuery<EtatParcours | null>('etat');

const { projeterParcours } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});
const { livrerNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', maximumInterval: '30 minutes' },
});

const SYSTEME = 'systeme';

function invalide(issues: unknown): never {
  throw ApplicationFailure.nonRetryable('Données invalides.', 'DonneesInvalides', issues);
}

function refuser(err: unknown): never {
  if (err instanceof RegleEnfreinte) throw ApplicationFailure.nonRetryable(err.message, 'EtapeInvalide');
  throw err;
}

export async function parcoursWorkflow(input: ParcoursInput): Promise<VueParcours> {
  let etat: EtatParcours | null = input.reprise?.etat ?? null;
  let seq = input.reprise?.seq ?? 0;
  let occupe = false;

  const ctx = () => ({ maintenant: new Date(), politique: input.politique, seq: seq + 1 });

  /** Applies decisions one at a time: the state, then the projection (and outbox), then the deliveries. */
  async function appliquer(acteur: string, decisions: Decision[]): Promise<void> {
    const aLivrer: string[] = [];
    for (const d of decisions) {
      seq += 1;
      const precedente = etat;
      etat = d.etat;
      const cles = d.notifications.map((_n: Notification, i) => `${etat!.workflowId}:${seq}:${i}`);
      await projeterParcours({
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
    if (aLivrer.length) await livrerNotifications({ cles: aLivrer });
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
        const accueil = schemas.accueilSchema.parse(donnees);
        const base = {
          parcoursId: input.parcoursId,
          workflowId: workflowInfo().workflowId,
          usagerId: input.usagerId,
          departement: input.departement,
        };
        if (etat) throw ApplicationFailure.nonRetryable('Le premier accueil est déjà enregistré.', 'EtapeInvalide');
        await appliquer(acteur, [accueillir(base, input.routage, accueil, ctx())]);
        return vueDe(etat!);
      }),
    {
      validator: ({ donnees }) => {
        if (etat) throw ApplicationFailure.nonRetryable('Le premier accueil est déjà enregistré.', 'EtapeInvalide');
        const r = schemas.accueilSchema.safeParse(donnees);
        if (!r.success) invalide(r.error.issues);
      },
    },
  );

  for (const type of Object.keys(SCHEMAS_COMMANDES) as TypeCommande[]) {
    const schema: ZodType = SCHEMAS_COMMANDES[type];
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
            throw ApplicationFailure.nonRetryable('Le premier accueil n’est pas encore enregistré.', 'EtapeInvalide');
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
            throw ApplicationFailure.nonRetryable('Le premier accueil n’est pas encore enregistré.', 'EtapeInvalide');
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
    if (!change) await enSerie(() => appliquer(SYSTEME, reveiller(etat!, ctx())));

    const info = workflowInfo();
    if (
      info.continueAsNewSuggested ||
      (input.seuilHistorique !== undefined && info.historyLength > input.seuilHistorique)
    ) {
      await condition(() => !occupe && allHandlersFinished());
      await continueAsNew<typeof parcoursWorkflow>({ ...input, reprise: { etat: etat!, seq } });
    }
  }
  await condition(allHandlersFinished);
  return vueDe(etat!);
}
