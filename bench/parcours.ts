/**
 * Benchmarks of a running system (`npm run start:cluster`, or `npm start`), each beside raw Temporal on the same
 * server in the same run. Prints tables; asserts nothing.
 *
 *   P1 POST /parcours  vs raw update-with-start running one activity, and raw workflow.start
 *   P2 a step (évaluation) vs raw update running one activity on an existing workflow
 *   P3 many open parcours with live timers: creation rate, workers' RSS, Temporal's database size, and a sample
 *      of reminders (policy shortened to minutes) firing on time
 *   P4 lists of the read model at --p4 parcours (5 events each), through the API, with EXPLAIN of the list query
 *
 *   npx tsx bench/parcours.ts [--n 300] [--concurrence 20] [--p3 2000] [--p3-minutes 90] [--rappels 40] [--p4 100000] [--etapes P1,P2,P3,P4]
 *   API_URLS (default http://127.0.0.1:3000,http://127.0.0.1:3001), TEMPORAL_ADDRESS (127.0.0.1:7233),
 *   DATABASE_URL (the embedded PostgreSQL), TEMPORAL_TASK_QUEUE (parcours). Development sign-in (seed agents).
 *   P4 adds rows to the read model: run it on a data directory made for benchmarks (DATA_DIR).
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { Pool } from 'pg';
import { run } from '../infra/run';
import { chargerPolitiqueDelais } from '../config/delais';
import { accueillirUpdate } from '../workflows/messages';
import { workflowIdDe } from '../domain/parcours/identifiants';
import { brutUpdate, brutWorkflow, finSignal } from './brut-workflows';
import { demarrerBrut } from './brut';
import { comparaison, mesurer } from './mesure';

const API_URLS = (process.env.API_URLS ?? 'http://127.0.0.1:3000,http://127.0.0.1:3001').split(',');
const TEMPORAL = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://parcours:parcours-embedded@127.0.0.1:54329/parcours';
const FILE = process.env.TEMPORAL_TASK_QUEUE ?? 'parcours';
const ACCUEIL = 'Dev loiret-t01-ep-accueil';
const EVALUATEUR = 'Dev loiret-t01-ep-eval';
const CADRE = 'Dev loiret-t01-ep-cadre';
/** A cadre outside any équipe sees the whole département (created by P4). */
const DIRECTION = 'Dev banc-direction-cadre';

let tour = 0;
async function api(chemin: string, auth: string, corps?: unknown): Promise<{ id: string }> {
  const url = API_URLS[tour++ % API_URLS.length]!;
  const r = await fetch(`${url}${chemin}`, {
    method: corps ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: corps ? JSON.stringify(corps) : undefined,
  });
  if (!r.ok) throw new Error(`${chemin} → ${r.status} ${(await r.text()).slice(0, 200)}`);
  return (await r.json()) as { id: string };
}

const ouverture = (i: number) => ({
  usager: { nom: `Banc-${i}`, prenom: 'Essai', communeCode: '45234' },
  accueil: { besoins: [{ domaine: 'insertion_emploi' }], urgence: false, consentement: true },
});
const evaluation = {
  diagnostic: [{ domaine: 'insertion_emploi', constat: 'Banc', besoinAccompagnement: true }],
  synthese: 'Banc',
  conclusion: 'orientation',
};

/** RSS (MB) of the parcours workers, found by the identities (pid@host) of the task queue's pollers. */
async function rssWorkers(client: Client): Promise<number[]> {
  const r = await client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: FILE } });
  return (r.pollers ?? []).flatMap((p) => {
    const pid = Number(p.identity?.split('@')[0]);
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? [Math.round(Number(kb) / 1024)] : [];
    } catch {
      return [];
    }
  });
}

