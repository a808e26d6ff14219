/**
 * `npm run simulation -- [options]`: what a staffing change does to the délais, on the real parcours workflows
 * under Temporal's time-skipping server, two scenarios side by side (the second with reinforcements).
 *
 *   --departement loiret     --jours 365          --arrivees 15 (premiers accueils par an pour 1 000 habitants)
 *   --orientes 0.8           --rsa 0.4            --urgence 0.1
 *   --echantillon 0.1        (part du volume simulée : arrivées, débits et capacités des agents)
 *   --territoires a,b        (seulement ces territoires ; à plein volume avec --echantillon 1)
 *   --renfort loiret-t05:2   (référents ajoutés au second scénario, répétable)
 *   --graine 16              --sortie resultat.json
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { run } from '../infra/run';
import { loadEnv } from '../infra/env';
import { logger } from '../infra/logger';
import { startScratchPostgres } from '../infra/postgres';
import { applyMigrations } from '../infra/migrations';
import { createPrisma, type Db } from '../infra/prisma';
import { ensureTimeSkippingServer, startTimeSkippingServer } from '../infra/temporal-test-server';
import { workflowsPath } from '../worker/worker';
import { importerGeographie } from '../imports/geographie';
import { importerOrganisation } from '../imports/organisation';
import { dossierGeo } from '../imports/referentiel';
import { chargerAgents, chargerOrganisation } from '../config/organisation';
import { chargerPolitiqueDelais } from '../config/delais';
import { simuler, type Resultat } from '../simulation/moteur';
import type { Effectif } from '../simulation/modele';

const lire = (f: string): unknown => JSON.parse(fs.readFileSync(`${dossierGeo}/${f}`, 'utf8'));

/** The département's territoires as the model needs them: population, agents by role, référents' capacity. */
async function effectifs(db: Db, departement: string, seulement?: string[]): Promise<Effectif[]> {
  const territoires = await db.territoire.findMany({
    where: { departement, ...(seulement ? { id: { in: seulement } } : {}) },
    include: { equipes: { include: { agents: { where: { actif: true } } } }, communes: true },
    orderBy: { id: 'asc' },
  });
  const populations = new Map(
    (await db.commune.findMany({ select: { code: true, population: true } })).map((c) => [c.code, c.population ?? 0]),
  );
  return territoires.flatMap((t) => {
    const equipe = t.equipes[0];
    if (!equipe) return [];
    const role = (r: string) => equipe.agents.filter((a) => a.roles.includes(r));
    const referents = role('referent');
    return [
      {
        territoireId: t.id,
        nom: t.nom,
        equipeId: equipe.id,
        population: t.communes.reduce((s, c) => s + (populations.get(c.communeCode) ?? 0), 0),
        evaluateurs: role('evaluateur').map((a) => a.id),
        cadres: role('cadre').map((a) => a.id),
        referents: referents.map((a) => a.id),
        capaciteReferent: Math.round(referents.reduce((s, a) => s + a.capacite, 0) / Math.max(1, referents.length)),
      },
    ];
  });
}

function afficher(r: Resultat, echantillon: number, territoires: Map<string, string>): void {
  const [a, b] = r.scenarios as [Resultat['scenarios'][number], Resultat['scenarios'][number]];
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)} %`);
  const col = (s: string, n = 12) => s.padStart(n);
  const portees = ['', ...Object.keys(a.stock).filter(Boolean)];
  const nom = (g: string) => (g ? (territoires.get(g) ?? g) : 'Département');
  const entete = (titre: string) =>
    console.log(
      `\n${titre.padEnd(52)}${portees.map((g) => col(nom(g).slice(0, 22), 26)).join('')}\n${''.padEnd(52)}${portees.map(() => col('A', 13) + col('B', 13)).join('')}`,
    );
  const ligne = (libelle: string, f: (s: typeof a, g: string) => string) =>
    console.log(
      `${libelle.slice(0, 50).padEnd(52)}${portees.map((g) => col(f(a, g), 13) + col(f(b, g), 13)).join('')}`,
    );

  console.log(
    `\nSimulation ${r.du} → ${r.au} : ${a.parcours} parcours par scénario, ${a.actions} / ${b.actions} actions d'agents (refusées par le parcours : ${a.actionsRefusees} / ${b.actionsRefusees}), ${r.dureeSecondes} s.`,
  );
  console.log(`A = ${a.nom} ; B = ${b.nom}.`);
  if (echantillon < 1)
    console.log(
      `Échantillon : ${Math.round(echantillon * 100)} % du volume (arrivées, débits et capacités des agents à cette échelle) ; les parts et les délais valent pour le volume réel, les effectifs sont à multiplier par ${Math.round(1 / echantillon)}.`,
    );
  const regles = [...new Set(a.respectDelais.map((l) => l.delai))];
  entete('Part des délais tenus');
  for (const d of regles) {
    const l = a.respectDelais.find((x) => x.delai === d)!;
    ligne(l.libelleDelai, (s, g) => pct(s.respectDelais.find((x) => x.delai === d && x.groupe === g)?.partDansDelai));
  }
  entete('Durée médiane / 90e centile des étapes (jours)');
  for (const e of ['evaluation', 'orientation', 'designation', 'accompagnement']) {
    ligne(e, (s, g) => {
      const l = s.delaisEtapes.find((x) => x.etape === e && x.groupe === g);
      return l ? `${l.medianeJours ?? '—'} / ${l.p90Jours ?? '—'}` : '—';
    });
  }
  entete('Dépassements de délai (escalades)');
  for (const d of regles) {
    ligne(d, (s, g) => String(s.escalades.find((x) => x.delai === d && x.groupe === g)?.n ?? 0));
  }
  const moisFin = [...new Set(a.stock['']!.map((l) => l.mois))].filter((_, i, t) => i % 3 === 2 || i === t.length - 1);
  entete('Stock en fin de mois (désignation / accompagnement)');
  for (const m of moisFin) {
    ligne(m, (s, g) => {
      const duMois = s.stock[g]?.filter((l) => l.mois === m) ?? [];
      const n = (e: string) => duMois.find((l) => l.etape === e)?.enCours ?? 0;
      return `${n('designation')} / ${n('accompagnement')}`;
    });
  }
}

