/**
 * Benchmark of a running system (`npm start` in another terminal): opens parcours through the API, advances
 * them one step, then loads the list endpoint. Prints latency percentiles and throughput; asserts nothing.
 *
 *   npx tsx bench/parcours.ts [--parcours 200] [--concurrence 20] [--duree 10]
 *   API_URL (default http://127.0.0.1:3000), BENCH_AUTHORIZATION (an Authorization header value, if required)
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { run } from '../infra/run';

const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
const entetes: Record<string, string> = {
  'content-type': 'application/json',
  ...(process.env.BENCH_AUTHORIZATION ? { authorization: process.env.BENCH_AUTHORIZATION } : {}),
};

const quantile = (tri: number[], q: number) => tri[Math.min(tri.length - 1, Math.floor(q * tri.length))] ?? NaN;

/** Runs `taches` with at most `concurrence` in flight; returns each one's duration (ms) and the total time. */
async function mesurer(n: number, concurrence: number, tache: (i: number) => Promise<void>) {
  const durees: number[] = [];
  let suivant = 0;
  const debut = performance.now();
  await Promise.all(
    Array.from({ length: concurrence }, async () => {
      while (suivant < n) {
        const i = suivant++;
        const t = performance.now();
        await tache(i);
        durees.push(performance.now() - t);
      }
    }),
  );
  const total = performance.now() - debut;
  const tri = durees.sort((a, b) => a - b);
  return {
    n,
    parSeconde: (n / total) * 1000,
    p50: quantile(tri, 0.5),
    p95: quantile(tri, 0.95),
    p99: quantile(tri, 0.99),
    max: tri.at(-1) ?? NaN,
  };
}

async function post(chemin: string, corps: unknown): Promise<{ id: string }> {
  const r = await fetch(`${API}${chemin}`, { method: 'POST', headers: entetes, body: JSON.stringify(corps) });
  if (!r.ok) throw new Error(`${chemin} → ${r.status} ${await r.text()}`);
  return (await r.json()) as { id: string };
}

run(async () => {
  const { values } = parseArgs({
    options: {
      parcours: { type: 'string', default: '200' },
      concurrence: { type: 'string', default: '20' },
      duree: { type: 'string', default: '10' },
    },
  });
  const n = Number(values.parcours);
  const c = Number(values.concurrence);
  const ids: string[] = [];
  const accueil = await mesurer(n, c, async (i) => {
    const p = await post('/parcours', {
      usager: { nom: `Banc-${i}`, prenom: 'Essai', communeCode: '45234' },
      accueil: { besoins: [{ domaine: 'insertion_emploi' }], urgence: false, consentement: true },
    });
    ids[i] = p.id;
  });
  const evaluation = await mesurer(n, c, async (i) => {
    await post(`/parcours/${ids[i]}/evaluation`, {
      diagnostic: [{ domaine: 'insertion_emploi', constat: 'Banc', besoinAccompagnement: true }],
      synthese: 'Banc',
      conclusion: 'orientation',
    });
  });
  const liste = await autocannon({
    url: `${API}/parcours?statut=actif&limit=50`,
    headers: entetes,
    connections: 10,
    duration: Number(values.duree),
  });

  const ligne = (nom: string, m: Awaited<ReturnType<typeof mesurer>>) =>
    `${nom.padEnd(36)} ${String(m.n).padStart(6)} ${m.parSeconde.toFixed(1).padStart(8)} ${m.p50.toFixed(0).padStart(7)} ${m.p95.toFixed(0).padStart(7)} ${m.p99.toFixed(0).padStart(7)} ${m.max.toFixed(0).padStart(7)}`;
  console.log(`\nParcours Solidarités — banc d'essai (${API}, concurrence ${c})`);
  console.log(
    `${'opération'.padEnd(36)} ${'n'.padStart(6)} ${'/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}`,
  );
  console.log(ligne('POST /parcours (workflow + accueil)', accueil));
  console.log(ligne('POST /parcours/:id/evaluation', evaluation));
  console.log(
    `${'GET /parcours (liste, 10 connexions)'.padEnd(36)} ${String(liste.requests.total).padStart(6)} ${liste.requests.average.toFixed(1).padStart(8)} ${String(liste.latency.p50).padStart(7)} ${String(liste.latency.p97_5).padStart(7)} ${String(liste.latency.p99).padStart(7)} ${String(liste.latency.max).padStart(7)}`,
  );
  console.log(
    `erreurs liste : ${liste.errors}, réponses non 2xx : ${liste.non2xx} (p97,5 affiché dans la colonne p95 pour la liste)`,
  );
});
