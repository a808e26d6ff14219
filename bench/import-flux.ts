/**
 * P5 — import of a partner's list: a generated CAF-like file of --n rows (10,000 by default) imported through the
 * API of a running system (`npm start`), timed to its report; beside it, raw Temporal on the same server in the
 * same run: as many workflows started with an update running one activity, at the import's own parallelism.
 * Then the same file again (0 changes expected). During the first import, an agent opens a parcours at the
 * counter every few seconds (the agents' path must not wait behind the import): its latency is printed too.
 * Prints figures; asserts nothing.
 *
 *   npx tsx bench/import-flux.ts [--n 10000] [--brut 2000 (raw workflows, n by default)]
 *   API_URL (http://127.0.0.1:3000), TEMPORAL_ADDRESS (127.0.0.1:7233), DATABASE_URL (the embedded PostgreSQL),
 *   AGENT (loiret-administrateur). Adds usagers and parcours: run it on a data directory made for benchmarks.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import { run } from '../infra/run';
import { importerFlux } from '../imports/flux-api';
import { beneficiaires, csv } from '../test/support/flux';
import { brutUpdate, brutWorkflow, finSignal } from './brut-workflows';
import { demarrerBrut } from './brut';
import { comparaison, mesurer, type Mesure } from './mesure';

const TEMPORAL = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://parcours:parcours-embedded@127.0.0.1:54329/parcours';
const api = {
  url: process.env.API_URL ?? 'http://127.0.0.1:3000',
  authorization: `Dev ${process.env.AGENT ?? 'loiret-administrateur'}`,
};
/** Rows in flight in an import: 4 lots at once, 8 starts at once in each (workflows/import-flux.ts, activities/flux.ts). */
const PARALLELISME = 32;

run(async () => {
  const { values } = parseArgs({ options: { n: { type: 'string', default: '10000' }, brut: { type: 'string' } } });
  const n = Number(values.n);
  // Raw Temporal on fewer workflows when asked (a rate: comparable), to keep a 10,000-row run short.
  const nBrut = Number(values.brut ?? n);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const pool = new Pool({ connectionString: DATABASE_URL, max: 10 });
  const { rows } = await pool.query<{ code: string }>(
    `SELECT tc."communeCode" AS code FROM "TerritoireCommune" tc JOIN "Territoire" t ON t.id = tc."territoireId"
     WHERE t.departement = 'loiret' ORDER BY 1`,
  );
  const fichier = csv(
    beneficiaires(
      n,
      rows.map((r) => r.code),
      Date.now() % 9000,
    ),
  );

  /** Parcours opened at the counter while `pendant` runs, one every 3 s: each one's latency (ms). */
  const auGuichet = async (pendant: Promise<unknown>) => {
    const durees: number[] = [];
    let fini = false;
    void pendant.finally(() => (fini = true));
    for (let i = 0; !fini; i++) {
      const t = performance.now();
      const r = await fetch(`${api.url}/parcours`, {
        method: 'POST',
        headers: {
          authorization: `Dev ${process.env.AGENT_ACCUEIL ?? 'loiret-t01-ep-accueil'}`,
          'content-type': 'application/json',
          'idempotency-key': `banc-guichet-${randomUUID()}`,
        },
        body: JSON.stringify({
          usager: { nom: 'Guichet', prenom: `Banc ${i}`, communeCode: '45234' },
          accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
        }),
      });
      if (r.ok) durees.push(performance.now() - t);
      else console.error(`guichet : ${r.status} ${(await r.text()).slice(0, 200)}`);
      await new Promise((ok) => setTimeout(ok, 3000));
    }
    return durees.sort((a, b) => a - b);
  };

  const importer = async (titre: string) => {
    const debut = performance.now();
    // Until the report and every parcours in the lists (importFini).
    const fin = await importerFlux(api, 'caf', fichier, 'banc-caf.csv');
    const s = (performance.now() - debut) / 1000;
    console.log(`${titre} : ${n} lignes en ${s.toFixed(1)} s — ${JSON.stringify(fin.parIssue)}`);
    return { n, erreurs: fin.parIssue.rejetee, parSeconde: n / s, p50: NaN, p95: NaN, p99: NaN } satisfies Mesure;
  };
  const enCours = importer('P5 premier import');
  const [premier, guichet] = await Promise.all([enCours, auGuichet(enCours)]);
  const q = (x: number) => Math.round(guichet[Math.min(guichet.length - 1, Math.floor(x * guichet.length))] ?? NaN);
  console.log(
    `Pendant l’import, ${guichet.length} parcours ouverts au guichet : p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`,
  );
  await importer('P5 même fichier à nouveau');

  const brutes = await demarrerBrut(TEMPORAL, pool);
  const file = brutes.file;
  const client = new Client({ connection: await Connection.connect({ address: TEMPORAL }), namespace: 'default' });
  const bruts: string[] = [];
  const brut = await mesurer(nBrut, PARALLELISME, async (i) => {
    bruts[i] = `brut-${randomUUID()}`;
    await client.workflow.executeUpdateWithStart(brutUpdate, {
      args: [i],
      startWorkflowOperation: new WithStartWorkflowOperation(brutWorkflow, {
        workflowId: bruts[i],
        taskQueue: file,
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
  });
  // As the import does: start with the work in the input, not waiting; timed until every activity ran.
  const avant = brutes.faites();
  const debut = performance.now();
  const demarres = await mesurer(nBrut, PARALLELISME, async (i) => {
    bruts[nBrut + i] = `brut-${randomUUID()}`;
    await client.workflow.start(brutWorkflow, { workflowId: bruts[nBrut + i]!, taskQueue: file, args: [i] });
  });
  while (brutes.faites() - avant < nBrut) await new Promise((ok) => setTimeout(ok, 100));
  const demarresFaits = { ...demarres, parSeconde: (nBrut / (performance.now() - debut)) * 1000 };
  console.log(
    comparaison(`P5 import de ${n} lignes jusqu’aux parcours projetés, lignes par seconde`, premier, [
      ['brut : start + 1 activité (jusqu’à la fin)', demarresFaits],
      ['brut : update-with-start + 1 activité', brut],
    ]),
  );
  await mesurer(bruts.length, PARALLELISME, (i) => client.workflow.getHandle(bruts[i]!).signal(finSignal));
  await brutes.arreter();
  await pool.end();
});
