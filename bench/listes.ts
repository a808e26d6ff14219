/**
 * Benchmark of the lists (GET /parcours) at volume, as bench/pilotage.ts measures the indicators: a throw-away
 * PostgreSQL (or DATABASE_URL, if empty) seeded with N parcours and their timelines (bench/historique.ts), the API
 * in process over HTTP; each list département-wide and for one territoire, sequential requests (p50 / p95), then
 * the same list at a concurrency for its throughput. `--profil` prints each SQL statement one request runs, with
 * its EXPLAIN ANALYZE time.
 *
 *   npx tsx bench/listes.ts [--parcours 100000] [--mois-historique 12] [--requetes 40] [--concurrence 20] [--profil]
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Client } from '@temporalio/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { run } from '../infra/run';
import { logger } from '../infra/logger';
import { startScratchPostgres } from '../infra/postgres';
import { applyMigrations } from '../infra/migrations';
import { createPrisma } from '../infra/prisma';
import { createApp } from '../api/app';
import { importerGeographie } from '../imports/geographie';
import { importerOrganisation } from '../imports/organisation';
import { dossierGeo } from '../imports/referentiel';
import { chargerAgents, chargerOrganisation } from '../config/organisation';
import { chargerPolitiqueDelais } from '../config/delais';
import { semerHistorique } from './historique';
import { mesurer } from './mesure';

const DIRECTION = 'banc-direction';
const CADRE_TERRITOIRE = 'loiret-t01-ep-cadre';

const quantile = (tri: number[], q: number) => tri[Math.min(tri.length - 1, Math.floor(q * tri.length))] ?? NaN;

async function chronometrer(n: number, f: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await f();
  const durees: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    durees.push(performance.now() - t);
  }
  durees.sort((a, b) => a - b);
  return { p50: quantile(durees, 0.5), p95: quantile(durees, 0.95) };
}

run(async () => {
  const { values } = parseArgs({
    options: {
      parcours: { type: 'string', default: '100000' },
      'mois-historique': { type: 'string', default: '12' },
      requetes: { type: 'string', default: '40' },
      concurrence: { type: 'string', default: '20' },
      profil: { type: 'boolean', default: false },
    },
  });
  const quiet = logger.child({}, { level: 'warn' });
  const scratch = process.env.DATABASE_URL ? null : await startScratchPostgres(quiet, 'banc');
  const url = process.env.DATABASE_URL ?? scratch!.url;
  const requetes: Array<{ sql: string; params: string; ms: number }> = [];
  const db = values.profil
    ? new PrismaClient({
        adapter: new PrismaPg({ connectionString: url, max: 10 }),
        log: [{ emit: 'event', level: 'query' }],
      })
    : createPrisma(url);
  if (values.profil)
    (
      db as unknown as { $on(e: 'query', f: (e: { query: string; params: string; duration: number }) => void): void }
    ).$on('query', (e) => requetes.push({ sql: e.query, params: e.params, ms: e.duration }));
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  let serveur: import('node:http').Server | undefined;
  try {
    applyMigrations(url);
    if ((await db.parcours.count()) === 0) {
      const lire = (f: string): unknown => JSON.parse(fs.readFileSync(path.join(dossierGeo, f), 'utf8'));
      await importerGeographie(db, {
        communes: lire('communes-27-45.json'),
        franceServices: lire('france-services-27-45.json'),
      });
      await importerOrganisation(db, chargerOrganisation('loiret'), chargerAgents('loiret'));
      const direction = {
        id: DIRECTION,
        departement: 'loiret',
        prenom: 'Banc',
        nom: 'Direction',
        email: 'banc.direction@loiret.exemple.fr',
        roles: ['cadre'],
        capacite: 0,
      };
      await db.agent.upsert({ where: { id: DIRECTION }, create: direction, update: direction });
      const equipes = await db.equipe.findMany({
        where: { territoire: { departement: 'loiret' } },
        include: { agents: { where: { roles: { has: 'referent' } } } },
      });
      const t = performance.now();
      const bilan = await semerHistorique(pool, {
        n: Number(values.parcours),
        moisHistorique: Number(values['mois-historique']),
        politique: chargerPolitiqueDelais('loiret'),
        equipes: equipes.map((e) => ({
          territoireId: e.territoireId,
          equipeId: e.id,
          referents: e.agents.map((a) => a.id),
        })),
      });
      console.log(
        `Semé : ${bilan.parcours} parcours, ${bilan.evenements} événements en ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }
    const volume = await pool.query<{ p: string; e: string; t: string; o: string }>(
      `SELECT (SELECT count(*) FROM "Parcours") AS p, (SELECT count(*) FROM "ParcoursEvenement") AS e,
              (SELECT count(*) FROM "Parcours" WHERE "territoireId" = 'loiret-t01') AS t,
              (SELECT count(*) FROM "Parcours" WHERE statut <> 'clos') AS o`,
    );
    const v = volume.rows[0]!;
    console.log(`Base : ${v.p} parcours (${v.o} ouverts, ${v.t} dans loiret-t01), ${v.e} événements`);
    const app = createApp({ db, temporal: new Client(), taskQueue: 'banc', departement: 'loiret', logger: quiet });
    serveur = app.listen(0, '127.0.0.1');
    await new Promise((r) => serveur!.once('listening', r));
    const base = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
    const get = async (agent: string, chemin: string) => {
      const r = await fetch(`${base}${chemin}`, { headers: { authorization: `Dev ${agent}` } });
      if (!r.ok) throw new Error(`${chemin} → ${r.status} ${await r.text()}`);
      return (await r.json()) as { items: unknown[]; suivant?: string | null };
    };
    // The cursor that starts a deep page: walked to from the first page (absent before keyset pagination).
    const curseurA = async (agent: string, chemin: string, rang: number) => {
      let apres: string | null | undefined;
      for (let lus = 0; lus < rang; lus += 200) {
        const page = await get(agent, `${chemin}&limit=200${apres ? `&apres=${apres}` : ''}`);
        apres = page.suivant;
        if (!apres) return undefined;
      }
      return apres;
    };
    const portees = [
      { nom: 'département', agent: DIRECTION, profond: 40_000 },
      { nom: 'territoire loiret-t01', agent: CADRE_TERRITOIRE, profond: 4_000 },
    ];
    const n = Number(values.requetes);
    const c = Number(values.concurrence);
    const f = (x: number) => x.toFixed(1).padStart(7);
    console.log(`\n${n} requêtes séquentielles (p50 / p95 ms), puis 200 à concurrence ${c} (/s, p50 / p95 ms)\n`);
    console.log(`${'liste'.padEnd(58)}${'portée'.padEnd(23)}séquentiel          concurrence ${c}`);
    for (const p of portees) {
      const deep = await curseurA(p.agent, '/parcours?tri=urgence', p.profond);
      const cas: Array<[string, string]> = [
        ['liste', '/parcours?limit=50'],
        ['en retard', '/parcours?enRetard=true&limit=50'],
        ['par étape', '/parcours?etape=orientation&limit=50'],
        ['tableau de bord', '/parcours?ouverts=true&tri=urgence&limit=25'],
        ['mes actions', '/parcours?pour=moi&tri=urgence&limit=20'],
        [`page profonde offset=${p.profond}`, `/parcours?limit=50&offset=${p.profond}`],
        ...(deep
          ? [[`page profonde par curseur (rang ${p.profond})`, `/parcours?limit=50&apres=${deep}`] as [string, string]]
          : []),
      ];
      for (const [nom, chemin] of cas) {
        if (values.profil) {
          await get(p.agent, chemin);
          requetes.length = 0;
          const t = performance.now();
          await get(p.agent, chemin);
          const total = performance.now() - t;
          console.log(`\n${nom} — ${p.nom} : ${total.toFixed(1)} ms, ${requetes.length} requêtes SQL`);
          for (const q of [...requetes]) {
            const params = JSON.parse(q.params) as unknown[];
            const plan = await pool
              .query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, FORMAT TEXT) ${q.sql}`, params)
              .then((r) => r.rows.map((x) => x['QUERY PLAN']))
              .catch((e: Error) => [`(EXPLAIN impossible : ${e.message})`]);
            const temps = plan.find((l) => l.startsWith('Execution Time')) ?? '';
            console.log(`  ${q.ms.toString().padStart(4)} ms  ${temps.padEnd(28)} ${q.sql.slice(0, 160)}`);
            if (process.env.PLANS) console.log(plan.map((l) => `      ${l}`).join('\n'));
          }
          continue;
        }
        const seq = await chronometrer(n, () => get(p.agent, chemin));
        const par = await mesurer(200, c, async () => {
          await get(p.agent, chemin);
        });
        console.log(
          `${`${nom}  ${chemin.length > 40 ? '' : chemin}`.padEnd(58)}${p.nom.padEnd(23)}${f(seq.p50)} / ${f(seq.p95)}   ${par.parSeconde.toFixed(1).padStart(6)}/s ${f(par.p50)} / ${f(par.p95)}${par.erreurs ? ` erreurs ${par.erreurs}` : ''}`,
        );
      }
    }
  } finally {
    serveur?.close();
    await pool.end();
    await db.$disconnect();
    await scratch?.stop();
  }
});
