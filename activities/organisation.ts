import type { Db } from '../infra/prisma';
import { equipeDuDepartement } from '../lecture/routage';

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
    /** Whether a routing names an équipe of that territoire, in the département of the parcours. */
    async routageValide(r: { departement: string; territoireId: string; equipeId: string }): Promise<boolean> {
      return equipeDuDepartement(db, r.departement, r);
    },
  };
}
