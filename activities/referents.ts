import type { Db } from '../infra/prisma';

/** What the parcours workflow asks of the organisation before it accepts a référent (a local activity). */
export function createReferentsActivities(db: Db) {
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
  };
}
