/**
 * Structures référentes administered in the product (role administrateur): created, changed, deactivated, each
 * change journaled with its before and after. A deactivated structure, or one outside its convention's dates,
 * receives no new orientation; the people it follows stay with it.
 */
import type { z } from 'zod';
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { structureCreation, structureModification } from '../api/contrat/administration';
import type { TypeStructure } from '../domain/organisation/structures';
import { HttpError, notFound } from '../api/errors';
import { journaliser } from './journal';

const ADMINISTREE = {
  id: true,
  nom: true,
  type: true,
  conventionReference: true,
  conventionDebut: true,
  conventionFin: true,
  delaiDesignationJours: true,
  actif: true,
} as const satisfies Prisma.StructureReferenteSelect;

type Ligne = Prisma.StructureReferenteGetPayload<{ select: typeof ADMINISTREE }>;
const jour = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
/** As the API and the journal show it: days as AAAA-MM-JJ. */
const vue = (s: Ligne) => ({
  ...s,
  type: s.type as TypeStructure,
  conventionDebut: jour(s.conventionDebut),
  conventionFin: jour(s.conventionFin),
});
const enBase = <T extends { conventionDebut?: string | null; conventionFin?: string | null }>(d: T) => ({
  ...d,
  ...(d.conventionDebut !== undefined
    ? { conventionDebut: d.conventionDebut ? new Date(`${d.conventionDebut}T00:00:00Z`) : null }
    : {}),
  ...(d.conventionFin !== undefined
    ? { conventionFin: d.conventionFin ? new Date(`${d.conventionFin}T00:00:00Z`) : null }
    : {}),
});

export async function listerStructures(db: Db, departement: string) {
  const [structures, agents, suivis] = await Promise.all([
    db.structureReferente.findMany({
      where: { departement },
      select: ADMINISTREE,
      orderBy: [{ actif: 'desc' }, { nom: 'asc' }],
    }),
    db.agent.groupBy({
      by: ['structureId'],
      where: { departement, actif: true, structureId: { not: null } },
      _count: true,
    }),
    db.parcours.groupBy({
      by: ['structureId'],
      where: { departement, statut: { not: 'clos' }, structureId: { not: null } },
      _count: true,
    }),
  ]);
  const n = (lignes: { structureId: string | null; _count: number }[], id: string) =>
    lignes.find((l) => l.structureId === id)?._count ?? 0;
  return structures.map((s) => ({ ...vue(s), referents: n(agents, s.id), parcoursSuivis: n(suivis, s.id) }));
}

export async function creerStructure(
  db: Db,
  acteur: string,
  departement: string,
  data: z.infer<typeof structureCreation>,
) {
  return db.$transaction(async (tx) => {
    if (await tx.structureReferente.findUnique({ where: { id: data.id }, select: { id: true } }))
      throw new HttpError(409, 'identifiant_pris', 'Une structure a déjà cet identifiant.');
    const cree = await tx.structureReferente.create({ data: { ...enBase(data), departement }, select: ADMINISTREE });
    await journaliser(tx, { agentId: acteur, objet: 'structure', objetId: cree.id, avant: null, apres: vue(cree) });
    return cree.id;
  });
}

export async function modifierStructure(
  db: Db,
  acteur: string,
  departement: string,
  id: string,
  m: z.infer<typeof structureModification>,
) {
  return db.$transaction(async (tx) => {
    const [trouvee] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "StructureReferente" WHERE "id" = ${id} AND "departement" = ${departement} FOR UPDATE`;
    if (!trouvee) throw notFound('Structure');
    const avant = vue(await tx.structureReferente.findUniqueOrThrow({ where: { id }, select: ADMINISTREE }));
    const debut = m.conventionDebut !== undefined ? m.conventionDebut : avant.conventionDebut;
    const fin = m.conventionFin !== undefined ? m.conventionFin : avant.conventionFin;
    if (debut && fin && debut > fin)
      throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
        { champ: 'conventionFin', message: 'La fin de la convention suit son début.' },
      ]);
    const apres = vue(await tx.structureReferente.update({ where: { id }, data: enBase(m), select: ADMINISTREE }));
    await journaliser(tx, { agentId: acteur, objet: 'structure', objetId: id, avant, apres });
  });
}
