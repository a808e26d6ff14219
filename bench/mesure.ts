/** Timing and printing for the benchmarks: figures side by side, nothing asserted. */
const quantile = (tri: number[], q: number) => tri[Math.min(tri.length - 1, Math.floor(q * tri.length))] ?? NaN;

export interface Mesure {
  n: number;
  erreurs: number;
  parSeconde: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Runs `n` tasks with at most `concurrence` in flight; each one's duration (ms), throughput, failures counted.
 * With `jusqua` (epoch ms), no task starts after it: a long run ends on time and says how many it did.
 */
export async function mesurer(
  n: number,
  concurrence: number,
  tache: (i: number) => Promise<void>,
  jusqua = Infinity,
): Promise<Mesure> {
  const durees: number[] = [];
  let erreurs = 0;
  let suivant = 0;
  const debut = performance.now();
  await Promise.all(
    Array.from({ length: concurrence }, async () => {
      while (suivant < n && Date.now() < jusqua) {
        const i = suivant++;
        const t = performance.now();
        try {
          await tache(i);
          durees.push(performance.now() - t);
        } catch (err) {
          if (erreurs++ < 3) console.error(String(err).slice(0, 300));
        }
      }
    }),
  );
  const total = performance.now() - debut;
  const tri = durees.sort((a, b) => a - b);
  return {
    n: durees.length + erreurs,
    erreurs,
    parSeconde: (durees.length / total) * 1000,
    p50: quantile(tri, 0.5),
    p95: quantile(tri, 0.95),
    p99: quantile(tri, 0.99),
  };
}

const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');

/** One comparison: ours beside raw Temporal, with the ratios (throughput ours/raw, p95 ours/raw). */
export function comparaison(titre: string, nous: Mesure, bruts: Array<[string, Mesure]>): string {
  const lignes = [
    `\n${titre}`,
    `${''.padEnd(44)} ${'n'.padStart(5)} ${'err'.padStart(4)} ${'/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`,
  ];
  const ligne = (nom: string, m: Mesure) =>
    `${nom.padEnd(44)} ${String(m.n).padStart(5)} ${String(m.erreurs).padStart(4)} ${f(m.parSeconde, 1).padStart(7)} ${f(m.p50).padStart(7)} ${f(m.p95).padStart(7)} ${f(m.p99).padStart(7)}`;
  lignes.push(ligne('nous', nous));
  for (const [nom, m] of bruts) {
    lignes.push(ligne(nom, m));
    lignes.push(
      `${'  ratio nous/brut'.padEnd(44)} ${''.padStart(5)} ${''.padStart(4)} ${f(nous.parSeconde / m.parSeconde, 2).padStart(7)} ${''.padStart(7)} ${f(nous.p95 / m.p95, 2).padStart(7)}`,
    );
  }
  return lignes.join('\n');
}