run(async () => {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '300' },
      concurrence: { type: 'string', default: '20' },
      p3: { type: 'string', default: '2000' },
      'p3-minutes': { type: 'string' },
      rappels: { type: 'string', default: '40' },
      p4: { type: 'string', default: '100000' },
      etapes: { type: 'string', default: 'P1,P2,P3' },
    },
  });
  const n = Number(values.n);
  const c = Number(values.concurrence);
  const etapes = new Set(values.etapes.split(','));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const pool = new Pool({ connectionString: DATABASE_URL, max: 20 });
  const connection = await Connection.connect({ address: TEMPORAL });
  const client = new Client({ connection, namespace: 'default' });
  const brut = await demarrerBrut(TEMPORAL, pool);
  const FILE_BRUTE = brut.file;
  const sortie: string[] = [
    `Parcours Solidarités — banc d'essai : API ${API_URLS.join(', ')}, Temporal ${TEMPORAL}, concurrence ${c}`,
  ];
  const ecrire = (s: string) => {
    sortie.push(s);
    console.log(s);
  };

  const ids: string[] = [];
  const bruts: string[] = [];
  const brutsOuverts: string[] = [];
  if (etapes.has('P1') || etapes.has('P2')) {
    const start = await mesurer(n, c, async () => {
      const workflowId = `brut-${randomUUID()}`;
      await client.workflow.start(brutWorkflow, { taskQueue: FILE_BRUTE, workflowId });
      brutsOuverts.push(workflowId);
    });
    const uws = await mesurer(n, c, async (i) => {
      const workflowId = `brut-${randomUUID()}`;
      await client.workflow.executeUpdateWithStart(brutUpdate, {
        args: [i],
        startWorkflowOperation: new WithStartWorkflowOperation(brutWorkflow, {
          workflowId,
          taskQueue: FILE_BRUTE,
          workflowIdConflictPolicy: 'FAIL',
        }),
      });
      bruts[i] = workflowId;
      brutsOuverts.push(workflowId);
    });
    const nous = await mesurer(n, c, async (i) => {
      ids[i] = (await api('/parcours', ACCUEIL, ouverture(i))).id;
    });
    ecrire(
      comparaison('P1 — ouvrir un parcours', nous, [
        ['brut : update-with-start + 1 activité', uws],
        ['brut : workflow.start', start],
      ]),
    );
  }
  if (etapes.has('P2')) {
    const brut = await mesurer(n, c, async (i) => {
      await client.workflow.getHandle(bruts[i]!).executeUpdate(brutUpdate, { args: [i] });
    });
    const nous = await mesurer(n, c, async (i) => {
      await api(`/parcours/${ids[i]}/evaluation`, EVALUATEUR, evaluation);
    });
    ecrire(comparaison('P2 — une étape (évaluation)', nous, [['brut : update + 1 activité', brut]]));
  }

  if (etapes.has('P3')) {
    const m = Number(values.p3);
    const jusqua = values['p3-minutes'] ? Date.now() + Number(values['p3-minutes']) * 60_000 : Infinity;
    const tailleAvant = await tailleTemporal(pool);
    const rssAvant = await rssWorkers(client);
    let rssMax = rssAvant.reduce((a, b) => a + b, 0);
    const echantillon = setInterval(() => {
      void rssWorkers(client).then(
        (r) =>
          (rssMax = Math.max(
            rssMax,
            r.reduce((a, b) => a + b, 0),
          )),
      );
    }, 2000);
    // A long run says how it goes as it goes: opened, rate, each worker's RSS, Temporal's database.
    let ouvertsP3 = 0;
    let precedent = { t: performance.now(), ouverts: 0 };
    const point = setInterval(() => {
      void Promise.all([rssWorkers(client), tailleTemporal(pool)]).then(([r, t]) => {
        const maintenant = performance.now();
        const debit = ((ouvertsP3 - precedent.ouverts) / (maintenant - precedent.t)) * 1000;
        precedent = { t: maintenant, ouverts: ouvertsP3 };
        ecrire(
          `  ${new Date().toISOString().slice(11, 16)} : ${ouvertsP3} ouverts, ${debit.toFixed(1)}/s depuis le point précédent, RSS des workers [${r.join(', ')}] Mo, base Temporal ${(t / 2 ** 20).toFixed(0)} Mo`,
        );
      });
    }, 5 * 60_000);
    // Samples of parcours whose évaluation reminder is due in ~2 minutes (policy shortened): the first opened
    // before the others (its reminders fire during the burst), the second once they are all open.
    const rappels = await ouvrirAvecRappel(client, pool, Number(values.rappels));
    const creation = await mesurer(
      m,
      c,
      async (i) => {
        await api('/parcours', ACCUEIL, ouverture(1_000_000 + i));
        ouvertsP3++;
      },
      jusqua,
    );
    clearInterval(echantillon);
    clearInterval(point);
    const rssApres = await rssWorkers(client);
    const tailleApres = await tailleTemporal(pool);
    const ouverts = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Parcours" WHERE statut = 'actif'`);
    ecrire(
      [
        `\nP3 — ${creation.n} parcours ouverts (minuteurs vivants), ${ouverts.rows[0]!.n} parcours actifs au total`,
        `création : ${creation.parSeconde.toFixed(1)}/s, p50 ${creation.p50.toFixed(0)} ms, p95 ${creation.p95.toFixed(0)} ms, erreurs ${creation.erreurs}`,
        `RSS des workers (Mo) : avant [${rssAvant.join(', ')}], après [${rssApres.join(', ')}], somme max ${rssMax}`,
        `base Temporal : ${(tailleAvant / 2 ** 20).toFixed(0)} → ${(tailleApres / 2 ** 20).toFixed(0)} Mo (${((tailleApres - tailleAvant) / 1024 / creation.n).toFixed(1)} Ko par parcours)`,
      ].join('\n'),
    );
    const rappelsApres = await ouvrirAvecRappel(client, pool, Number(values.rappels));
    ecrire(await attendreRappels(pool, rappels, 'pendant les ouvertures'));
    ecrire(await attendreRappels(pool, rappelsApres, `une fois les ${ouverts.rows[0]!.n} parcours ouverts`));
  }

  if (etapes.has('P4')) ecrire(await listes(pool, Number(values.p4), c));

  // The raw workflows end: they must not weigh on the next run.
  await mesurer(brutsOuverts.length, c, async (i) => {
    await client.workflow.getHandle(brutsOuverts[i]!).signal(finSignal);
  });
  await brut.arreter();
  await connection.close();
  await pool.end();
  fs.mkdirSync('bench/resultats', { recursive: true });
  const fichier = `bench/resultats/${new Date().toISOString().replace(/[:.]/g, '-')}.txt`;
  fs.writeFileSync(fichier, sortie.join('\n') + '\n');
  console.log(`\n(résultats aussi dans ${fichier})`);
});

