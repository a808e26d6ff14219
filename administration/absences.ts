/**
 * Absences of agents and their intérim, recorded by administrators and cadres. Each change is written with its
 * journal row (AuditAdministration, objet `absence`). A new absence's workflow starts in the transaction that
 * records it; a later change is applied by the workflow's Update itself: never half of it.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { absenceCreation, absenceModification } from '../api/contrat/administration';
import { HttpError, notFound } from '../api/errors';
import { proposerInterims, type MotifAbsence, type StatutAbsence } from '../domain/organisation/absences';
import { candidatsReferents } from '../lecture/referents';
import { nommer } from '../lecture/noms';
import { WORKFLOWS, modifierAbsenceUpdate, workflowIdAbsence, type AbsenceInput } from '../workflows/messages';
import { journaliser } from './journal';

type Creation = z.infer<typeof absenceCreation>;
type Modification = z.infer<typeof absenceModification>;
type Tx = Prisma.TransactionClient;

export interface ContexteAbsences {
  db: Db;
  temporal: Client;
  departement: string;
  taskQueue: string;
  /** 404 unless the agent's territoire is within the caller's scope (api/acces.ts). */
  verifierPortee: (territoireId: string | null) => void;
}

/** Absences that still count: an overlapping one is refused. */
const EN_VIGUEUR: StatutAbsence[] = ['prevue', 'en_cours'];

const invalide = (champ: string, message: string) =>
  new HttpError(400, 'donnees_invalides', 'Données invalides.', [{ champ, message }]);

const JOUR = 86_400_000;
/** An absence is cover for weeks or months: bounded, so that its timers stay within reason. */
const DUREE_MAX_JOURS = 730;
const ANNONCE_MAX_JOURS = 3 * 365;

/** 400 on the field when the period cannot be an absence to cover (over already, too long, too far ahead). */
function exigerPeriode(du: Date, au: Date, creation: boolean): void {
  const maintenant = Date.now();
  if (au <= du) throw invalide('au', 'Le retour doit suivre le début de l’absence.');
  if (creation && au.getTime() <= maintenant) throw invalide('au', 'Cette absence est déjà finie : rien à couvrir.');
  if (creation && du.getTime() > maintenant + ANNONCE_MAX_JOURS * JOUR)
    throw invalide('du', 'Une absence s’enregistre au plus trois ans à l’avance.');
  if (au.getTime() - du.getTime() > DUREE_MAX_JOURS * JOUR)
    throw invalide('au', 'Une absence dure au plus deux ans (au-delà, réassigner les parcours).');
}

/** The intérims proposed for an agent: the other référents of the équipe, with room first, named. */
export async function interimsProposes(db: Db, agentId: string) {
  const absent = await db.agent.findUnique({ where: { id: agentId }, select: { equipeId: true } });
  if (!absent?.equipeId) return [];
  const propositions = proposerInterims(
    await candidatsReferents(db, { equipeId: absent.equipeId }, [agentId]),
    agentId,
  );
  const noms = await nommer(
    db,
    [],
    propositions.map((p) => p.agentId),
  );
  return propositions.map((p) => ({
    agentId: p.agentId,
    nom: noms.agent(p.agentId) ?? p.agentId,
    rang: p.rang,
    complet: p.complet,
    charge: p.charge,
    capacite: p.capacite,
  }));
}

/** 409 when the agent is already away for part of the period. */
async function exigerSansChevauchement(tx: Tx, agentId: string, du: Date, au: Date, sauf?: string) {
  const autre = await tx.absence.findFirst({
    where: {
      agentId,
      statut: { in: EN_VIGUEUR },
      du: { lt: au },
      au: { gt: du },
      ...(sauf ? { id: { not: sauf } } : {}),
    },
    select: { id: true },
  });
  if (autre)
    throw new HttpError(
      409,
      'absence_chevauchante',
      'Une autre absence de cet agent couvre déjà une partie de cette période.',
    );
}

/** The agent row, locked: two absences of the same agent recorded at once are checked one after the other. */
async function agentVerrouille(tx: Tx, departement: string, id: string) {
  const [trouve] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Agent" WHERE "id" = ${id} AND "departement" = ${departement} FOR UPDATE`;
  if (!trouve) throw notFound('Agent');
  return tx.agent.findUniqueOrThrow({ where: { id }, include: { equipe: { select: { territoireId: true } } } });
}

export async function creerAbsence(c: ContexteAbsences, acteur: string, a: Creation): Promise<string> {
  const du = new Date(a.du);
  const au = new Date(a.au);
  exigerPeriode(du, au, true);
  return c.db.$transaction(async (tx) => {
    const absent = await agentVerrouille(tx, c.departement, a.agentId);
    c.verifierPortee(absent.equipe?.territoireId ?? null);
    let interimId = a.interimId;
    if (interimId === undefined) {
      interimId = (await interimsProposes(c.db, absent.id)).find((p) => !p.complet)?.agentId;
      if (!interimId)
        throw new HttpError(409, 'aucun_interim', 'Aucun référent de l’équipe n’a de place : choisir l’intérim.');
    }
    if (interimId === absent.id) throw invalide('interimId', 'L’intérim ne peut pas être l’agent absent.');
    const interim = await tx.agent.findFirst({ where: { id: interimId, departement: c.departement, actif: true } });
    if (!interim) throw invalide('interimId', 'L’intérim doit être un agent actif du département.');
    if (absent.roles.includes('referent') && !interim.roles.includes('referent'))
      throw invalide('interimId', 'L’intérim d’un référent doit avoir le rôle de référent.');
    await exigerSansChevauchement(tx, absent.id, du, au);
    const absenceInterim = await tx.absence.findFirst({
      where: { agentId: interimId, statut: { in: EN_VIGUEUR }, du: { lt: au }, au: { gt: du } },
      select: { id: true },
    });
    if (absenceInterim) throw invalide('interimId', 'L’intérim est lui-même absent pendant cette période.');
    const id = randomUUID();
    const cree = await tx.absence.create({
      data: { id, departement: c.departement, agentId: absent.id, interimId, du, au, motif: a.motif, creePar: acteur },
    });
    await journaliser(tx, { agentId: acteur, objet: 'absence', objetId: id, avant: null, apres: journalDe(cree) });
    // Started inside the transaction: if Temporal refuses, the row is not recorded (the workflow, started but
    // finding no row at the start date, does nothing).
    // By name and input type: the workflow's module runs this file's rules through its activity.
    const input: AbsenceInput = {
      absenceId: id,
      agentId: absent.id,
      interimId,
      du: a.du,
      au: a.au,
      acteur,
      taskQueue: c.taskQueue,
    };
    await c.temporal.workflow.start(WORKFLOWS.absence, {
      workflowId: workflowIdAbsence(id),
      taskQueue: c.taskQueue,
      args: [input],
    });
    return id;
  });
}

