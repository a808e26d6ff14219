import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';

/** A commune code as typed at accueil may be an old or delegated one: the current commune it belongs to. */
export async function communeActuelle(db: Pick<Db, 'communeAncienCode'>, code: string): Promise<string> {
  return (
    (await db.communeAncienCode.findUnique({ where: { code }, select: { communeCode: true } }))?.communeCode ?? code
  );
}

/** The équipe of a territoire that receives the people of its communes: its first active one. */
const EQUIPE_DE_L_ACCUEIL = {
  where: { actif: true },
  select: { id: true },
  orderBy: { id: 'asc' },
  take: 1,
} as const satisfies Prisma.Territoire$equipesArgs;

/**
 * Routing at accueil: the usager's commune → its territoire d'action → the territoire's first active équipe.
 * `null` when the commune is unknown or outside the département served.
 */
export async function routerUsager(
  db: Db,
  departement: string,
  communeCode: string,
): Promise<{ territoireId: string; equipeId: string } | null> {
  const lien = await db.territoireCommune.findUnique({
    where: { communeCode: await communeActuelle(db, communeCode) },
    select: {
      territoire: {
        select: { id: true, departement: true, equipes: EQUIPE_DE_L_ACCUEIL },
      },
    },
  });
  const equipe = lien?.territoire.equipes[0];
  if (!lien || !equipe || lien.territoire.departement !== departement) return null;
  return { territoireId: lien.territoire.id, equipeId: equipe.id };
}

/** Whether an active équipe belongs to that territoire, in the département served (manual routing, re-routing). */
export async function equipeDuDepartement(
  db: Db,
  departement: string,
  routage: { territoireId: string; equipeId: string },
): Promise<boolean> {
  const equipe = await db.equipe.findUnique({
    where: { id: routage.equipeId },
    select: { territoireId: true, actif: true, territoire: { select: { departement: true } } },
  });
  return (
    !!equipe?.actif && equipe.territoireId === routage.territoireId && equipe.territoire.departement === departement
  );
}

/**
 * The routing of every commune of the département at once, old and delegated codes included (imports of lists:
 * one query instead of two per row). Same rule as routerUsager.
 */
export async function routagesDuDepartement(
  db: Db,
  departement: string,
): Promise<(communeCode: string) => { territoireId: string; equipeId: string } | null> {
  const liens = await db.territoireCommune.findMany({
    where: { territoire: { departement } },
    select: {
      communeCode: true,
      territoire: { select: { id: true, equipes: EQUIPE_DE_L_ACCUEIL } },
    },
  });
  const parCommune = new Map(
    liens.flatMap((l) =>
      l.territoire.equipes[0]
        ? [[l.communeCode, { territoireId: l.territoire.id, equipeId: l.territoire.equipes[0].id }]]
        : [],
    ),
  );
  const anciens = await db.communeAncienCode.findMany({
    where: { communeCode: { in: [...parCommune.keys()] } },
    select: { code: true, communeCode: true },
  });
  const actuelle = new Map(anciens.map((a) => [a.code, a.communeCode]));
  return (code) => parCommune.get(actuelle.get(code) ?? code) ?? null;
}
