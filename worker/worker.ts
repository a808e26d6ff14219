import path from 'node:path';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type Activities, type ActivityDeps } from '../activities';
import { fileLivraisons, fileWebhooks } from '../workflows/messages';

export const workflowsPath = path.join(__dirname, '..', 'workflows', 'index.ts');

/** Email deliveries in flight at once: a mail server that hangs holds at most these, never the parcours' slots. */
export const LIVRAISONS_SIMULTANEES = 10;
/** Webhook posts in flight at once (each gives up after 10 s): partners that hang never hold emails' slots. */
export const WEBHOOKS_SIMULTANES = 20;

/**
 * Worker tuning. A parcours sleeps for weeks between steps: keeping it in the sticky cache costs memory for
 * nothing, replaying its short history when it wakes is cheap; the cache only serves steps taken in a row. The
 * SDK's default (≈ 2,300 workflows, from the heap limit) let a worker reach 1.5 GB at 1,000 open parcours; with
 * 250 and the heap bounded (start-cluster.ts, docker-compose.yml) it stays near 1 GB. Figures: README, bench/.
 */
export interface WorkerTuning {
  /** Workflows kept in memory between tasks (each parcours ≈ 1.3 MB in the cache). */
  cacheWorkflows?: number;
  tachesWorkflow?: number;
  tachesActivite?: number;
}

export const TUNING_PAR_DEFAUT: Required<WorkerTuning> = {
  cacheWorkflows: 250,
  tachesWorkflow: 40,
  tachesActivite: 40,
};

/** The parcours worker and its delivery worker, run and stopped together. */
export interface WorkersParcours {
  run(): Promise<void>;
  shutdown(): void;
  getState(): ReturnType<Worker['getState']>;
}

/**
 * The worker that runs parcours workflows and their activities on one task queue, and beside it the worker of
 * their email deliveries on a queue of its own (workflows/messages.ts `fileLivraisons`).
 */
export async function createParcoursWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A pre-built bundle (tests build it once); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  /** Tests wrap some activities (fault injection). */
  envelopper?: (a: Activities) => Partial<Activities>;
  tuning?: WorkerTuning;
}): Promise<WorkersParcours> {
  const t = opts.tuning ?? {};
  const reelles = createActivities(opts.deps);
  const activities = { ...reelles, ...opts.envelopper?.(reelles) };
  const [parcours, livraisons, webhooks] = await Promise.all([
    Worker.create({
      connection: opts.connection,
      namespace: opts.namespace,
      taskQueue: opts.taskQueue,
      ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
      activities,
      maxCachedWorkflows: t.cacheWorkflows ?? TUNING_PAR_DEFAUT.cacheWorkflows,
      maxConcurrentWorkflowTaskExecutions: t.tachesWorkflow ?? TUNING_PAR_DEFAUT.tachesWorkflow,
      maxConcurrentActivityTaskExecutions: t.tachesActivite ?? TUNING_PAR_DEFAUT.tachesActivite,
      maxConcurrentLocalActivityExecutions: t.tachesActivite ?? TUNING_PAR_DEFAUT.tachesActivite,
      // After a worker dies, its workflows' next tasks wait this long on its sticky queue before any other
      // worker takes them (default 10 s, plus the update's own retry): short, so no request waits much.
      stickyQueueScheduleToStartTimeout: '2 seconds',
    }),
    Worker.create({
      connection: opts.connection,
      namespace: opts.namespace,
      taskQueue: fileLivraisons(opts.taskQueue),
      activities: { livrerNotifications: activities.livrerNotifications },
      maxConcurrentActivityTaskExecutions: LIVRAISONS_SIMULTANEES,
    }),
    Worker.create({
      connection: opts.connection,
      namespace: opts.namespace,
      taskQueue: fileWebhooks(opts.taskQueue),
      activities: { livrerWebhook: activities.livrerWebhook },
      maxConcurrentActivityTaskExecutions: WEBHOOKS_SIMULTANES,
    }),
  ]);
  return {
    run: async () => {
      await Promise.all([parcours.run(), livraisons.run(), webhooks.run()]);
    },
    shutdown: () => {
      for (const w of [parcours, livraisons, webhooks]) if (w.getState() === 'RUNNING') w.shutdown();
    },
    getState: () => parcours.getState(),
  };
}
