/**
 * The lieux d'accueil that count: every reader of LieuAccueil that suggests or measures (nearest sites at
 * accueil, coverage) goes through here, so that a deactivated site is counted nowhere.
 */
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';

export const LIEU_ACTIF = { actif: true } as const satisfies Prisma.LieuAccueilWhereInput;

/** Active lieux d'accueil (all of them, or those of the given communes). */
export function lieuxActifs(db: Db, communes?: string[]) {
  return db.lieuAccueil.findMany({
    where: { ...LIEU_ACTIF, ...(communes ? { communeCode: { in: communes } } : {}) },
    orderBy: { id: 'asc' },
  });
}

/** The département's communes with their points (the coverage's and the map's ground). */
export function communesDuDepartement(db: Pick<Db, 'commune'>, codeInsee: string) {
  return db.commune.findMany({
    where: { departement: codeInsee },
    select: { code: true, nom: true, latitude: true, longitude: true, codesPostaux: true },
    orderBy: { code: 'asc' },
  });
}