/**
 * A change of period or a cancellation, asked of the absence's workflow: its Update applies it (through
 * `enregistrerModificationAbsence`, under lock) before answering. Checked here first for a clear answer; no
 * transaction waits on Temporal.
 */
export async function modifierAbsence(c: ContexteAbsences, acteur: string, id: string, m: Modification) {
  const avant = await c.db.absence.findFirst({ where: { id, departement: c.departement } });
  if (!avant) throw notFound('Absence');
  const absent = await c.db.agent.findUniqueOrThrow({
    where: { id: avant.agentId },
    select: { equipe: { select: { territoireId: true } } },
  });
  c.verifierPortee(absent.equipe?.territoireId ?? null);
  await exigerModifiable(c.db, avant, m);
  await c.temporal.workflow
    .getHandle(workflowIdAbsence(id))
    .executeUpdate(modifierAbsenceUpdate, { args: [{ acteur, ...m }] });
}

/** 409 once the absence is over or cancelled; 400 or 409 on a period that cannot be (see above). */
async function exigerModifiable(
  tx: Tx,
  avant: { id: string; agentId: string; du: Date; statut: string },
  m: Modification,
) {
  if (!EN_VIGUEUR.includes(avant.statut as StatutAbsence))
    throw new HttpError(409, 'absence_terminee', 'Cette absence est terminée ou annulée.');
  if ('au' in m) {
    const au = new Date(m.au);
    exigerPeriode(avant.du, au, false);
    await exigerSansChevauchement(tx, avant.agentId, avant.du, au, avant.id);
  }
}

/**
 * The change written with its journal row, under the locks of the absence and its agent (two changes of the
 * same agent's absences cannot overlap). Run by the absence's workflow, maybe twice: a change already written
 * is not written again.
 */
export async function enregistrerModificationAbsence(
  db: Db,
  c: { absenceId: string; acteur: string; au?: string; annulee?: boolean },
): Promise<void> {
  const m: Modification = c.au !== undefined ? { au: c.au } : { annulee: true };
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Absence" WHERE "id" = ${c.absenceId}::uuid FOR UPDATE`;
    const avant = await tx.absence.findUniqueOrThrow({ where: { id: c.absenceId } });
    await agentVerrouille(tx, avant.departement, avant.agentId);
    const deja = 'au' in m ? avant.au.getTime() === Date.parse(m.au) : avant.statut === 'annulee';
    if (deja) return;
    await exigerModifiable(tx, avant, m);
    const apres = await tx.absence.update({
      where: { id: avant.id },
      data: 'au' in m ? { au: new Date(m.au) } : { statut: 'annulee' },
    });
    await journaliser(tx, {
      agentId: c.acteur,
      objet: 'absence',
      objetId: avant.id,
      avant: journalDe(avant),
      apres: journalDe(apres),
    });
  });
}

/** What the journal keeps of an absence: no more than the screens show. */
function journalDe(a: { agentId: string; interimId: string; du: Date; au: Date; motif: string; statut: string }) {
  return {
    agentId: a.agentId,
    interimId: a.interimId,
    du: a.du.toISOString(),
    au: a.au.toISOString(),
    motif: a.motif,
    statut: a.statut,
  };
}

/** Absences of the département (those of one agent, or of agents in a territoire), newest first, named. */
export async function listerAbsences(db: Db, departement: string, filtre: { agentId?: string; territoireId?: string }) {
  const absences = await db.absence.findMany({
    where: {
      departement,
      ...(filtre.agentId ? { agentId: filtre.agentId } : {}),
      ...(filtre.territoireId
        ? {
            agentId: {
              in: (
                await db.agent.findMany({
                  where: { equipe: { territoireId: filtre.territoireId } },
                  select: { id: true },
                })
              )
                .map((x) => x.id)
                .filter((x) => !filtre.agentId || x === filtre.agentId),
            },
          }
        : {}),
    },
    orderBy: { du: 'desc' },
    take: 200,
  });
  const noms = await nommer(
    db,
    [],
    absences.flatMap((a) => [a.agentId, a.interimId]),
  );
  return absences.map((a) => ({
    id: a.id,
    agentId: a.agentId,
    agent: noms.agent(a.agentId) ?? a.agentId,
    interimId: a.interimId,
    interim: noms.agent(a.interimId) ?? a.interimId,
    du: a.du.toISOString(),
    au: a.au.toISOString(),
    motif: a.motif as MotifAbsence,
    statut: a.statut as StatutAbsence,
    parcoursConfies: a.parcoursConfies,
  }));
}
