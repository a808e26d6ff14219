/**
 * One partner delivery: posted, and retried with exponential backoff (domain/webhooks/evenements.ts) for as long
 * as the policy allows; then marked `echec`. Started by the parcours that recorded the event (a child left to
 * run on its own), or again by an administrator's replay.
 */
import { ActivityFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { REPRISE_LIVRAISON, type StatutLivraison } from '../domain/webhooks/evenements';
import { fileWebhooks } from './messages';

const { abandonnerLivraison, rouvrirLivraison } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export async function livraisonWebhookWorkflow({
  livraisonId,
  rejeu = false,
}: {
  livraisonId: string;
  /** An administrator's replay: the delivery is reopened first, unless another run already has it. */
  rejeu?: boolean;
}): Promise<StatutLivraison | 'deja_en_cours'> {
  if (rejeu && !(await rouvrirLivraison({ livraisonId }))) return 'deja_en_cours';
  const { livrerWebhook } = proxyActivities<Activities>({
    taskQueue: fileWebhooks(workflowInfo().taskQueue),
    // The HTTP call has its own 10 s timeout; the rest is two short writes.
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: REPRISE_LIVRAISON.dureeMaxMs,
    retry: {
      initialInterval: REPRISE_LIVRAISON.premierIntervalleMs,
      backoffCoefficient: REPRISE_LIVRAISON.coefficient,
      maximumInterval: REPRISE_LIVRAISON.intervalleMaxMs,
    },
  });
  try {
    return await livrerWebhook({ livraisonId });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await abandonnerLivraison({ livraisonId });
    return 'echec';
  }
}
