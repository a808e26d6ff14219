/**
 * Benchmark of the pilotage indicators at volume: seeds a throw-away PostgreSQL (or DATABASE_URL, if empty) with
 * N parcours and their timelines in bulk, then times every indicator endpoint of the API (in process, over
 * HTTP), département-wide and for one territoire, next to the in-memory aggregation it replaced ("avant").
 *
 *   npm run bench:pilotage -- [--parcours 100000] [--requetes 40] [--mois-historique 24] [--sans-avant]
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Client } from '@temporalio/client';
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
import { chargeEnMemoire, indicateursEnMemoire } from './pilotage-memoire';

const DIRECTION = 'banc-direction';
const TERRITOIRE = 'loiret-t01';
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
      requetes: { type: 'string', default: '40' },
      'mois-historique': { type: 'string', default: '24' },
      'sans-avant': { type: 'boolean', default: false },
    },
  });
  const quiet = logger.child({}, { level: 'warn' });
  const scratch = process.env.DATABASE_URL ? null : await startScratchPostgres(quiet, 'banc');
  const url = process.env.DATABASE_URL ?? scratch!.url;
  const db = createPrisma(url);
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
        `Semé : ${bilan.parcours} parcours, ${bilan.evenements} événements, ${bilan.agregats} lignes d'agrégats en ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }
    const app = createApp({
      db,
      temporal: new Client(),
      taskQueue: 'banc',
      departement: 'loiret',
      logger: quiet,
    });
    serveur = app.listen(0, '127.0.0.1');
    await new Promise((r) => serveur!.once('listening', r));
    const base = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
    const get = (agent: string) => async (chemin: string) => {
      const r = await fetch(`${base}${chemin}`, { headers: { authorization: `Dev ${agent}` } });
      if (!r.ok) throw new Error(`${chemin} → ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    };
    const n = Number(values.requetes);
    const portees = [
      { nom: 'département', agent: DIRECTION, territoireId: undefined },
      { nom: `territoire ${TERRITOIRE}`, agent: CADRE_TERRITOIRE, territoireId: TERRITOIRE },
    ];
    const chemins = [
      '/pilotage/indicateurs',
      '/pilotage/delais-etapes',
      '/pilotage/delais-etapes?par=territoire',
      '/pilotage/delais-etapes?par=mois',
      '/pilotage/respect-delais',
      '/pilotage/respect-delais?par=agence',
      '/pilotage/flux',
      '/pilotage/stock',
      '/pilotage/escalades?par=mois',
      '/pilotage/charge',
      '/pilotage/flux/export?format=csv',
      '/pilotage/respect-delais/export?format=xlsx&par=mois',
    ];
    console.log(`\n${n} requêtes séquentielles par ligne, en ms (p50 / p95)\n`);
    console.log(`${'indicateur'.padEnd(54)}${'portée'.padEnd(22)}${'avant (mémoire)'.padEnd(20)}après (SQL)`);
    const f = (x: { p50: number; p95: number }) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}`;
    for (const p of portees) {
      for (const chemin of chemins) {
        const avantFn = values['sans-avant']
          ? undefined
          : chemin === '/pilotage/indicateurs'
            ? () => indicateursEnMemoire(db, 'loiret', p.territoireId)
            : chemin === '/pilotage/charge'
              ? () => chargeEnMemoire(db, 'loiret', p.territoireId)
              : undefined;
        const avant = avantFn ? f(await chronometrer(Math.min(n, 5), avantFn)) : '—';
        const apres = await chronometrer(n, () => get(p.agent)(chemin));
        console.log(`${chemin.padEnd(54)}${p.nom.padEnd(22)}${avant.padEnd(20)}${f(apres)}`);
      }
    }
  } finally {
    serveur?.close();
    await pool.end();
    await db.$disconnect();
    await scratch?.stop();
  }
});
