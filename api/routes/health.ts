import type { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../infra/prisma';
import type { MembreCluster } from '../../infra/env';
import { membreTemporalPret } from '../../infra/temporal-cluster';
import { HttpError } from '../errors';
import { agentDe } from '../acces';

/** A delivery waiting longer than this is late (an SMTP or SMS provider outage, not a retry in progress). */
const LIVRAISON_EN_RETARD_S = 15 * 60;

async function check(fn: () => Promise<unknown>) {
  const start = Date.now();
  try {
    const detail = await fn();
    return { ok: true, latenceMs: Date.now() - start, ...(detail && typeof detail === 'object' ? detail : {}) };
  } catch (err) {
    return { ok: false, latenceMs: Date.now() - start, erreur: err instanceof Error ? err.message : String(err) };
  }
}

/** Whether one member of the system answers: Temporal services by gRPC health, workers and APIs over HTTP. */
async function verifierMembre(m: MembreCluster): Promise<void> {
  const http = async (url: string) => {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await r.body?.cancel();
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
  };
  if (m.role === 'parcours-worker') return http(`http://${m.adresse}/metrics`);
  if (m.role === 'api') return http(`${m.adresse}/health/processus`);
  if (!(await membreTemporalPret(m.role, m.adresse))) throw new Error('ne sert pas');
}

/**
 * Health, in two audiences. Load balancers and the other members: GET /health/processus (this process alone:
 * liveness) and GET /health (ready: every dependency answers, 503 otherwise), a status and nothing more.
 * Operators (administrateurs, signed in): GET /health/detail, each dependency — and in cluster mode every
 * member of the topology — with its latency and error, which says much about the infrastructure.
 */
export function healthRoutes(
  router: Router,
  deps: { db: Db; temporal: Client; taskQueue: string; membres?: MembreCluster[] },
): void {
  router.get('/health/processus', (_req, res) => {
    res.json({ pid: process.pid, rssMo: Math.round(process.memoryUsage().rss / 2 ** 20), depuisS: process.uptime() });
  });
  const etat = async () => {
    const [postgresql, temporal, worker, ...membres] = await Promise.all([
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
        return { pollers, identites: r.pollers?.map((p) => p.identity) };
      }),
      ...(deps.membres ?? []).map(async (m) => ({
        nom: m.nom,
        role: m.role,
        adresse: m.adresse,
        ...(await check(() => verifierMembre(m))),
      })),
    ]);
    const ok = postgresql.ok && temporal.ok && worker.ok && membres.every((m) => m.ok);
    return { ok, detail: { dependances: { postgresql, temporal, worker }, ...(deps.membres ? { membres } : {}) } };
  };
  /**
   * Deliveries (emails, SMS) waiting, as the outbox says: a mail server down shows here, as a backlog and its
   * last error. It never makes the API unready: steps do not wait on deliveries, they catch up when it returns.
   */
  const livraisons = () =>
    check(async () => {
      const [enAttente, plusAncienne, enEchec] = await Promise.all([
        deps.db.notification.count({ where: { statut: 'a_envoyer' } }),
        deps.db.notification.findFirst({
          where: { statut: 'a_envoyer' },
          orderBy: { creeLe: 'asc' },
          select: { creeLe: true },
        }),
        deps.db.notification.findFirst({
          where: { statut: 'a_envoyer', tentatives: { gt: 0 } },
          orderBy: { tentatives: 'desc' },
          select: { derniereErreur: true, tentatives: true },
        }),
      ]);
      const attenteS = plusAncienne ? Math.round((Date.now() - plusAncienne.creeLe.getTime()) / 1000) : 0;
      return {
        enAttente,
        attenteMaxS: attenteS,
        // Deliveries retry with backoff for minutes before anyone should worry.
        enRetard: attenteS > LIVRAISON_EN_RETARD_S,
        derniereErreur: enEchec?.derniereErreur ?? null,
      };
    });
  router.get('/health', async (_req, res) => {
    const { ok } = await etat();
    res.status(ok ? 200 : 503).json({ statut: ok ? 'ok' : 'degrade' });
  });
  router.get('/health/detail', async (req, res) => {
    if (!agentDe(req).roles.includes('administrateur'))
      throw new HttpError(403, 'role_insuffisant', 'Réservé aux administrateurs.');
    const [{ ok, detail }, envois] = await Promise.all([etat(), livraisons()]);
    res.status(ok ? 200 : 503).json({ statut: ok ? 'ok' : 'degrade', ...detail, livraisons: envois });
  });
}
