import type { Client } from '@temporalio/client';
import type { Db } from '../infra/prisma';
import type { Mailer } from '../infra/mailer';
import { createProjectionActivities } from './projection';
import { createReassignationActivities } from './reassignation';
import { createRetentionActivities } from './retention';
import { createOrganisationActivities } from './organisation';
import { createNotificationActivities } from './notifications';
import { createIncidentActivities } from './incidents';
import { createFluxActivities } from './flux';
import { createSessionActivities } from './sessions';
import { createWebhookActivities } from './webhooks';
import { createAbsenceActivities } from './absences';
import { createSimulationActivities, type OptionsSimulation } from './simulation';
import { annuaireDepuisDb, type Annuaire } from '../lecture/annuaire';
import type { FournisseurSms } from '../infra/sms';
import { SECRET_LIEN_DEVELOPPEMENT } from '../infra/env';

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  /** Defaults to the organisation's agents and the usagers in PostgreSQL. */
  annuaire?: Annuaire;
  /** Base URL of the screens, for links in emails. */
  urlApplication?: string;
  /** SMS to the person (infra/sms.ts); without it, email only. */
  sms?: FournisseurSms;
  /** Signs the person's links (LIEN_USAGER_SECRET, infra/env.ts). */
  secretLien?: string;
  /** For activities that act on other workflows (bulk reassignment of référents, imports of lists, sessions). */
  temporal?: Client;
  /** Where the screen's what-if simulations run (activities/simulation.ts). */
  simulation?: OptionsSimulation;
}

/** All activities, built from their dependencies (the worker and the tests provide them). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createProjectionActivities(deps.db),
    ...createReassignationActivities(deps.db, deps.temporal),
    ...createRetentionActivities(deps.db),
    ...createOrganisationActivities(deps.db),
    ...createIncidentActivities(deps.db),
    ...createFluxActivities(deps.db, deps.temporal),
    ...createSessionActivities(deps.db, deps.temporal),
    ...createWebhookActivities(deps.db),
    ...createAbsenceActivities(deps.db, deps.temporal),
    ...createSimulationActivities(deps.db, deps.simulation),
    ...createNotificationActivities({
      db: deps.db,
      mailer: deps.mailer,
      annuaire: deps.annuaire ?? annuaireDepuisDb(deps.db),
      urlApplication: deps.urlApplication ?? 'http://127.0.0.1:3000',
      sms: deps.sms,
      secretLien: deps.secretLien ?? SECRET_LIEN_DEVELOPPEMENT,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
