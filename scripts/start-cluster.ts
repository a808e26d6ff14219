/**
 * `npm run start:cluster`: the production topology on this machine. Temporal on PostgreSQL with its services as
 * separate processes (frontend, two history, matching, worker), two parcours workers and two API processes, on
 * the embedded PostgreSQL (or DATABASE_URL). Ctrl-C stops every process; data stays in DATA_DIR.
 */
import path from 'node:path';
import { loadEnv, projectRoot, type MembreCluster } from '../infra/env';
import { logger } from '../infra/logger';
import { createPrisma } from '../infra/prisma';
import { run } from '../infra/run';
import { startServices } from '../infra/services';
import { startMembre, waitUntilReady, type Membre } from '../infra/processes';
import { amorcerReferentiel } from '../imports/referentiel';

const WORKERS = 2;
const APIS = 2;
/**
 * The workers' V8 heap, bounded: with Node's default limit (a quarter of the RAM) garbage is collected lazily and
 * a worker's RSS climbed past 1.5 GB with 1,000 open parcours; at 1 GB it stays near 1 GB (bench/, README).
 */
const HEAP_WORKER_MO = 1024;
/** Prometheus endpoints of the workers' SDK metrics: 9464, 9465… */
const PORT_METRIQUES_WORKER = 9464;

run(async () => {
  const env = loadEnv();
  const debut = Date.now();
  // Ctrl-C while starting: exit at once; the members already started are killed on exit (infra/processes.ts).
  let demarre = false;
  const arretDemande = new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const)
      process.once(sig, () => {
        if (!demarre) process.exit(130);
        resolve();
      });
  });
  const services = await startServices(env, logger, { temporal: 'cluster' });
  const processus: Membre[] = [];
  try {
    const db = createPrisma(services.databaseUrl, { max: 2 });
    await amorcerReferentiel(db, logger).finally(() => db.$disconnect());

    const workers = Array.from({ length: WORKERS }, (_, i) => ({
      nom: `parcours-worker-${i + 1}`,
      role: 'parcours-worker' as const,
      adresse: `127.0.0.1:${PORT_METRIQUES_WORKER + i}`,
    }));
    const apis = Array.from({ length: APIS }, (_, i) => ({
      nom: `api-${i + 1}`,
      role: 'api' as const,
      adresse: `http://${env.HOST}:${env.PORT + i}`,
    }));
    const membres: MembreCluster[] = [...(services.temporalMembres ?? []), ...workers, ...apis];
    const base = {
      ...process.env,
      DATABASE_URL: services.databaseUrl,
      TEMPORAL_ADDRESS: services.temporalAddress,
      SMTP_URL: services.smtpUrl,
      CLUSTER_MEMBRES: JSON.stringify(membres),
    };
    const lancer = (nom: string, script: string, extra: NodeJS.ProcessEnv, nodeArgs: string[] = []) =>
      startMembre({
        nom,
        command: process.execPath,
        args: [...nodeArgs, '--import', 'tsx', script],
        cwd: projectRoot,
        env: { ...base, ...extra },
        logFile: path.join(env.DATA_DIR, 'logs', `${nom}.log`),
      });
    for (const w of workers) {
      const m = lancer(w.nom, 'worker/main.ts', { WORKER_METRICS_ADDRESS: w.adresse }, [
        `--max-old-space-size=${HEAP_WORKER_MO}`,
      ]);
      processus.push(m);
      await waitUntilReady(m, async () => {
        const r = await fetch(`http://${w.adresse}/metrics`);
        if (!r.ok) throw new Error(String(r.status));
      });
    }
    for (const [i, a] of apis.entries()) {
      const m = lancer(a.nom, 'api/main.ts', { PORT: String(env.PORT + i) });
      processus.push(m);
      await waitUntilReady(m, async () => {
        const r = await fetch(`${a.adresse}/health/processus`);
        if (!r.ok) throw new Error(String(r.status));
      });
    }
    logger.info(
      {
        apis: apis.map((a) => a.adresse),
        secondes: Math.round((Date.now() - debut) / 1000),
        journaux: path.join(env.DATA_DIR, 'logs'),
      },
      `Parcours Solidarités (cluster) est démarré : ${membres.length} processus (Ctrl-C pour arrêter)`,
    );
    demarre = true;
    let arret = false;
    // A member that dies is reported; the others go on, as in a cluster (its journal says why).
    for (const m of processus)
      void m.exited.then(() => arret || logger.error({ membre: m.nom }, 'un processus s’est arrêté'));
    await arretDemande;
    arret = true;
    logger.info('arrêt en cours…');
  } finally {
    // APIs first, then workers (they finish their tasks), then Temporal, SMTP and PostgreSQL.
    for (const m of processus.reverse()) await m.stop();
    await services.stop();
  }
  logger.info('arrêté');
});
