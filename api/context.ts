import type { Client } from '@temporalio/client';
import type { Db } from '../infra/prisma';
import type { Logger } from '../infra/logger';
import type { ConfigAuth } from './auth';

export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  departement: string;
  logger: Logger;
  /** Verifies the person's links (LIEN_USAGER_SECRET); from the environment when absent. */
  secretLien?: string;
  /** Credentials of the SMS provider's callbacks (SMS_WEBHOOK_SECRET); from the environment when absent. */
  secretWebhookSms?: string;
  /** Openings of the person's page per address and minute; LIMITE_LIENS_MINUTE when absent. */
  limiteLiensMinute?: number;
  /** Sign-in configuration; from the environment when absent (api/auth.ts: dev mode refused in production). */
  auth?: ConfigAuth;
}

/** Who acts: the authenticated agent (api/acces.ts). */
export { acteurDe } from './acces';
