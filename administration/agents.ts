/**
 * Agents administered in the product (role administrateur): created, changed, deactivated. Every change is
 * written with its journal row (who, when, before, after) in one transaction; a deactivation ends the agent's
 * sessions in the same transaction (each request also checks that the agent is active: api/auth/agents.ts).
 */
import type { z } from 'zod';
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { agentCreation, agentModification } from '../api/contrat/administration';
import { HttpError, notFound } from '../api/errors';
import { journaliser } from './journal';

type Creation = z.infer<typeof agentCreation>;
type Modification = z.infer<typeof agentModification>;

/** What the journal keeps of an agent: what an administrator can change. */
export const ADMINISTRE = {
  id: true,
  prenom: true,
  nom: true,
  email: true,
  roles: true,
  equipeId: true,
  structureId: true,
  pole: true,
  capacite: true,
  actif: true,
} as const satisfies Prisma.AgentSelect;

export async function listerAgents(db: Db, departement: string) {
  const [agents, suivis] = await Promise.all([
    db.agent.findMany({
      where: { departement },
      select: { ...ADMINISTRE, equipe: { select: { nom: true } } },
      orderBy: [{ actif: 'desc' }, { nom: 'asc' }, { prenom: 'asc' }],
    }),
    db.parcours.groupBy({
      by: ['referentId'],
      where: { departement, statut: { not: 'clos' }, referentId: { not: null } },
      _count: true,
    }),
  ]);
  const parReferent = new Map(suivis.map((s) => [s.referentId, s._count]));
  return agents.map(({ equipe, ...a }) => ({
    ...a,
    roles: a.roles as Creation['roles'],
    equipe: equipe?.nom ?? null,
    parcoursSuivis: parReferent.get(a.id) ?? 0,
  }));
}

/** 400 on the field when the équipe is not one of the département's, or is deactivated. */
async function verifierEquipe(tx: Prisma.TransactionClient, departement: string, equipeId: string | null | undefined) {
  if (!equipeId) return;
  const e = await tx.equipe.findFirst({
    where: { id: equipeId, territoire: { departement } },
    select: { actif: true },
  });
  if (!e?.actif)
    throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
      {
        champ: 'equipeId',
        message: e ? 'Cette équipe est désactivée.' : 'Cette équipe n’existe pas dans le département.',
      },
    ]);
}

/**
 * 400 on the field when the structure is not one of the département's, or when the agent would belong both to
 * a structure and to an équipe (a structure's référent sees the people oriented to the structure, nothing else).
 */
async function verifierStructure(
  tx: Prisma.TransactionClient,
  departement: string,
  structureId: string | null | undefined,
  equipeId: string | null | undefined,
) {
  if (!structureId) return;
  const s = await tx.structureReferente.findFirst({ where: { id: structureId, departement }, select: { id: true } });
  if (!s)
    throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
      { champ: 'structureId', message: 'Cette structure n’existe pas dans le département.' },
    ]);
  if (equipeId)
    throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
      { champ: 'structureId', message: 'Un agent d’une structure référente n’est dans aucune équipe du département.' },
    ]);
}

/** 409 when another agent already has this address (it identifies the agent at sign-in). */
async function verifierEmail(tx: Prisma.TransactionClient, email: string | undefined, sauf?: string) {
  if (!email) return;
  const autre = await tx.agent.findFirst({
    where: { email: { equals: email, mode: 'insensitive' }, ...(sauf ? { id: { not: sauf } } : {}) },
    select: { id: true },
  });
  if (autre) throw new HttpError(409, 'email_pris', 'Un autre agent a déjà cette adresse électronique.');
}

export async function creerAgent(db: Db, acteur: string, departement: string, data: Creation) {
  return db.$transaction(async (tx) => {
    if (await tx.agent.findUnique({ where: { id: data.id }, select: { id: true } }))
      throw new HttpError(409, 'identifiant_pris', 'Un agent a déjà cet identifiant.');
    await verifierEquipe(tx, departement, data.equipeId);
    await verifierStructure(tx, departement, data.structureId, data.equipeId);
    await verifierEmail(tx, data.email);
    const cree = await tx.agent.create({ data: { ...data, departement }, select: ADMINISTRE });
    await journaliser(tx, { agentId: acteur, objet: 'agent', objetId: cree.id, avant: null, apres: cree });
    return cree.id;
  });
}

export async function modifierAgent(db: Db, acteur: string, departement: string, id: string, m: Modification) {
  return db.$transaction(async (tx) => {
    // Locked: two administrators changing the same agent are journaled one after the other.
    const [trouve] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Agent" WHERE "id" = ${id} AND "departement" = ${departement} FOR UPDATE`;
    if (!trouve) throw notFound('Agent');
    const avant = await tx.agent.findUniqueOrThrow({ where: { id }, select: ADMINISTRE });
    // No administrator locks the département out by removing their own rights.
    if (id === acteur && (m.actif === false || (m.roles && !m.roles.includes('administrateur'))))
      throw new HttpError(409, 'propres_droits', 'Vous ne pouvez pas retirer vos propres droits d’administration.');
    await verifierEquipe(tx, departement, m.equipeId);
    await verifierStructure(
      tx,
      departement,
      m.structureId !== undefined ? m.structureId : avant.structureId,
      m.equipeId !== undefined ? m.equipeId : avant.equipeId,
    );
    await verifierEmail(tx, m.email, id);
    await changer(tx, acteur, avant, m);
  });
}

/** Writes the change with its journal row; a deactivation ends the agent's sessions in the same transaction. */
async function changer(
  tx: Prisma.TransactionClient,
  acteur: string,
  avant: Prisma.AgentGetPayload<{ select: typeof ADMINISTRE }>,
  m: Modification,
) {
  const apres = await tx.agent.update({ where: { id: avant.id }, data: m, select: ADMINISTRE });
  await journaliser(tx, { agentId: acteur, objet: 'agent', objetId: avant.id, avant, apres });
  if (avant.actif && !apres.actif)
    await tx.$executeRaw`DELETE FROM "session_agent" WHERE "sess"->>'agentId' = ${avant.id}`;
}

export async function desactiver(tx: Prisma.TransactionClient, acteur: string, id: string) {
  const avant = await tx.agent.findUniqueOrThrow({ where: { id }, select: ADMINISTRE });
  await changer(tx, acteur, avant, { actif: false });
}
