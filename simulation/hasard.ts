/** A seeded pseudo-random generator (mulberry32): the same seed gives the same draws (simulation, benchmark). */
export function aleatoire(graine: number) {
  let a = graine >>> 0;
  const suivant = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    reel: suivant,
    /** Uniform integer in [min, max]. */
    entier: (min: number, max: number) => min + Math.floor(suivant() * (max - min + 1)),
    /** Exponential with this mean. */
    expo: (moyenne: number) => -Math.log(1 - suivant()) * moyenne,
    /** Poisson with this mean (Knuth; the means here are small). */
    poisson: (moyenne: number) => {
      const l = Math.exp(-moyenne);
      let k = 0;
      for (let p = suivant(); p > l; p *= suivant()) k++;
      return k;
    },
    choix: <T>(xs: readonly T[]): T => xs[Math.floor(suivant() * xs.length)]!,
  };
}
export type Hasard = ReturnType<typeof aleatoire>;
