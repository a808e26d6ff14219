import type { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../infra/prisma';

async function check(fn: () => Promise<unknown>) {
  const start = Date.now();
  try {
    const detail = await fn();
    return { ok: true, latenceMs: Date.now() - start, ...(detail && typeof detail === 'object' ? detail : {}) };
  } catch (err) {
    return { ok: false, latenceMs: Date.now() - start, erreur: err instanceof Error ? err.message : String(err) };
  }
}

/** GET /health: each dependency, so an IT team sees which one is down (503 when any is). */
export function healthRoutes(router: Router, deps: { db: Db; temporal: Client; taskQueue: string }): void {
  router.get('/health', async (_req, res) => {
    const [postgresql, temporal, worker] = await Promise.all([
      check(async () => {
        await deps.db.$queryRaw`SELECT 1`;
      }),
      check(async () => ({ serverVersion: (await deps.temporal.workflowService.getSystemInfo({})).serverVersion })),
      check(async () => {
        const r = await deps.temporal.workflowService.describeTaskQueue({
          namespace: deps.temporal.options.namespace,
          taskQueue: { name: deps.taskQueue },
        });
        const pollers = r.pollers?.length ?? 0;
        if (pollers === 0) throw new Error(`aucun worker n'écoute la file « ${deps.taskQueue} »`);
        return { pollers };
      }),
    ]);
    const ok = postgresql.ok && temporal.ok && worker.ok;
    res.status(ok ? 200 : 503).json({ statut: ok ? 'ok' : 'degrade', dependances: { postgresql, temporal, worker } });
  });
}
