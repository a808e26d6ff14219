import path from 'node:path';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type Activities, type ActivityDeps } from '../activities';
import { fileLivraisons } from '../workflows/messages';

export const workflowsPath = path.join(__dirname, '..', 'workflows', 'index.ts');

/** Email deliveries in flight at once: a mail server that hangs holds at most these, never the parcours' slots. */
const LIVRAISONS_SIMULTANEES = 10;

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
}): Promise<WorkersParcours> {
  const reelles = createActivities(opts.deps);
  const activities = { ...reelles, ...opts.envelopper?.(reelles) };
  const [parcours, livraisons] = await Promise.all([
    Worker.create({
      connection: opts.connection,
      namespace: opts.namespace,
      taskQueue: opts.taskQueue,
      ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
      activities,
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
  ]);
  return {
    run: async () => {
      await Promise.all([parcours.run(), livraisons.run()]);
    },
    shutdown: () => {
      for (const w of [parcours, livraisons]) if (w.getState() === 'RUNNING') w.shutdown();
    },
    getState: () => parcours.getState(),
  };
}
