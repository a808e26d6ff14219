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

export interface Couverture<L extends Lieu> {
  limiteKm: number;
  communes: number;
  /** Communes whose nearest lieu d'accueil is beyond the limit, farthest first. */
  horsPortee: Array<{ commune: CommunePoint; plusProche: LieuProche<L> | null }>;
  /** Distance from the worst-served commune to its nearest lieu d'accueil. */
  pireDistanceKm: number | null;
}

/** Which communes have no lieu d'accueil within `limiteKm` (Loiret's promise: 20 km). */
export function couverture<L extends Lieu>(communes: CommunePoint[], lieux: L[], limiteKm: number): Couverture<L> {
  const plusProches = communes.map((commune) => ({
    commune,
    plusProche: lieuxLesPlusProches(commune, lieux, 1)[0] ?? null,
  }));
  const horsPortee = plusProches
    .filter((c) => !c.plusProche || c.plusProche.distanceKm > limiteKm)
    .sort((a, b) => (b.plusProche?.distanceKm ?? Infinity) - (a.plusProche?.distanceKm ?? Infinity));
  const distances = plusProches.map((c) => c.plusProche?.distanceKm ?? Infinity);
  return {
    limiteKm,
    communes: communes.length,
    horsPortee,
    pireDistanceKm: communes.length ? Math.max(...distances) : null,
  };
}
