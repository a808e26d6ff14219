import type { Db } from '../infra/prisma';
import type { Destinataire } from '../domain/parcours/notification';

/** The email addresses behind a recipient (the organisation's agents, or the usager). */
export type Annuaire = (d: Destinataire) => Promise<string[]>;

export function annuaireDepuisDb(db: Db): Annuaire {
  return async (d) => {
    if (d.role === 'usager') {
      const u = await db.usager.findUnique({ where: { id: d.usagerId }, select: { email: true } });
      return u?.email ? [u.email] : [];
    }
    const where =
      d.role === 'referent'
        ? { id: d.agentId }
        : d.role === 'structure'
          ? { structureId: d.structureId }
          : d.equipeId
            ? { equipeId: d.equipeId, roles: { has: d.role } }
            : null;
    if (!where) return [];
    const agents = await db.agent.findMany({ where: { ...where, actif: true }, select: { email: true } });
    return agents.map((a) => a.email);
  };
}
