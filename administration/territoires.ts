/**
 * Territoires d'action and their équipes administered in the product. The map commune → territoire keeps its
 * rule on every change: each commune of the département in exactly one territoire (one row per commune by its
 * key; a change that would leave a commune without territoire, or a territoire without commune, is refused).
 * Parcours already open in a commune that moves keep their équipe: the new map routes the next ones.
 * An équipe is never deleted (parcours, sessions and pilotage name it): deactivated once nothing rests on it,
 * and never the last active one of its territoire (its communes would route to no one).
 */
import type { z } from 'zod';
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import type {
  equipeCreation,
  equipeModification,
  territoireCreation,
  territoireModification,
} from '../api/contrat/administration';
import { HttpError, notFound } from '../api/errors';
import { chargerOrganisation } from '../config/organisation';
import { journaliser } from './journal';

type Tx = Prisma.TransactionClient;

const invalide = (champ: string, message: string) =>
  new HttpError(400, 'donnees_invalides', 'Données invalides.', [{ champ, message }]);

const nombre = (n: number, un: string, plusieurs: string) => `${n} ${n > 1 ? plusieurs : un}`;

/** What the journal keeps of an équipe: what an administrator can change. */
const EQUIPE_ADMINISTREE = { id: true, nom: true, poles: true, territoireId: true, actif: true } as const;

/** What the journal keeps of a territoire: its name, agence and communes. */
async function etatTerritoire(tx: Tx, departement: string, id: string) {
  const t = await tx.territoire.findFirst({
    where: { id, departement },
    select: { id: true, nom: true, agenceId: true, communes: { select: { communeCode: true } } },
  });
  if (!t) throw notFound('Territoire');
  return { id: t.id, nom: t.nom, agenceId: t.agenceId, communes: t.communes.map((c) => c.communeCode).sort() };
}

