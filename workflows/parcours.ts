import { condition, defineQuery, defineUpdate, proxyActivities, setHandler, workflowInfo, ApplicationFailure } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Evenement, VueParcours } from '../domain/parcours/evenement';
import { accueilSchema, type Accueil } from '../domain/parcours/commandes';

export interface ParcoursInput {
  parcoursId: string;
  usagerId: string;
  departement: string;
}

export interface Commande<T> {
  acteur: string;
  donnees: T;
}

export const accueillirUpdate = defineUpdate<VueParcours, [Commande<Accueil>]>('accueillir');
export const vueQuery = defineQuery<VueParcours | null>('vue');

const { projeterParcours } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export async function parcoursWorkflow(input: ParcoursInput): Promise<VueParcours> {
  let vue: VueParcours | null = null;
  let seq = 0;

  async function enregistrer(type: string, acteur: string, donnees: Record<string, unknown>, suivante: VueParcours) {
    const evenement: Evenement = { seq: ++seq, type, acteur, survenuLe: new Date().toISOString(), donnees };
    await projeterParcours({ vue: suivante, evenement });
    vue = suivante;
  }

  setHandler(vueQuery, () => vue);
  setHandler(
    accueillirUpdate,
    async ({ acteur, donnees }) => {
      const accueil = accueilSchema.parse(donnees);
      const now = new Date().toISOString();
      await enregistrer('accueil', acteur, accueil, {
        parcoursId: input.parcoursId,
        workflowId: workflowInfo().workflowId,
        usagerId: input.usagerId,
        departement: input.departement,
        etape: 'evaluation',
        statut: 'actif',
        besoins: accueil.besoins.map((b) => b.domaine),
        urgence: accueil.urgence,
        lieuAccueilId: accueil.lieuAccueilId ?? null,
        territoireId: null,
        equipeId: null,
        referentId: null,
        typeAccompagnement: null,
        echeance: null,
        enRetard: false,
        etapeDepuis: now,
        ouvertLe: now,
        closLe: null,
        motifCloture: null,
      });
      return vue!;
    },
    {
      validator: ({ donnees }) => {
        if (vue) throw ApplicationFailure.nonRetryable('Le premier accueil est déjà enregistré.', 'EtapeInvalide');
        const parsed = accueilSchema.safeParse(donnees);
        if (!parsed.success) throw ApplicationFailure.nonRetryable('Données invalides.', 'DonneesInvalides', parsed.error.issues);
      },
    },
  );

  await condition(() => vue?.statut === 'clos');
  return vue!;
}
