/**
 * Raw Temporal for the benchmarks' side-by-side figures: a workflow that waits, and answers an update by running
 * one activity (one PostgreSQL round trip), as a parcours step does at the least.
 */
import { condition, defineSignal, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export interface BrutActivites {
  brutActivite(n: number): Promise<number>;
}

export const brutUpdate = defineUpdate<number, [number]>('brut');
export const finSignal = defineSignal('fin');

const { brutActivite } = proxyActivities<BrutActivites>({ startToCloseTimeout: '30 seconds' });

/** With `n`, runs the activity at once, as a parcours started with its accueil records it (imports). */
export async function brutWorkflow(n?: number): Promise<void> {
  let fin = false;
  if (n !== undefined) await brutActivite(n);
  setHandler(brutUpdate, (n) => brutActivite(n));
  setHandler(finSignal, () => {
    fin = true;
  });
  await condition(() => fin);
}
