/** Coverage computations and the position rule of a lieu d'accueil (pure), with properties over random maps. */
import fc from 'fast-check';
import { couverture, simulerAjout } from '../../domain/organisation/proximite';
import { dansEmprise, emprise } from '../../domain/geo/emprise';
import { distanceKm } from '../../domain/geo/distance';
import { ECART_MAX_COMMUNE_KM, erreursPosition } from '../../domain/organisation/lieux';

// Points in a Loiret-sized box (≈ 120 × 100 km).
const point = fc.record({
  lat: fc.double({ min: 47.5, max: 48.35, noNaN: true }),
  lng: fc.double({ min: 1.5, max: 3.1, noNaN: true }),
});
const communes = fc
  .array(point, { minLength: 1, maxLength: 40 })
  .map((ps) => ps.map((p, i) => ({ ...p, code: String(45000 + i), nom: `Commune ${i}` })));
const lieux = fc.array(point, { maxLength: 8 }).map((ps) => ps.map((p, i) => ({ ...p, id: `l${i}` })));
const limite = fc.double({ min: 1, max: 60, noNaN: true });

describe('Couverture : ajouter un lieu', () => {
  it('ne fait jamais sortir une commune de la portée, ni ne l’éloigne', () => {
    fc.assert(
      fc.property(communes, lieux, point, limite, (cs, ls, p, km) => {
        const { avant, apres, gagnees } = simulerAjout(cs, ls, { ...p, id: 'nouveau' }, km);
        const horsAvant = new Set(avant.horsPortee.map((h) => h.commune.code));
        expect(apres.horsPortee.every((h) => horsAvant.has(h.commune.code))).toBe(true);
        apres.distances.forEach((d, i) =>
          expect(d.plusProche!.distanceKm).toBeLessThanOrEqual(avant.distances[i]!.plusProche?.distanceKm ?? Infinity),
        );
        expect(gagnees.length).toBe(avant.horsPortee.length - apres.horsPortee.length);
        expect(apres.pireDistanceKm!).toBeLessThanOrEqual(avant.pireDistanceKm!);
      }),
    );
  });

  it('un lieu dans la commune la plus mal servie la met à 0 km', () => {
    fc.assert(
      fc.property(communes, lieux, limite, (cs, ls, km) => {
        const pire = couverture(cs, ls, km).distances.reduce((a, b) =>
          (b.plusProche?.distanceKm ?? Infinity) > (a.plusProche?.distanceKm ?? Infinity) ? b : a,
        ).commune;
        const { apres, gagnees } = simulerAjout(cs, ls, { lat: pire.lat, lng: pire.lng, id: 'ici' }, km);
        expect(apres.distances.find((d) => d.commune.code === pire.code)!.plusProche!.distanceKm).toBe(0);
        expect(apres.horsPortee.some((h) => h.commune.code === pire.code)).toBe(false);
        if (ls.length === 0) expect(gagnees.length).toBe(cs.length - apres.horsPortee.length);
      }),
    );
  });
});

describe('Position d’un lieu d’accueil', () => {
  it('l’emprise contient chacun de ses points', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 30 }), (ps) => {
        const e = emprise(ps)!;
        expect(ps.every((p) => dansEmprise(e, p))).toBe(true);
      }),
    );
  });

  it('accepte le point de la commune, refuse plus loin que l’écart permis ou hors du département', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 30 }), point, (ps, p) => {
        const boite = emprise(ps)!;
        const commune = { ...ps[0]!, nom: 'Ici' };
        expect(erreursPosition(commune, commune, boite)).toEqual([]);
        const erreurs = erreursPosition(p, commune, boite);
        if (!dansEmprise(boite, p)) expect(erreurs[0]!.message).toMatch(/hors du département/);
        else expect(erreurs.length > 0).toBe(distanceKm(p, commune) > ECART_MAX_COMMUNE_KM);
      }),
    );
    expect(emprise([])).toBeNull();
  });
});