/** Locks the département's map: two administrators (or an import) redrawing it apply one after the other. */
export async function verrouiller(tx: Tx, departement: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`territoires:${departement}`}))`;
}

async function verifierAgence(tx: Tx, departement: string, agenceId: string | null | undefined) {
  if (agenceId && !(await tx.agence.findFirst({ where: { id: agenceId, departement }, select: { id: true } })))
    throw invalide('agenceId', 'Cette agence n’existe pas dans le département.');
}

/**
 * Moves communes into a territoire (from whichever territoire served them). Each must be a current commune
 * served by one of the département's territoires: the département's own communes, never another's.
 */
async function deplacerCommunes(
  tx: Tx,
  acteur: string,
  departement: string,
  vers: string,
  codes: string[],
  /** The request's field: `communes` when the territoire is being created, `rattacher` otherwise. */
  champ: 'communes' | 'rattacher',
) {
  const actuelles = await tx.territoireCommune.findMany({
    where: { communeCode: { in: codes }, territoire: { departement } },
    select: { communeCode: true, territoireId: true },
  });
  const de = new Map<string, string | null>(actuelles.map((c) => [c.communeCode, c.territoireId]));
  // A commune of the département that no territoire serves yet (added by a communes file) may be attached.
  const sansTerritoire = codes.filter((c) => !de.has(c));
  if (sansTerritoire.length) {
    const [duDepartement, servies] = await Promise.all([
      tx.commune.findMany({
        where: { code: { in: sansTerritoire }, departement: chargerOrganisation(departement).codeInsee },
        select: { code: true },
      }),
      tx.territoireCommune.findMany({ where: { communeCode: { in: sansTerritoire } }, select: { communeCode: true } }),
    ]);
    const ailleurs = new Set(servies.map((c) => c.communeCode));
    for (const c of duDepartement) if (!ailleurs.has(c.code)) de.set(c.code, null);
  }
  const inconnue = codes.findIndex((c) => !de.has(c));
  if (inconnue >= 0) throw invalide(`${champ}.${inconnue}`, 'Cette commune n’est pas une commune du département.');
  const nouvelles = codes.filter((c) => de.get(c) === null);
  const sources = [...new Set(actuelles.map((c) => c.territoireId))].filter((t) => t !== vers);
  const avant = new Map<string, Awaited<ReturnType<typeof etatTerritoire>>>();
  for (const t of [vers, ...sources]) avant.set(t, await etatTerritoire(tx, departement, t));
  for (const t of sources) {
    const restantes = avant.get(t)!.communes.filter((c) => !codes.includes(c));
    if (!restantes.length)
      throw new HttpError(
        409,
        'territoire_vide',
        `Le territoire « ${avant.get(t)!.nom} » n’aurait plus aucune commune : rattachez-en d’abord une autre.`,
      );
  }
  await tx.territoireCommune.updateMany({ where: { communeCode: { in: codes } }, data: { territoireId: vers } });
  await tx.territoireCommune.createMany({
    data: nouvelles.map((communeCode) => ({ communeCode, territoireId: vers })),
  });
  // A new territoire is journaled as created with its communes; the others as changed.
  for (const [t, a] of avant) {
    const apres = await etatTerritoire(tx, departement, t);
    if (JSON.stringify(a) !== JSON.stringify(apres))
      await journaliser(tx, {
        agentId: acteur,
        objet: 'territoire',
        objetId: t,
        avant: champ === 'communes' && t === vers ? null : a,
        apres,
      });
  }
  return tx.parcours.count({
    where: { statut: { not: 'clos' }, usager: { communeCode: { in: codes } }, territoireId: { not: vers } },
  });
}

export async function creerTerritoire(
  db: Db,
  acteur: string,
  departement: string,
  data: z.infer<typeof territoireCreation>,
) {
  return db.$transaction(async (tx) => {
    await verrouiller(tx, departement);
    if (await tx.territoire.findUnique({ where: { id: data.id }, select: { id: true } }))
      throw new HttpError(409, 'identifiant_pris', 'Un territoire a déjà cet identifiant.');
    if (await tx.equipe.findUnique({ where: { id: data.equipe.id }, select: { id: true } }))
      throw new HttpError(409, 'identifiant_pris', 'Une équipe a déjà cet identifiant.');
    await verifierAgence(tx, departement, data.agenceId);
    await tx.territoire.create({
      data: { id: data.id, departement, nom: data.nom, agenceId: data.agenceId ?? null },
    });
    const equipe = await tx.equipe.create({
      data: { ...data.equipe, territoireId: data.id },
      select: EQUIPE_ADMINISTREE,
    });
    await journaliser(tx, { agentId: acteur, objet: 'equipe', objetId: equipe.id, avant: null, apres: equipe });
    const parcoursRestes = await deplacerCommunes(tx, acteur, departement, data.id, data.communes, 'communes');
    return { id: data.id, parcoursRestes };
  });
}

export async function modifierTerritoire(
  db: Db,
  acteur: string,
  departement: string,
  id: string,
  m: z.infer<typeof territoireModification>,
) {
  return db.$transaction(async (tx) => {
    await verrouiller(tx, departement);
    const avant = await etatTerritoire(tx, departement, id);
    let parcoursRestes = 0;
    if (m.nom !== undefined || m.agenceId !== undefined) {
      await verifierAgence(tx, departement, m.agenceId);
      await tx.territoire.update({ where: { id }, data: { nom: m.nom, agenceId: m.agenceId } });
      await journaliser(tx, {
        agentId: acteur,
        objet: 'territoire',
        objetId: id,
        avant,
        apres: await etatTerritoire(tx, departement, id),
      });
    }
    if (m.rattacher?.length)
      parcoursRestes = await deplacerCommunes(tx, acteur, departement, id, m.rattacher, 'rattacher');
    return { parcoursRestes };
  });
}

export async function creerEquipe(db: Db, acteur: string, departement: string, data: z.infer<typeof equipeCreation>) {
  return db.$transaction(async (tx) => {
    if (await tx.equipe.findUnique({ where: { id: data.id }, select: { id: true } }))
      throw new HttpError(409, 'identifiant_pris', 'Une équipe a déjà cet identifiant.');
    if (!(await tx.territoire.findFirst({ where: { id: data.territoireId, departement }, select: { id: true } })))
      throw invalide('territoireId', 'Ce territoire n’existe pas dans le département.');
    const apres = await tx.equipe.create({ data, select: EQUIPE_ADMINISTREE });
    await journaliser(tx, { agentId: acteur, objet: 'equipe', objetId: apres.id, avant: null, apres });
    return apres.territoireId;
  });
}

/**
 * Why an équipe cannot be deactivated, in words for its administrator (null when it can): people still
 * followed by it, agents still in it, sessions not finished, or no other active équipe in its territoire.
 */
async function empechementDesactivation(tx: Tx, e: { id: string; nom: string; territoireId: string }) {
  const [parcours, agents, sessions, autres] = await Promise.all([
    tx.parcours.count({ where: { equipeId: e.id, statut: { not: 'clos' } } }),
    tx.agent.count({ where: { equipeId: e.id, actif: true } }),
    tx.sessionEquipe.count({ where: { equipeId: e.id, statut: { not: 'terminee' } } }),
    tx.equipe.count({ where: { territoireId: e.territoireId, actif: true, id: { not: e.id } } }),
  ]);
  const raisons = [
    parcours && nombre(parcours, 'parcours ouvert', 'parcours ouverts'),
    agents && nombre(agents, 'agent actif', 'agents actifs'),
    sessions && nombre(sessions, 'session d’équipe à venir ou en cours', 'sessions d’équipe à venir ou en cours'),
  ].filter(Boolean);
  if (raisons.length)
    return `L’équipe « ${e.nom} » a encore ${raisons.join(', ')} : confiez-les à une autre équipe avant de la désactiver.`;
  if (!autres)
    return `L’équipe « ${e.nom} » est la seule équipe active de son territoire : ses communes n’auraient plus d’équipe pour l’accueil. Créez-en une autre d’abord.`;
  return null;
}

export async function modifierEquipe(
  db: Db,
  acteur: string,
  departement: string,
  id: string,
  m: z.infer<typeof equipeModification>,
) {
  return db.$transaction(async (tx) => {
    // The map's lock: a deactivation changes where the territoire's communes route, like a move of communes.
    await verrouiller(tx, departement);
    const avant = await tx.equipe.findFirst({ where: { id, territoire: { departement } }, select: EQUIPE_ADMINISTREE });
    if (!avant) throw notFound('Équipe');
    if (avant.actif && m.actif === false) {
      const raison = await empechementDesactivation(tx, avant);
      if (raison) throw new HttpError(409, 'equipe_occupee', raison);
    }
    const apres = await tx.equipe.update({ where: { id }, data: m, select: EQUIPE_ADMINISTREE });
    await journaliser(tx, { agentId: acteur, objet: 'equipe', objetId: id, avant, apres });
    return apres.territoireId;
  });
}

/** The équipes of the département (or of one territoire), active first, with what rests on each. */
export async function listerEquipes(db: Db, departement: string, territoireId?: string) {
  const equipes = await db.equipe.findMany({
    where: { territoire: { departement }, ...(territoireId ? { territoireId } : {}) },
    select: {
      ...EQUIPE_ADMINISTREE,
      territoire: { select: { nom: true } },
      _count: { select: { agents: { where: { actif: true } } } },
    },
    orderBy: [{ actif: 'desc' }, { territoireId: 'asc' }, { id: 'asc' }],
  });
  const ouverts = await db.parcours.groupBy({
    by: ['equipeId'],
    where: { equipeId: { in: equipes.map((e) => e.id) }, statut: { not: 'clos' } },
    _count: true,
  });
  const parEquipe = new Map(ouverts.map((o) => [o.equipeId, o._count]));
  return equipes.map(({ territoire, _count, ...e }) => ({
    ...e,
    territoire: territoire.nom,
    agents: _count.agents,
    parcoursOuverts: parEquipe.get(e.id) ?? 0,
  }));
}

/** A territoire as its administrator reads it: équipes, communes with their names, open parcours. */
export async function territoireAdministre(db: Db, departement: string, id: string) {
  const t = await db.territoire.findFirst({
    where: { id, departement },
    include: {
      agence: { select: { nom: true } },
      communes: { select: { communeCode: true } },
    },
  });
  if (!t) throw notFound('Territoire');
  const [communes, parcoursOuverts, equipes] = await Promise.all([
    db.commune.findMany({
      where: { code: { in: t.communes.map((c) => c.communeCode) } },
      select: { code: true, nom: true, codesPostaux: true, population: true },
      orderBy: { nom: 'asc' },
    }),
    db.parcours.count({ where: { territoireId: id, statut: { not: 'clos' } } }),
    listerEquipes(db, departement, id),
  ]);
  return {
    id: t.id,
    nom: t.nom,
    agenceId: t.agenceId,
    agence: t.agence?.nom ?? null,
    parcoursOuverts,
    equipes,
    communes: communes.map((c) => ({ ...c, population: c.population ?? null })),
  };
}
