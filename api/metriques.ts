import type { Express } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../infra/prisma';

/**
 * Prometheus metrics for IT (GET /metrics): latency and errors per route, and the state of the read model —
 * open parcours per step, overdue ones, outbox messages and partners' webhooks waiting for delivery or failed —
 * computed when scraped. The
 * workers' Temporal SDK metrics have their own endpoint (WORKER_METRICS_ADDRESS).
 */
export function metriques(app: Express, db: Db): void {
  const registre = new Registry();
  collectDefaultMetrics({ register: registre });
  const duree = new Histogram({
    name: 'http_requete_duree_secondes',
    help: 'Durée des requêtes HTTP, par route',
    labelNames: ['methode', 'route', 'statut'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registre],
  });
  const erreurs = new Counter({
    name: 'http_erreurs_total',
    help: 'Réponses en erreur (4xx, 5xx), par route',
    labelNames: ['methode', 'route', 'statut'],
    registers: [registre],
  });
  new Gauge({
    name: 'parcours_actifs',
    help: 'Parcours ouverts (actifs ou suspendus), par étape',
    labelNames: ['etape'],
    registers: [registre],
    async collect() {
      const parEtape = await db.parcours.groupBy({ by: ['etape'], where: { statut: { not: 'clos' } }, _count: true });
      this.reset();
      for (const e of parEtape) this.set({ etape: e.etape }, e._count);
    },
  });
  new Gauge({
    name: 'parcours_en_retard',
    help: 'Parcours ouverts dont l’échéance est passée',
    registers: [registre],
    async collect() {
      this.set(await db.parcours.count({ where: { enRetard: true, statut: { not: 'clos' } } }));
    },
  });
  new Gauge({
    name: 'courriels_en_attente',
    help: 'Messages de l’outbox pas encore remis (file de livraison)',
    registers: [registre],
    async collect() {
      this.set(await db.notification.count({ where: { statut: 'a_envoyer' } }));
    },
  });
  new Gauge({
    name: 'webhooks_livraisons',
    help: 'Livraisons aux systèmes partenaires en attente (reprises en cours) ou en échec (à rejouer)',
    labelNames: ['statut'],
    registers: [registre],
    async collect() {
      for (const statut of ['en_attente', 'echec'])
        this.set({ statut }, await db.livraisonWebhook.count({ where: { statut } }));
    },
  });

  app.use((req, res, next) => {
    const fin = duree.startTimer();
    res.once('finish', () => {
      // The route's pattern (/parcours/:id), never the path itself: no identifiers in the labels.
      const route = (req.route as { path?: string } | undefined)?.path ?? 'hors_route';
      const labels = { methode: req.method, route, statut: String(res.statusCode) };
      fin(labels);
      if (res.statusCode >= 400) erreurs.inc(labels);
    });
    next();
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registre.contentType).send(await registre.metrics());
  });
}
