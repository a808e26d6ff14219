import type { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../infra/prisma';
import { HttpError } from '../errors';
import { agentDe } from '../acces';

async function check(fn: () => Promise<unknown>) {
  const start = Date.now();
  try {
    const detail = await fn();
    return { ok: true, latenceMs: Date.now() - start, ...(detail && typeof detail === 'object' ? detail : {}) };
  } catch (err) {
    return { ok: false, latenceMs: Date.now() - start, erreur: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Health, in two audiences. Load balancers: `/health/live` (the process answers) and `/health` (ready: every
 * dependency answers; 503 otherwise), with nothing more than a status. Operators (administrateurs, signed in):
 * `/health/detail`, each dependency with its latency and error, which says much about the infrastructure.
 */
export function healthRoutes(router: Router, deps: { db: Db; temporal: Client; taskQueue: string }): void {
  const dependances = async () => {
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
    return { ok: postgresql.ok && temporal.ok && worker.ok, detail: { postgresql, temporal, worker } };
  };
  router.get('/health/live', (_req, res) => {
    res.json({ statut: 'ok' });
  });
  router.get('/health', async (_req, res) => {
    const { ok } = await dependances();
    res.status(ok ? 200 : 503).json({ statut: ok ? 'ok' : 'degrade' });
  });
  router.get('/health/detail', async (req, res) => {
    if (!agentDe(req).roles.includes('administrateur'))
      throw new HttpError(403, 'role_insuffisant', 'Réservé aux administrateurs.');
    const { ok, detail } = await dependances();
    res.status(ok ? 200 : 503).json({ statut: ok ? 'ok' : 'degrade', dependances: detail });
  });
}
