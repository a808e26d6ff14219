/**
 * Lieux d'accueil administered in the product (role administrateur): sites of the département, CCAS, France
 * services, partners. Created, changed, deactivated (never deleted: parcours name the site of their accueil);
 * each change written with its journal row in one transaction. A site belongs to the département of its commune.
 */
import type { z } from 'zod';
import type { Db } from '../infra/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { lieuCreation, lieuModification } from '../api/contrat/lieux';
import { HttpError, notFound, type ChampErreur } from '../api/errors';
import { communesDuDepartement } from '../lecture/lieux';
import { emprise } from '../domain/geo/emprise';
import { erreursPosition } from '../domain/organisation/lieux';
import type { TypeLieu } from '../domain/organisation/referentiel';
import { journaliser } from './journal';

type Tx = Prisma.TransactionClient;
export type LieuSaisi = Omit<z.infer<typeof lieuCreation>, 'id' | 'actif'>;

/** What the journal keeps of a lieu: everything an administrator can change. */
export const LIEU_ADMINISTRE = {
  id: true,
  type: true,
  nom: true,
  adresse: true,
  communeCode: true,
  latitude: true,
  longitude: true,
  horaires: true,
  telephone: true,
  email: true,
  source: true,
  actif: true,
} as const satisfies Prisma.LieuAccueilSelect;

/** Margin around the box of the département's communes: a site may sit just past the outermost commune's point. */
const MARGE_DEPARTEMENT_KM = 5;

const invalides = (champs: ChampErreur[]) => new HttpError(400, 'donnees_invalides', 'Données invalides.', champs);

export async function listerLieux(db: Db, codeInsee: string) {
  const communes = await communesDuDepartement(db, codeInsee);
  const nom = new Map(communes.map((c) => [c.code, c.nom]));
  const lieux = await db.lieuAccueil.findMany({
    where: { communeCode: { in: [...nom.keys()] } },
    select: LIEU_ADMINISTRE,
    orderBy: [{ actif: 'desc' }, { nom: 'asc' }, { id: 'asc' }],
  });
  return lieux.map((l) => ({
    ...l,
    type: l.type as TypeLieu,
    horaires: l.horaires as Record<string, string>,
    commune: nom.get(l.communeCode) ?? l.communeCode,
  }));
}

export async function lireLieu(db: Db, codeInsee: string, id: string) {
  const l = await db.lieuAccueil.findUnique({ where: { id }, select: { communeCode: true } });
  const c = l && (await db.commune.findUnique({ where: { code: l.communeCode }, select: { departement: true } }));
  if (!c || c.departement !== codeInsee) throw notFound('Lieu d’accueil');
  return (await listerLieux(db, codeInsee)).find((x) => x.id === id)!;
}

export type Position = { communeCode: string; latitude: number; longitude: number };
export type Placement = (
  communeCode: string,
  coordonnees: { latitude: number | null; longitude: number | null },
) => { position: Position } | { erreurs: ChampErreur[] };

/**
 * Where a lieu will be (the département's communes read once, for a whole list): its commune (an old code
 * resolved) must be one of the département's, its coordinates (the commune's point when none are given)
 * within the département and near the commune.
 */
export async function placement(db: Pick<Db, 'commune' | 'communeAncienCode'>, codeInsee: string): Promise<Placement> {
  const communes = new Map((await communesDuDepartement(db, codeInsee)).map((c) => [c.code, c]));
  const anciens = new Map(
    (await db.communeAncienCode.findMany({ where: { communeCode: { in: [...communes.keys()] } } })).map((a) => [
      a.code,
      a.communeCode,
    ]),
  );
  const boite = emprise(
    [...communes.values()].map((c) => ({ lat: c.latitude, lng: c.longitude })),
    MARGE_DEPARTEMENT_KM,
  );
  return (communeCode, { latitude, longitude }) => {
    const commune = communes.get(anciens.get(communeCode) ?? communeCode);
    if (!commune || !boite)
      return { erreurs: [{ champ: 'communeCode', message: 'Cette commune n’est pas une commune du département.' }] };
    if (latitude === null || longitude === null)
      return { position: { communeCode: commune.code, latitude: commune.latitude, longitude: commune.longitude } };
    const erreurs = erreursPosition(
      { lat: latitude, lng: longitude },
      { lat: commune.latitude, lng: commune.longitude, nom: commune.nom },
      boite,
    );
    return erreurs.length ? { erreurs } : { position: { communeCode: commune.code, latitude, longitude } };
  };
}