async function tailleTemporal(pool: Pool): Promise<number> {
  const r = await pool.query<{ t: string }>(
    `SELECT pg_database_size('temporal') + pg_database_size('temporal_visibility') AS t`,
  );
  return Number(r.rows[0]!.t);
}

/** Relance of the évaluation 90 s after opening, échéance at 3 min: the policy's hours, as fractions. */
async function ouvrirAvecRappel(client: Client, pool: Pool, k: number) {
  const politique = chargerPolitiqueDelais('loiret');
  politique.evaluation = {
    ...politique.evaluation,
    delai: { valeur: 0.05, unite: 'heures' },
    relanceAvant: { valeur: 0.025, unite: 'heures' },
  };
  const ids: string[] = [];
  await mesurer(k, 10, async (i) => {
    const parcoursId = randomUUID();
    const usagerId = randomUUID();
    await pool.query(
      `INSERT INTO "Usager" (id, nom, prenom, "communeCode", "modifieLe") VALUES ($1, $2, 'Rappel', '45234', now())`,
      [usagerId, `Rappel-${i}`],
    );
    await client.workflow.executeUpdateWithStart(accueillirUpdate, {
      args: [
        {
          acteur: 'loiret-t01-ep-accueil',
          donnees: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
        },
      ],
      startWorkflowOperation: new WithStartWorkflowOperation('parcoursWorkflow', {
        workflowId: workflowIdDe(parcoursId),
        taskQueue: FILE,
        args: [
          {
            parcoursId,
            usagerId,
            departement: 'loiret',
            politique,
            routage: { territoireId: 'loiret-t01', equipeId: 'loiret-t01-ep', mode: 'automatique' },
          },
        ],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    ids.push(parcoursId);
  });
  return ids;
}

/** Waits for the sample's reminders and reports how late they fired (from the accueil event's time). */
async function attendreRappels(pool: Pool, ids: string[], quand: string): Promise<string> {
  const requete = () =>
    pool.query<{ retard: number }>(
      `SELECT extract(epoch FROM r."survenuLe" - a."survenuLe") * 1000 - 90000 AS retard
         FROM "ParcoursEvenement" r JOIN "ParcoursEvenement" a ON a."parcoursId" = r."parcoursId" AND a.type = 'accueil'
        WHERE r.type = 'relance' AND r."parcoursId" = ANY($1::uuid[])`,
      [ids],
    );
  const limite = Date.now() + 6 * 60_000;
  let r = await requete();
  while (r.rows.length < ids.length && Date.now() < limite) {
    await new Promise((res) => setTimeout(res, 5000));
    r = await requete();
  }
  const retards = r.rows.map((x) => Number(x.retard)).sort((a, b) => a - b);
  const q = (p: number) => (retards[Math.min(retards.length - 1, Math.floor(p * retards.length))] ?? NaN).toFixed(0);
  return `rappels ouverts ${quand} (échantillon, dus 90 s après l'ouverture) : ${retards.length}/${ids.length} arrivés ; retard p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`;
}

/** P4: the read model at `total` parcours and 5 events each (synthetic rows, département loiret), lists timed. */
async function listes(pool: Pool, total: number, c: number): Promise<string> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Parcours"`);
  const manque = total - Number(rows[0]!.n);
  if (manque > 0) {
    await pool.query(`
      WITH u AS (
        INSERT INTO "Usager" (id, nom, prenom, "communeCode", "modifieLe")
        SELECT gen_random_uuid(), 'Synth-' || g, 'Banc', '45234', now() FROM generate_series(1, ${manque}) g
        RETURNING id
      ), t AS (SELECT id, row_number() OVER () AS r FROM u)
      INSERT INTO "Parcours" (id, "usagerId", "workflowId", departement, etape, statut, besoins, urgence, "territoireId",
        "equipeId", echeance, "enRetard", "etapeDepuis", "ouvertLe", echeances, objectifs, version, "modifieLe")
      SELECT gen_random_uuid(), t.id, 'synth-' || t.id, 'loiret',
        (ARRAY['evaluation','orientation','designation','accompagnement'])[1 + t.r % 4], 'actif', ARRAY['logement'], false,
        'loiret-t0' || (1 + t.r % 5), 'loiret-t0' || (1 + t.r % 5) || '-ep', now() + (t.r % 60) * interval '1 day',
        t.r % 11 = 0, now() - (t.r % 90) * interval '1 day', now() - (t.r % 365) * interval '1 day', '[]', '[]', 5, now()
      FROM t`);
    await pool.query(`
      INSERT INTO "ParcoursEvenement" ("parcoursId", seq, type, acteur, "survenuLe", donnees)
      SELECT p.id, s, (ARRAY['accueil','evaluation','orientation','designation_referent','plan'])[s], 'synth', now(), '{}'
      FROM "Parcours" p CROSS JOIN generate_series(1, 5) s WHERE p."workflowId" LIKE 'synth-%'
      ON CONFLICT DO NOTHING`);
    await pool.query('ANALYZE');
  }
  await pool.query(
    `INSERT INTO "Agent" (id, departement, prenom, nom, email, roles, capacite)
     VALUES ('banc-direction-cadre', 'loiret', 'Banc', 'Direction', 'banc-direction@cd45.invalid', ARRAY['cadre'], 0)
     ON CONFLICT (id) DO NOTHING`,
  );
  const compte = await pool.query<{ p: string; e: string }>(
    `SELECT (SELECT count(*) FROM "Parcours") AS p, (SELECT count(*) FROM "ParcoursEvenement") AS e`,
  );
  const lignes = [
    `\nP4 — listes à ${compte.rows[0]!.p} parcours / ${compte.rows[0]!.e} événements (API, ${c} en parallèle)`,
  ];
  const cas: Array<[string, string, string]> = [
    ['liste, cadre de territoire', '/parcours?limit=50', CADRE],
    ['liste en retard, cadre de territoire', '/parcours?enRetard=true&limit=50', CADRE],
    ['liste par étape, cadre de territoire', '/parcours?etape=orientation&limit=50', CADRE],
    ['page profonde (offset=40000)', '/parcours?limit=50&offset=40000', DIRECTION],
    ['liste, cadre de direction (département)', '/parcours?limit=50', DIRECTION],
  ];
  for (const [nom, chemin, auth] of cas) {
    const m = await mesurer(200, c, async () => {
      await api(chemin, auth);
    });
    lignes.push(
      `${nom.padEnd(44)} ${m.parSeconde.toFixed(1).padStart(7)}/s p50 ${m.p50.toFixed(0).padStart(5)} ms p95 ${m.p95.toFixed(0).padStart(5)} ms erreurs ${m.erreurs}`,
    );
  }
  return lignes.join('\n');
}
