import type { Db } from '../../infra/prisma';
import type { AgentConnecte } from '../acces';
import { ROLES, type Role } from '../../domain/organisation/referentiel';

export type AgentActif = (
  where: { id: string } | { email: string },
  moyen: AgentConnecte['moyen'],
) => Promise<AgentConnecte | undefined>;

/** The signed-in agent: the active Agent row of the département served, by id or (case-insensitive) email. */
export function agentsActifs(db: Db, departement: string): AgentActif {
  return async (where, moyen) => {
    const a =
      'id' in where
        ? await db.agent.findUnique({
            where: { id: where.id },
            include: { equipe: { select: { territoireId: true } } },
          })
        : await db.agent.findFirst({
            where: { email: { equals: where.email, mode: 'insensitive' } },
            include: { equipe: { select: { territoireId: true } } },
          });
    if (!a || !a.actif || a.departement !== departement) return undefined;
    return {
      id: a.id,
      email: a.email,
      prenom: a.prenom,
      nom: a.nom,
      departement: a.departement,
      equipeId: a.equipeId,
      territoireId: a.equipe?.territoireId ?? null,
      structureId: a.structureId,
      moyen,
      roles: a.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    };
  };
}
