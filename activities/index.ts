import type { Db } from '../infra/prisma';
import { createProjectionActivities } from './projection';

export interface ActivityDeps {
  db: Db;
}

/** All activities, built from their dependencies (the worker and the tests provide them). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createProjectionActivities(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
