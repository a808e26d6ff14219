/**
 * Coverage of the département by its lieux d'accueil, for the map: every commune with its distance to the
 * nearest active site, the sites counted (by data origin), and the same with one more hypothetical site.
 */
import type { Db } from '../infra/prisma';
import { communesDuDepartement, lieuxActifs } from './lieux';
import { couverture, simulerAjout, type Couverture } from '../domain/organisation/proximite';
import { dansEmprise, emprise } from '../domain/geo/emprise';
import { LIBELLE_SOURCE_LIEU, sourceReelle, type TypeLieu } from '../domain/organisation/referentiel';

const km = (d: number) => Math.round(d * 10) / 10;
export type Sources = 'toutes' | 'reelles';

/**
 * The ground of a coverage: the département's communes, and the active sites that can serve them — those of
 * the département and any within the limit of its outermost communes (a neighbour's site across the border).
 */
export async function terrain(db: Db, codeInsee: string, limiteKm: number, sources: Sources) {
  const communes = (await communesDuDepartement(db, codeInsee)).map((c) => ({
    ...c,
    lat: c.latitude,
    lng: c.longitude,
  }));
  const boite = emprise(communes, limiteKm);
  const lieux = (await lieuxActifs(db))
    .map((l) => ({
      id: l.id,
      nom: l.nom,
      type: l.type as TypeLieu,
      source: l.source,
      latitude: l.latitude,
      longitude: l.longitude,
      lat: l.latitude,
      lng: l.longitude,
    }))
    .filter((l) => boite && dansEmprise(boite, l) && (sources === 'toutes' || sourceReelle(l.source)));
  return { communes, lieux };
}
type Terrain = Awaited<ReturnType<typeof terrain>>;
type LieuCompte = Terrain['lieux'][number];

function resume(c: Couverture<LieuCompte, Terrain['communes'][number]>) {
  const distances = c.distances.flatMap((d) => (d.plusProche ? [d.plusProche.distanceKm] : []));
  return {
    communes: c.communes,
    horsPortee: c.horsPortee.length,
    pireDistanceKm: c.pireDistanceKm === null || !Number.isFinite(c.pireDistanceKm) ? null : km(c.pireDistanceKm),
    distanceMoyenneKm: distances.length ? km(distances.reduce((a, b) => a + b, 0) / distances.length) : null,
  };
}

function carte(
  departement: string,
  sources: Sources,
  c: Couverture<LieuCompte, Terrain['communes'][number]>,
  lieux: LieuCompte[],
  simule?: string,
) {
  const parSource = new Map<string, number>();
  for (const l of lieux) if (l.id !== simule) parSource.set(l.source, (parSource.get(l.source) ?? 0) + 1);
  return {
    departement,
    limiteKm: c.limiteKm,
    sources,
    resume: resume(c),
    lieuxComptes: [...parSource]
      .sort((a, b) => b[1] - a[1])
      .map(([source, n]) => ({ source, libelle: LIBELLE_SOURCE_LIEU[source] ?? source, lieux: n })),
    communes: c.distances.map((d) => ({
      code: d.commune.code,
      nom: d.commune.nom,
      latitude: d.commune.latitude,
      longitude: d.commune.longitude,
      distanceKm: d.plusProche ? km(d.plusProche.distanceKm) : null,
      lieuLePlusProche: d.plusProche?.lieu.nom ?? null,
    })),
    lieux: lieux.map((l) => ({
      id: l.id,
      nom: l.nom,
      type: l.type,
      source: l.source,
      latitude: l.latitude,
      longitude: l.longitude,
      simule: l.id === simule,
    })),
  };
}

export async function carteCouverture(
  db: Db,
  d: { departement: string; codeInsee: string },
  limiteKm: number,
  sources: Sources,
) {
  const t = await terrain(db, d.codeInsee, limiteKm, sources);
  return carte(d.departement, sources, couverture(t.communes, t.lieux, limiteKm), t.lieux);
}

/** The coverage before and after adding a site at a point (nothing is saved). */
export async function simulerCouverture(
  db: Db,
  d: { departement: string; codeInsee: string },
  limiteKm: number,
  sources: Sources,
  ajout: { nom: string; latitude: number; longitude: number },
) {
  const t = await terrain(db, d.codeInsee, limiteKm, sources);
  const lieu: LieuCompte = {
    id: '(simulation)',
    nom: `Nouveau lieu à ${ajout.nom}`,
    type: 'ccas',
    source: 'saisie',
    latitude: ajout.latitude,
    longitude: ajout.longitude,
    lat: ajout.latitude,
    lng: ajout.longitude,
  };
  const s = simulerAjout(t.communes, t.lieux, lieu, limiteKm);
  return {
    avant: resume(s.avant),
    apres: carte(d.departement, sources, s.apres, [...t.lieux, lieu], lieu.id),
    communesGagnees: s.gagnees.map((c) => ({ code: c.code, nom: c.nom })),
  };
}
