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
import { appliquerSqlMigrations } from '../infra/migrations';
import { createPrisma, type Db } from '../infra/prisma';
import { ensureTimeSkippingServer, startTimeSkippingServer } from '../infra/temporal-test-server';
import { workflowsPath } from '../worker/worker';
import { importerGeographie } from '../imports/geographie';
import { importerOrganisation } from '../imports/organisation';
import { dossierGeo } from '../imports/referentiel';
import { chargerAgents, chargerOrganisation } from '../config/organisation';
import { chargerPolitiqueDelais } from '../config/delais';
import { simuler, type Resultat } from './moteur';
import type { DemandeSimulation, Effectif } from './modele';

export type { DemandeSimulation };

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

/**
 * The two scenarios' databases, on the given server or on a scratch cluster: the first migrated and given the
 * département's geography and organisation, the second copied from it (a template). Removed by `fermer`.
 */
async function basesDesScenarios(
  opts: OptionsLancement,
  departement: string,
): Promise<{ urls: string[]; fermer: () => Promise<void> }> {
  const cluster = opts.postgresUrl ? undefined : await startScratchPostgres(opts.logger, 'postgres');
  const serveur = opts.postgresUrl ?? cluster!.url;
  const suffixe = randomUUID().slice(0, 8);
  const noms = ['a', 'b'].map((x) => `simulation_${suffixe}_${x}`);
  const urls = noms.map((n) => serveur.replace(/\/[^/?]+(\?|$)/, `/${n}$1`));
  const admin = new pg.Client(serveur);
  await admin.connect();
  const fermer = async () => {
    if (cluster) {
      await admin.end();
      return cluster.stop();
    }
    for (const n of noms) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
    await admin.end();
  };
  try {
    await admin.query(`CREATE DATABASE ${noms[0]}`);
    const premiere = new pg.Client(urls[0]);
    await premiere.connect();
    await appliquerSqlMigrations(premiere).finally(() => premiere.end());
    const db = createPrisma(urls[0]!, { max: 2 });
    try {
      await importerGeographie(db, {
        communes: lire('communes-27-45.json'),
        franceServices: lire('france-services-27-45.json'),
      });
      await importerOrganisation(db, chargerOrganisation(departement), chargerAgents(departement));
    } finally {
      // A template is copied only with nobody connected to it.
      await db.$disconnect();
    }
    await admin.query(`CREATE DATABASE ${noms[1]} TEMPLATE ${noms[0]}`);
  } catch (err) {
    await fermer();
    throw err;
  }
  return { urls, fermer };
}

export async function lancerSimulation(demande: DemandeSimulation, opts: OptionsLancement): Promise<SortieSimulation> {
  const { departement } = demande;
  opts.journal?.('Préparation : PostgreSQL jetable (une base par scénario), serveur Temporal à saut de temps…');
  const [{ urls, fermer }, workflowBundle] = await Promise.all([
    basesDesScenarios(opts, departement),
    opts.workflowBundlePath
      ? ({ codePath: opts.workflowBundlePath } satisfies WorkflowBundleOption)
      : bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') }).then((b) => ({ code: b.code })),
  ]);
  const bases = urls.map((u) => createPrisma(u, { max: 5 }));
  try {
    const temporal = await startTimeSkippingServer(ensureTimeSkippingServer(opts.toolsCacheDir));
    try {
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
