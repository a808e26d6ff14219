/** The administration journal (AuditAdministration): one row per change, written in the change's transaction. */
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import { nommer } from '../lecture/noms';

/** Who changed the organisation when the organisation's files were imported (`npm run organisation:import`). */
export const ACTEUR_IMPORT = 'import-organisation';

export interface Changement {
  agentId: string;
  objet: 'agent' | 'territoire' | 'equipe' | 'structure' | 'lieu' | 'absence' | 'commune';
  objetId: string;
  avant: Record<string, unknown> | null;
  apres: Record<string, unknown>;
}

export async function journaliser(tx: Prisma.TransactionClient, c: Changement): Promise<void> {
  await tx.auditAdministration.create({
    data: {
      agentId: c.agentId,
      objet: c.objet,
      objetId: c.objetId,
      action: c.avant ? 'modification' : 'creation',
      avant: (c.avant ?? undefined) as Prisma.InputJsonValue | undefined,
      apres: c.apres as Prisma.InputJsonValue,
    },
  });
}

/** The changes of one object, newest first, with the names of who made them. */
export async function historique(db: Db, objet: Changement['objet'], objetId: string) {
  const lignes = await db.auditAdministration.findMany({
    where: { objet, objetId },
    orderBy: { id: 'desc' },
    take: 200,
  });
  const noms = await nommer(
    db,
    [],
    lignes.map((l) => l.agentId),
  );
  return lignes.map((l) => ({
    le: l.le.toISOString(),
    agent: l.agentId === ACTEUR_IMPORT ? 'Import des fichiers de l’organisation' : (noms.agent(l.agentId) ?? l.agentId),
    action: l.action as 'creation' | 'modification',
    avant: l.avant as Record<string, unknown> | null,
    apres: l.apres as Record<string, unknown>,
  }));
}
