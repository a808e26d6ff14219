/**
 * Territoires d'action and their équipes administered in the product. The map commune → territoire keeps its
 * rule on every change: each commune of the département in exactly one territoire (one row per commune by its
 * key; a change that would leave a commune without territoire, or a territoire without commune, is refused).
 * Parcours already open in a commune that moves keep their équipe: the new map routes the next ones.
 */
import type { z } from 'zod';
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { equipeModification, territoireCreation, territoireModification } from '../api/contrat/administration';
import { HttpError, notFound } from '../api/errors';
import { journaliser } from './journal';

type Tx = Prisma.TransactionClient;

const invalide = (champ: string, message: string) =>
  new HttpError(400, 'donnees_invalides', 'Données invalides.', [{ champ, message }]);

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
  const de = new Map(actuelles.map((c) => [c.communeCode, c.territoireId]));
  const inconnue = codes.findIndex((c) => !de.has(c));
  if (inconnue >= 0) throw invalide(`${champ}.${inconnue}`, 'Cette commune n’est pas une commune du département.');
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
    const equipe = await tx.equipe.create({ data: { ...data.equipe, territoireId: data.id } });
    await journaliser(tx, {
      agentId: acteur,
      objet: 'equipe',
      objetId: equipe.id,
      avant: null,
      apres: { id: equipe.id, nom: equipe.nom, poles: equipe.poles, territoireId: data.id },
    });
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

export async function modifierEquipe(
  db: Db,
  acteur: string,
  departement: string,
  id: string,
  m: z.infer<typeof equipeModification>,
) {
  return db.$transaction(async (tx) => {
    const e = await tx.equipe.findFirst({ where: { id, territoire: { departement } } });
    if (!e) throw notFound('Équipe');
    const etat = (x: typeof e) => ({ id: x.id, nom: x.nom, poles: x.poles, territoireId: x.territoireId });
    const apres = await tx.equipe.update({ where: { id }, data: m });
    await journaliser(tx, { agentId: acteur, objet: 'equipe', objetId: id, avant: etat(e), apres: etat(apres) });
    return apres.territoireId;
  });
}

/** A territoire as its administrator reads it: équipes, communes with their names, open parcours. */
export async function territoireAdministre(db: Db, departement: string, id: string) {
  const t = await db.territoire.findFirst({
    where: { id, departement },
    include: {
      agence: { select: { nom: true } },
      equipes: { orderBy: { id: 'asc' }, include: { _count: { select: { agents: true } } } },
      communes: { select: { communeCode: true } },
    },
  });
  if (!t) throw notFound('Territoire');
  const [communes, parcoursOuverts] = await Promise.all([
    db.commune.findMany({
      where: { code: { in: t.communes.map((c) => c.communeCode) } },
      select: { code: true, nom: true, codesPostaux: true, population: true },
      orderBy: { nom: 'asc' },
    }),
    db.parcours.count({ where: { territoireId: id, statut: { not: 'clos' } } }),
  ]);
  return {
    id: t.id,
    nom: t.nom,
    agenceId: t.agenceId,
    agence: t.agence?.nom ?? null,
    parcoursOuverts,
    equipes: t.equipes.map((e) => ({ id: e.id, nom: e.nom, poles: e.poles, agents: e._count.agents })),
    communes: communes.map((c) => ({ ...c, population: c.population ?? null })),
  };
}
