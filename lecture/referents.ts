import type { Db } from '../infra/prisma';
import { classerReferents, type CandidatReferent, type Proposition } from '../domain/organisation/referents';
import type { Pole } from '../domain/organisation/referentiel';

/** Open parcours (not closed) followed by each agent as référent, from the read model. */
export async function chargesReferents(db: Db, agentIds: string[]): Promise<Map<string, number>> {
  const rows = await db.parcours.groupBy({
    by: ['referentId'],
    where: { referentId: { in: agentIds }, statut: { not: 'clos' } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.referentId!, r._count._all]));
}

/** Who follows: an équipe of the département, or a structure référente. */
export type Suivi = { equipeId: string } | { structureId: string };

/** The active référents of an équipe (or a structure) with their caseload, optionally leaving some out. */
export async function candidatsReferents(db: Db, suivi: Suivi, exclus: string[] = []): Promise<CandidatReferent[]> {
  const agents = await db.agent.findMany({
    where: { ...suivi, actif: true, roles: { has: 'referent' }, id: { notIn: exclus } },
    orderBy: { id: 'asc' },
  });
  const charges = await chargesReferents(
    db,
    agents.map((a) => a.id),
  );
  return agents.map((a) => ({
    id: a.id,
    pole: a.pole as Pole | null,
    capacite: a.capacite,
    charge: charges.get(a.id) ?? 0,
  }));
}

/** Everyone who has been this usager's référent: on any of their parcours, and before each handover. */
export async function anciensReferents(db: Db, usagerId: string): Promise<string[]> {
  const parcours = await db.parcours.findMany({
    where: { usagerId },
    select: { referentId: true, evenements: { where: { type: 'changement_referent' }, select: { donnees: true } } },
  });
  const ids = parcours.flatMap((p) => [
    p.referentId,
    ...p.evenements.map((e) => (e.donnees as { ancienReferentId?: unknown }).ancienReferentId),
  ]);
  return [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
}

/** The ranked référents of an équipe for an usager: the proposal a cadre confirms or overrides. */
export async function proposerReferents(db: Db, suivi: Suivi, usagerId?: string): Promise<Proposition[]> {
  const [candidats, anciens] = await Promise.all([
    candidatsReferents(db, suivi),
    usagerId ? anciensReferents(db, usagerId) : [],
  ]);
  return classerReferents(candidats, { anciensReferents: anciens });
}
