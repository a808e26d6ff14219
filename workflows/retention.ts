import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';

type BilanRetention = Awaited<ReturnType<Activities['anonymiserDossiersEchus']>>;

const { anonymiserDossiersEchus } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  retry: { maximumInterval: '10 minutes' },
});

export interface RetentionInput {
  departement: string;
  conservationMois: number;
  /** The instant to count from; default: the workflow's own time (the schedule's run). Tests inject it. */
  maintenant?: string;
}

/** One RGPD retention run, started every night by the Temporal schedule `retention-<departement>`. */
export async function retentionWorkflow(input: RetentionInput): Promise<BilanRetention> {
  const maintenant = input.maintenant ?? workflowInfo().startTime.toISOString();
  return anonymiserDossiersEchus({
    departement: input.departement,
    conservationMois: input.conservationMois,
    maintenant,
  });
}
