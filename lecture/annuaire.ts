import type { Db } from '../infra/prisma';
import type { Destinataire } from '../domain/parcours/notification';
import { agentQuiAgit } from '../domain/organisation/absences';

/** The email addresses behind a recipient (the organisation's agents, or the usager). */
export type Annuaire = (d: Destinataire) => Promise<string[]>;

export function annuaireDepuisDb(db: Db): Annuaire {
  return async (d) => {
    if (d.role === 'usager') {
      const u = await db.usager.findUnique({ where: { id: d.usagerId }, select: { email: true } });
      return u?.email ? [u.email] : [];
    }
    if (d.role === 'structure') {
      const agents = await db.agent.findMany({
        where: { structureId: d.structureId, actif: true },
        select: { email: true },
      });
      return agents.map((a) => a.email);
    }
    if (d.role === 'referent') {
      const a = await db.agent.findFirst({ where: { id: d.agentId, actif: true }, select: { email: true } });
      return a ? [a.email] : [];
    }
    if (!d.equipeId) return [];
    // A role of the équipe (its évaluateurs, its cadre): whoever is away is replaced by their intérim.
    const agents = await db.agent.findMany({
      where: { equipeId: d.equipeId, roles: { has: d.role }, actif: true },
      select: { id: true },
    });
    const maintenant = new Date();
    const absences = await db.absence.findMany({
      where: {
        agentId: { in: agents.map((a) => a.id) },
        statut: { in: ['prevue', 'en_cours'] },
        du: { lte: maintenant },
        au: { gt: maintenant },
      },
    });
    const ids = agents.map((a) =>
      agentQuiAgit(
        a.id,
        absences.map((x) => ({ ...x, du: x.du.toISOString(), au: x.au.toISOString() })),
        maintenant,
      ),
    );
    const destinataires = await db.agent.findMany({
      where: { id: { in: [...new Set(ids)] }, actif: true },
      select: { email: true },
      orderBy: { id: 'asc' },
    });
    return destinataires.map((a) => a.email);
  };
}
