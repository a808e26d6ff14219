/** The worker of raw Temporal for the benchmarks' side-by-side figures, on a task queue of its own. */
import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { BrutActivites } from './brut-workflows';

export async function demarrerBrut(
  temporal: string,
  pool: Pool,
): Promise<{ file: string; faites(): number; arreter(): Promise<void> }> {
  const file = `banc-brut-${randomUUID().slice(0, 8)}`;
  let faites = 0;
  // One PostgreSQL round trip, as a parcours step does at the least.
  const activites: BrutActivites = {
    async brutActivite(x) {
      await pool.query('SELECT 1');
      faites++;
      return x;
    },
  };
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: temporal }),
    taskQueue: file,
    workflowsPath: require.resolve('./brut-workflows'),
    activities: activites,
  });
  const tourne = worker.run();
  return {
    file,
    /** Activities run so far. */
    faites: () => faites,
    async arreter() {
      worker.shutdown();
      await tourne;
    },
  };
}
