/**
 * One what-if run from its request to its result, shared by the command line (scripts/simulation.ts) and the
 * screen's activity (activities/simulation.ts, through that command line): two scratch databases with the
 * département's geography and organisation, the time-skipping server, the engine, then everything removed.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleOption } from '@temporalio/worker';
import type { Logger } from '../infra/logger';
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
import { simuler, type Resultat } from './moteur';
import type { Effectif, Parametres } from './modele';

/** What a simulation is asked: the model's parameters, where, and the second scenario's reinforcements. */
export interface DemandeSimulation extends Parametres {
  departement: string;
  /** Only these territoires; the whole département when absent or empty. */
  territoires?: string[];
  /** Référents added per territoire in the second scenario. */
  renforts: Record<string, number>;
}

/** The result as kept and shown: the engine's, with its scale said in words and the territoires' names. */
export interface SortieSimulation extends Resultat {
  echantillon: number;
  /** The sentence on scale, printed by the command line and shown by the screen. */
  echelle: string;
  territoires: { territoireId: string; nom: string }[];
}

export interface OptionsLancement {
  logger: Logger;
  journal?: (message: string) => void;
  /** A PostgreSQL server to create the two scenario databases on (dropped after); default: a scratch cluster. */
  postgresUrl?: string;
  /** A pre-built workflow bundle (tests build one); otherwise bundled here. */
  workflowBundlePath?: string;
  toolsCacheDir: string;
}

const lire = (f: string): unknown => JSON.parse(fs.readFileSync(`${dossierGeo}/${f}`, 'utf8'));

/** The département's territoires as the model needs them: population, agents by role, référents' capacity. */
async function effectifs(db: Db, departement: string, seulement?: string[]): Promise<Effectif[]> {
  const territoires = await db.territoire.findMany({
    where: { departement, ...(seulement?.length ? { id: { in: seulement } } : {}) },
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

/** What the output says of its scale: a sample of the volume, or the full volume of the territoires named. */
export function echelle(echantillon: number, territoires: string[] | null): string {
  const ou = territoires ? territoires.join(', ') : 'du département';
  if (echantillon >= 1) return `Plein volume : toutes les arrivées et tous les agents (${ou}).`;
  return `Échantillon : ${Math.round(echantillon * 100)} % du volume ${territoires ? `(${ou})` : ou} (arrivées, débits et capacités des agents à cette échelle) ; les parts et les délais valent pour le volume réel, les effectifs sont à multiplier par ${Math.round(1 / echantillon)}.`;
}

/** Two databases for the two scenarios, on the given server or on a scratch cluster; removed by `fermer`. */
async function basesDesScenarios(opts: OptionsLancement): Promise<{ urls: string[]; fermer: () => Promise<void> }> {
  if (!opts.postgresUrl) {
    const cluster = await startScratchPostgres(opts.logger, 'simulation_a');
    const urlB = cluster.url.replace(/simulation_a$/, 'simulation_b');
    const admin = new pg.Client(cluster.url);
    await admin.connect();
    await admin.query('CREATE DATABASE simulation_b');
    await admin.end();
    return { urls: [cluster.url, urlB], fermer: () => cluster.stop() };
  }
  const suffixe = randomUUID().slice(0, 8);
  const noms = ['a', 'b'].map((s) => `simulation_${suffixe}_${s}`);
  const admin = new pg.Client(opts.postgresUrl);
  await admin.connect();
  for (const n of noms) await admin.query(`CREATE DATABASE ${n}`);
  return {
    urls: noms.map((n) => opts.postgresUrl!.replace(/\/[^/?]+(\?|$)/, `/${n}$1`)),
    fermer: async () => {
      for (const n of noms) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function lancerSimulation(demande: DemandeSimulation, opts: OptionsLancement): Promise<SortieSimulation> {
  const { departement } = demande;
  opts.journal?.('Préparation : PostgreSQL jetable (une base par scénario), serveur Temporal à saut de temps…');
  const { urls, fermer } = await basesDesScenarios(opts);
  const bases = urls.map((u) => createPrisma(u, { max: 5 }));
  try {
    const temporal = await startTimeSkippingServer(ensureTimeSkippingServer(opts.toolsCacheDir));
    try {
      const [workflowBundle] = await Promise.all([
        opts.workflowBundlePath
          ? ({ codePath: opts.workflowBundlePath } satisfies WorkflowBundleOption)
          : bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') }).then((b) => ({ code: b.code })),
        ...urls.map(async (url, i) => {
          applyMigrations(url);
          const db = bases[i]!;
          await importerGeographie(db, {
            communes: lire('communes-27-45.json'),
            franceServices: lire('france-services-27-45.json'),
          });
          await importerOrganisation(db, chargerOrganisation(departement), chargerAgents(departement));
        }),
      ]);
      const lesEffectifs = await effectifs(bases[0]!, departement, demande.territoires);
      if (!lesEffectifs.length) throw new Error('Aucun territoire à simuler.');
      const nom = (t: string) => lesEffectifs.find((e) => e.territoireId === t)?.nom ?? t;
      const { renforts } = demande;
      const resultat = await simuler({
        env: temporal,
        workflowBundle,
        departement,
        politique: chargerPolitiqueDelais(departement),
        parametres: {
          jours: demande.jours,
          arriveesPour1000: demande.arriveesPour1000,
          partOrientes: demande.partOrientes,
          partRsa: demande.partRsa,
          partUrgence: demande.partUrgence,
          echantillon: demande.echantillon,
          graine: demande.graine,
        },
        effectifs: lesEffectifs,
        scenarios: [
          { nom: 'organisation actuelle', renforts: {}, db: bases[0]! },
          {
            nom:
              Object.entries(renforts)
                .map(([t, n]) => `+${n} référent(s) à ${nom(t)}`)
                .join(', ') || 'organisation actuelle (témoin)',
            renforts,
            db: bases[1]!,
          },
        ],
        journal: opts.journal,
      });
      return {
        echantillon: demande.echantillon,
        echelle: echelle(demande.echantillon, demande.territoires?.length ? lesEffectifs.map((e) => e.nom) : null),
        territoires: lesEffectifs.map((e) => ({ territoireId: e.territoireId, nom: e.nom })),
        ...resultat,
      };
    } finally {
      await temporal.teardown();
    }
  } finally {
    await Promise.all(bases.map((b) => b.$disconnect()));
    await fermer();
  }
}
