import { distanceKm, type Point } from '../geo/distance';

export interface Lieu extends Point {
  id: string;
}

export interface LieuProche<L extends Lieu> {
  lieu: L;
  distanceKm: number;
}

/** The `n` lieux nearest to a point, nearest first. */
export function lieuxLesPlusProches<L extends Lieu>(point: Point, lieux: L[], n: number): LieuProche<L>[] {
  return lieux
    .map((lieu) => ({ lieu, distanceKm: distanceKm(point, lieu) }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.lieu.id.localeCompare(b.lieu.id))
    .slice(0, n);
}

export interface CommunePoint extends Point {
  code: string;
  nom: string;
}

export interface Couverture<L extends Lieu, C extends CommunePoint = CommunePoint> {
  limiteKm: number;
  communes: number;
  /** Every commune with its nearest lieu d'accueil (null when there is none at all), in the given order. */
  distances: Array<{ commune: C; plusProche: LieuProche<L> | null }>;
  /** Communes whose nearest lieu d'accueil is beyond the limit, farthest first. */
  horsPortee: Array<{ commune: C; plusProche: LieuProche<L> | null }>;
  /** Distance from the worst-served commune to its nearest lieu d'accueil. */
  pireDistanceKm: number | null;
}

/** Which communes have no lieu d'accueil within `limiteKm` (Loiret's promise: 20 km). */
export function couverture<L extends Lieu, C extends CommunePoint>(
  communes: C[],
  lieux: L[],
  limiteKm: number,
): Couverture<L, C> {
  const distances = communes.map((commune) => ({
    commune,
    plusProche: lieuxLesPlusProches(commune, lieux, 1)[0] ?? null,
  }));
  const horsPortee = distances
    .filter((c) => !c.plusProche || c.plusProche.distanceKm > limiteKm)
    .sort((a, b) => (b.plusProche?.distanceKm ?? Infinity) - (a.plusProche?.distanceKm ?? Infinity));
  return {
    limiteKm,
    communes: communes.length,
    distances,
    horsPortee,
    pireDistanceKm: communes.length ? Math.max(...distances.map((c) => c.plusProche?.distanceKm ?? Infinity)) : null,
  };
}

/**
 * "What if we add a site here": the coverage with the current lieux and with one more, computed the same way
 * (nothing saved). Adding a lieu never moves a commune beyond the limit.
 */
export function simulerAjout<L extends Lieu, C extends CommunePoint>(
  communes: C[],
  lieux: L[],
  ajout: L,
  limiteKm: number,
): { avant: Couverture<L, C>; apres: Couverture<L, C>; gagnees: C[] } {
  const avant = couverture(communes, lieux, limiteKm);
  const apres = couverture(communes, [...lieux, ajout], limiteKm);
  const restent = new Set(apres.horsPortee.map((h) => h.commune.code));
  return { avant, apres, gagnees: avant.horsPortee.map((h) => h.commune).filter((c) => !restent.has(c.code)) };
}
