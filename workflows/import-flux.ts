import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SourceFlux } from '../domain/flux/sources';

const { importerLotFlux, terminerImportFlux } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

/** Rows per activity, and activities at once: bounded, so that an import does not starve agents' steps. */
const LOT = 50;
const PARALLELES = 4;

export interface ImportFluxInput {
  importId: string;
  departement: string;
  source: SourceFlux;
  acteur: string;
  /** The parcours workflows' task queue. */
  taskQueue: string;
  /** Last row number of the file (the header is row 1). */
  dernierRang: number;
  /** Carried over by continue-as-new. */
  depuis?: number;
}

/**
 * An import of a partner's list, durable: rows were recorded in PostgreSQL before it started; it takes them
 * lot by lot (each row opening or updating one person's parcours), resumes where it was after a crash, and
 * never applies a row twice (activities/flux.ts). Returns the report.
 */
export async function importFluxWorkflow(input: ImportFluxInput) {
  const { dernierRang, depuis = 2 } = input;
  for (let de = depuis; de <= dernierRang; de += LOT * PARALLELES) {
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof importFluxWorkflow>({ ...input, depuis: de });
    const lots = [];
    for (let k = de; k < Math.min(de + LOT * PARALLELES, dernierRang + 1); k += LOT) lots.push(k);
    await Promise.all(lots.map((k) => importerLotFlux({ ...input, de: k, a: Math.min(k + LOT, dernierRang + 1) })));
  }
  return terminerImportFlux(input.importId);
}
