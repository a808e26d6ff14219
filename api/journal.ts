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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The usagers a refused request was about, from the ids it names (path, query or body: a parcours or a
 * usager): the handler stopped before it could say (out of scope reads as not found), but whoever was
 * targeted must show in their journal. Looked up here only, never answered.
 */
async function usagersVises(db: Db, req: Request): Promise<string[]> {
  const ids = [req.params?.id, req.query?.usagerId, (req.body as { usagerId?: unknown } | undefined)?.usagerId].filter(
    (x): x is string => typeof x === 'string' && UUID.test(x),
  );
  if (!ids.length) return [];
  const [parcours, usagers] = await Promise.all([
    db.parcours.findMany({ where: { id: { in: ids } }, select: { usagerId: true } }),
    db.usager.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  ]);
  return [...new Set([...parcours.map((p) => p.usagerId), ...usagers.map((u) => u.id)])];
}

export function journalAcces(db: Db) {
  return async ({ req, res, operation, route, statut }: EntreeJournal): Promise<void> => {
    let usagers = [...((res.locals.auditUsagers as Set<string> | undefined) ?? [])];
    if (!usagers.length && (statut === 403 || statut === 404)) usagers = await usagersVises(db, req);
    // Raw: Prisma compiles each query it sends, which cost more than the insert on every personal-data route.
    await db.$executeRaw`
      INSERT INTO "AuditAcces" ("agentId", moyen, operation, route, chemin, statut, usagers, ip)
      VALUES (${req.agent?.id ?? null}, ${req.agent?.moyen ?? null}, ${operation}, ${route}, ${req.path.slice(0, 500)},
              ${statut}, ${usagers}::text[], ${req.ip ?? null})`;
  };
}
