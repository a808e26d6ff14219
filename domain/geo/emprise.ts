import type { Point } from './distance';

export interface Emprise {
  latMin: number;
  latMax: number;
  lngMin: number;
  lngMax: number;
}

/** 1 km in degrees of latitude (and, at French latitudes, about 1.5 km in longitude: margins use latitude). */
const DEGRE_PAR_KM = 1 / 111.2;

/** The bounding box of points (a département's communes), widened by `margeKm` on every side. */
export function emprise(points: Point[], margeKm = 0): Emprise | null {
  if (!points.length) return null;
  const m = margeKm * DEGRE_PAR_KM;
  return {
    latMin: Math.min(...points.map((p) => p.lat)) - m,
    latMax: Math.max(...points.map((p) => p.lat)) + m,
    lngMin: Math.min(...points.map((p) => p.lng)) - m * 1.5,
    lngMax: Math.max(...points.map((p) => p.lng)) + m * 1.5,
  };
}

export const dansEmprise = (e: Emprise, p: Point) =>
  p.lat >= e.latMin && p.lat <= e.latMax && p.lng >= e.lngMin && p.lng <= e.lngMax;
