/**
 * The orders of the parcours lists and their keyset pages: a page starts after the position (sort key + id) of
 * the previous page's last row, so that rows inserted meanwhile shift nothing (no gap, no duplicate) and a deep
 * page costs what the first one does (an index range, never `OFFSET` rows read and thrown away).
 */
import type { Db } from '../infra/prisma';
import type { Parcours, Prisma } from '../generated/prisma/client';
import { CLES, type Cle, type Position, type Tri } from '../domain/parcours/tris';

export { CLES, type Position, type Tri };

export const ordre = (tri: Tri): Prisma.ParcoursOrderByWithRelationInput[] =>
  CLES[tri].map((k) => (k.nullable ? { [k.champ]: { sort: k.sens, nulls: 'last' } } : { [k.champ]: k.sens }));

export const position = (tri: Tri, p: Parcours): Position =>
  CLES[tri].map(({ champ }) => {
    const v = p[champ];
    return v instanceof Date ? v.toISOString() : v;
  });

const valeur = (k: Cle, v: boolean | string | null) => (v !== null && k.type === 'instant' ? new Date(v as string) : v);

/**
 * The rows after a position, as ranges in the order's own sequence: same key up to field i, then strictly after
 * on field i, from the last field to the first. Each range is an equality prefix plus one bound, which the
 * composite index of the order reads directly (an OR of them would make PostgreSQL scan from the list's start).
 */
export function rangsApres(tri: Tri, pos: Position): Prisma.ParcoursWhereInput[] {
  const cles = CLES[tri];
  const rangs: Prisma.ParcoursWhereInput[] = [];
  for (let i = cles.length - 1; i >= 0; i--) {
    const prefixe = Object.fromEntries(cles.slice(0, i).map((k, j) => [k.champ, valeur(k, pos[j]!)]));
    const k = cles[i]!;
    const v = valeur(k, pos[i]!);
    const apres: Prisma.ParcoursWhereInput[] =
      k.type === 'booleen'
        ? // Descending booleans: only false comes after true.
          v === true
          ? [{ [k.champ]: false }]
          : []
        : v === null
          ? [] // Nothing after NULLS LAST.
          : [{ [k.champ]: k.sens === 'asc' ? { gt: v } : { lt: v } }, ...(k.nullable ? [{ [k.champ]: null }] : [])];
    rangs.push(...apres.map((a) => ({ ...prefixe, ...a })));
  }
  return rangs;
}

/**
 * Up to `limite + 1` rows of the list (the extra one says a next page exists): after `apres` when given, range
 * by range until the page is full, else from `offset` (kept for the clients that page by number).
 */
export async function pageParcours(
  db: Db,
  where: Prisma.ParcoursWhereInput,
  tri: Tri,
  limite: number,
  depart: { apres?: Position; offset: number },
): Promise<Parcours[]> {
  const orderBy = ordre(tri);
  if (!depart.apres) return db.parcours.findMany({ where, orderBy, take: limite + 1, skip: depart.offset });
  const lignes: Parcours[] = [];
  for (const rang of rangsApres(tri, depart.apres)) {
    lignes.push(
      ...(await db.parcours.findMany({ where: { AND: [where, rang] }, orderBy, take: limite + 1 - lignes.length })),
    );
    if (lignes.length > limite) break;
  }
  return lignes;
}
