/**
 * The access journal (AuditAcces): who read or wrote which usager's data, when, from where. Written by
 * route() for every endpoint whose permission touches personal data; read by administrators only; no route
 * changes it, and the database refuses UPDATE, DELETE and TRUNCATE on it (trigger in the migration).
 */
import type { Request, Response } from 'express';
import type { Db } from '../infra/prisma';

export interface EntreeJournal {
  req: Request;
  res: Response;
  operation: 'lecture' | 'ecriture';
  route: string;
  statut: number;
}

export function journalAcces(db: Db) {
  return async ({ req, res, operation, route, statut }: EntreeJournal): Promise<void> => {
    const usagers = [...((res.locals.auditUsagers as Set<string> | undefined) ?? [])];
    await db.auditAcces.create({
      data: {
        agentId: req.agent?.id ?? null,
        moyen: req.agent?.moyen ?? null,
        operation,
        route,
        chemin: req.path.slice(0, 500),
        statut,
        usagers,
        ip: req.ip ?? null,
      },
    });
  };
}
