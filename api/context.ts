import type { Request } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../infra/prisma';
import type { Logger } from '../infra/logger';

export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  departement: string;
  logger: Logger;
}

/** Who acts. Until sign-in exists (access issue), the caller names the agent in `X-Agent`. */
export function acteurDe(req: Request): string {
  const agent = req.header('x-agent');
  return agent && /^[\w.@-]{1,100}$/.test(agent) ? agent : 'agent-non-identifie';
}
