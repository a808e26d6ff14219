import type { Db } from '../infra/prisma';
import { equipeDuDepartement } from '../lecture/routage';
import { conventionEnVigueur } from '../domain/organisation/structures';
import { anciensReferents, candidatsReferents, type Suivi } from '../lecture/referents';
import { classerReferents } from '../domain/organisation/referents';

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
    /**
     * Who takes a parcours whose escalation went unanswered: the best-ranked référent of its équipe (the
     * designation's ranking, without the current référent and intérim) who still has room; null if none has.
     */
    async repreneurParcours(p: {
      suivi: Suivi;
      usagerId: string;
      exclus: string[];
    }): Promise<{ agentId: string; nom: string } | null> {
      const [candidats, anciens] = await Promise.all([
        candidatsReferents(db, p.suivi, p.exclus),
        anciensReferents(db, p.usagerId),
      ]);
      const premier = classerReferents(candidats, { anciensReferents: anciens }).find((x) => !x.complet);
      if (!premier) return null;
      const a = await db.agent.findUniqueOrThrow({
        where: { id: premier.agentId },
        select: { prenom: true, nom: true },
      });
      return { agentId: premier.agentId, nom: `${a.prenom} ${a.nom}` };
    },
    /** Whether a routing names an équipe of that territoire, in the département of the parcours. */
    async routageValide(r: { departement: string; territoireId: string; equipeId: string }): Promise<boolean> {
      return equipeDuDepartement(db, r.departement, r);
    },
  };
}
