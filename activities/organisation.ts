import type { Db } from '../infra/prisma';
import { equipeDuDepartement } from '../lecture/routage';
import { conventionEnVigueur } from '../domain/organisation/structures';

/** What the parcours workflow asks of the organisation before it accepts a command (local activities). */
export function createOrganisationActivities(db: Db) {
  return {
    /** The agents who may be référent of a parcours of this équipe: active, with the référent role, in it. */
    async referentsEligibles(equipeId: string): Promise<string[]> {
      const agents = await db.agent.findMany({
        where: { equipeId, actif: true, roles: { has: 'referent' } },
        select: { id: true },
        orderBy: { id: 'asc' },
      });
      return agents.map((a) => a.id);
    },
    /** The référents of a structure référente: its active agents with the référent role. */
    async referentsDeStructure(structureId: string): Promise<string[]> {
      const agents = await db.agent.findMany({
        where: { structureId, actif: true, roles: { has: 'referent' } },
        select: { id: true },
        orderBy: { id: 'asc' },
      });
      return agents.map((a) => a.id);
    },
    /** A structure of the département that takes orientations on that day, with its délai; null otherwise. */
    async structureOrientable(q: {
      departement: string;
      structureId: string;
      jour: string;
    }): Promise<{ delaiDesignationJours: number } | null> {
      const s = await db.structureReferente.findFirst({ where: { id: q.structureId, departement: q.departement } });
      return s && conventionEnVigueur(s, new Date(q.jour)) ? { delaiDesignationJours: s.delaiDesignationJours } : null;
    },
    /** Whether a routing names an équipe of that territoire, in the département of the parcours. */
    async routageValide(r: { departement: string; territoireId: string; equipeId: string }): Promise<boolean> {
      return equipeDuDepartement(db, r.departement, r);
    },
  };
}
