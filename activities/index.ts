import type { Client } from '@temporalio/client';
import type { Db } from '../infra/prisma';
import type { Mailer } from '../infra/mailer';
import { createProjectionActivities } from './projection';
import { createReassignationActivities } from './reassignation';
import { createRetentionActivities } from './retention';
import { createOrganisationActivities } from './organisation';
import { createNotificationActivities } from './notifications';
import { createFluxActivities } from './flux';
import { annuaireDepuisDb, type Annuaire } from '../lecture/annuaire';

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  /** Defaults to the organisation's agents and the usagers in PostgreSQL. */
  annuaire?: Annuaire;
  /** Base URL of the screens, for links in emails. */
  urlApplication?: string;
  /** For activities that act on other workflows (bulk reassignment of référents, imports of lists). */
  temporal?: Client;
}

/** All activities, built from their dependencies (the worker and the tests provide them). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createProjectionActivities(deps.db),
    ...createReassignationActivities(deps.db, deps.temporal),
    ...createRetentionActivities(deps.db),
    ...createOrganisationActivities(deps.db),
    ...createFluxActivities(deps.db, deps.temporal),
    ...createNotificationActivities({
      db: deps.db,
      mailer: deps.mailer,
      annuaire: deps.annuaire ?? annuaireDepuisDb(deps.db),
      urlApplication: deps.urlApplication ?? 'http://127.0.0.1:3000',
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