/** The position of one lieu, or 400 with the fields at fault. */
export async function placer(
  db: Pick<Db, 'commune' | 'communeAncienCode'>,
  codeInsee: string,
  communeCode: string,
  coordonnees: { latitude: number | null; longitude: number | null },
  place?: Placement,
): Promise<Position> {
  const r = (place ?? (await placement(db, codeInsee)))(communeCode, coordonnees);
  if ('erreurs' in r) throw invalides(r.erreurs);
  return r.position;
}

const donnees = (l: LieuSaisi, position: Position) => ({
  type: l.type,
  nom: l.nom,
  adresse: l.adresse,
  ...position,
  horaires: l.horaires,
  partenaire: l.type !== 'site_departemental',
  telephone: l.telephone,
  email: l.email,
});

/** Writes a new lieu and its journal row (in the caller's transaction: a list import applies all or nothing). */
export async function ecrireLieu(
  tx: Tx,
  acteur: string,
  codeInsee: string,
  l: LieuSaisi & { id: string; actif: boolean; source: string },
  place?: Placement,
) {
  const position = await placer(tx, codeInsee, l.communeCode, l, place);
  const cree = await tx.lieuAccueil.create({
    data: { id: l.id, ...donnees(l, position), source: l.source, actif: l.actif },
    select: LIEU_ADMINISTRE,
  });
  await journaliser(tx, { agentId: acteur, objet: 'lieu', objetId: cree.id, avant: null, apres: cree });
}

export async function creerLieu(db: Db, acteur: string, codeInsee: string, data: z.infer<typeof lieuCreation>) {
  return db.$transaction(async (tx) => {
    if (await tx.lieuAccueil.findUnique({ where: { id: data.id }, select: { id: true } }))
      throw new HttpError(409, 'identifiant_pris', 'Un lieu d’accueil a déjà cet identifiant.');
    await ecrireLieu(tx, acteur, codeInsee, { ...data, source: 'saisie' });
    return data.id;
  });
}

/** Changes a lieu (locked: two administrators changing it are journaled one after the other). */
export async function changerLieu(
  tx: Tx,
  acteur: string,
  codeInsee: string,
  id: string,
  m: z.infer<typeof lieuModification>,
  place?: Placement,
) {
  const [trouve] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "LieuAccueil" WHERE "id" = ${id} FOR UPDATE`;
  const avant = trouve && (await tx.lieuAccueil.findUniqueOrThrow({ where: { id }, select: LIEU_ADMINISTRE }));
  const commune =
    avant && (await tx.commune.findUnique({ where: { code: avant.communeCode }, select: { departement: true } }));
  if (!avant || commune?.departement !== codeInsee) throw notFound('Lieu d’accueil');
  const saisi: LieuSaisi = {
    type: (m.type ?? avant.type) as TypeLieu,
    nom: m.nom ?? avant.nom,
    adresse: m.adresse !== undefined ? m.adresse : avant.adresse,
    communeCode: m.communeCode ?? avant.communeCode,
    // Another commune without coordinates: the new commune's point; the same commune: the coordinates it had.
    latitude: m.latitude !== undefined ? m.latitude : m.communeCode ? null : avant.latitude,
    longitude: m.longitude !== undefined ? m.longitude : m.communeCode ? null : avant.longitude,
    horaires: (m.horaires ?? avant.horaires) as LieuSaisi['horaires'],
    telephone: m.telephone !== undefined ? m.telephone : avant.telephone,
    email: m.email !== undefined ? m.email : avant.email,
  };
  const position = await placer(tx, codeInsee, saisi.communeCode, saisi, place);
  const apres = await tx.lieuAccueil.update({
    where: { id },
    data: { ...donnees(saisi, position), actif: m.actif ?? avant.actif },
    select: LIEU_ADMINISTRE,
  });
  if (JSON.stringify(avant) !== JSON.stringify(apres))
    await journaliser(tx, { agentId: acteur, objet: 'lieu', objetId: id, avant, apres });
}

export async function modifierLieu(
  db: Db,
  acteur: string,
  codeInsee: string,
  id: string,
  m: z.infer<typeof lieuModification>,
) {
  await db.$transaction((tx) => changerLieu(tx, acteur, codeInsee, id, m));
}