run(async () => {
  const { values } = parseArgs({
    options: {
      departement: { type: 'string', default: 'loiret' },
      jours: { type: 'string', default: '365' },
      arrivees: { type: 'string', default: '15' },
      orientes: { type: 'string', default: '0.8' },
      rsa: { type: 'string', default: '0.4' },
      urgence: { type: 'string', default: '0.1' },
      echantillon: { type: 'string', default: '0.1' },
      territoires: { type: 'string' },
      renfort: { type: 'string', multiple: true, default: [] },
      graine: { type: 'string', default: '16' },
      sortie: { type: 'string' },
    },
  });
  const renforts = Object.fromEntries(
    values.renfort.map((r) => {
      const [t, n] = r.split(':');
      if (!t || !Number(n)) throw new Error(`--renfort attend <territoire>:<nombre>, reçu « ${r} ».`);
      return [t, Number(n)];
    }),
  );
  const departement = values.departement;
  const env = loadEnv();
  const quiet = logger.child({}, { level: 'warn' });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  console.log('Préparation : PostgreSQL jetable (une base par scénario), serveur Temporal à saut de temps…');
  const cluster = await startScratchPostgres(quiet, 'simulation_a');
  const urlB = cluster.url.replace(/simulation_a$/, 'simulation_b');
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query('CREATE DATABASE simulation_b');
  await admin.end();
  const bases = [createPrisma(cluster.url), createPrisma(urlB)];
  const temporal = await startTimeSkippingServer(ensureTimeSkippingServer(env.TOOLS_CACHE_DIR));
  try {
    const [bundle] = await Promise.all([
      bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') }),
      ...[cluster.url, urlB].map(async (url, i) => {
        applyMigrations(url);
        const db = bases[i]!;
        await importerGeographie(db, {
          communes: lire('communes-27-45.json'),
          franceServices: lire('france-services-27-45.json'),
        });
        await importerOrganisation(db, chargerOrganisation(departement), chargerAgents(departement));
      }),
    ]);
    const seulement = values.territoires?.split(',');
    const lesEffectifs = await effectifs(bases[0]!, departement, seulement);
    if (!lesEffectifs.length) throw new Error('Aucun territoire à simuler.');
    const echantillon = Number(values.echantillon);
    const resultat = await simuler({
      env: temporal,
      workflowBundle: { code: bundle.code },
      departement,
      politique: chargerPolitiqueDelais(departement),
      parametres: {
        jours: Number(values.jours),
        arriveesPour1000: Number(values.arrivees),
        partOrientes: Number(values.orientes),
        partRsa: Number(values.rsa),
        partUrgence: Number(values.urgence),
        echantillon,
        graine: Number(values.graine),
      },
      effectifs: lesEffectifs,
      scenarios: [
        { nom: 'organisation actuelle', renforts: {}, db: bases[0]! },
        {
          nom:
            Object.entries(renforts)
              .map(([t, n]) => `+${n} référent(s) à ${lesEffectifs.find((e) => e.territoireId === t)?.nom ?? t}`)
              .join(', ') || 'organisation actuelle (témoin)',
          renforts,
          db: bases[1]!,
        },
      ],
      journal: (m) => console.log(m),
    });
    afficher(resultat, echantillon, new Map(lesEffectifs.map((e) => [e.territoireId, e.nom])));
    if (values.sortie) fs.writeFileSync(values.sortie, JSON.stringify({ echantillon, ...resultat }, null, 2));
  } finally {
    await temporal.teardown();
    await Promise.all(bases.map((b) => b.$disconnect()));
    await cluster.stop();
  }
});
