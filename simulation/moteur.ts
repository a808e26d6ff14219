/**
 * The what-if engine: the real parcours workflows on Temporal's time-skipping server, one worker and one
 * database per scenario (the real projection activity keeps each scenario's pilotage aggregates), and a day
 * loop: the day's arrivals start workflows, the simulated agents act through the workflows' Updates while they
 * have time and room, then the server skips a day (reminders and escalations fire as in production).
 * Both scenarios see the same people (same draws); only their staffing differs.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleOption } from '@temporalio/worker';
import type { Db } from '../infra/prisma';
import type { Mailer } from '../infra/mailer';
import type { PolitiqueDelais } from '../domain/delais/politique';
import { estOuvre } from '../domain/delais/calendrier';
import { workflowIdDe } from '../domain/parcours/identifiants';
import type { parcoursWorkflow } from '../workflows/parcours';
import { accueillirUpdate, commandeUpdate, WORKFLOWS } from '../workflows/messages';
import type { TypeAction as TypeCommande } from '../domain/parcours/actions';
import { createParcoursWorker } from '../worker/worker';
import { TABLES } from '../api/pilotage/tables';
import type { Portee } from '../api/pilotage/requetes';
import { aleatoire } from './hasard';
import { arrivees, Equipe, type Dossier, type Effectif, type Parametres } from './modele';

const JOUR = 86_400_000;
const ACTEUR = 'simulation';
/** Updates in flight at once. */
const PARALLELE = 16;
/** The simulated agents' next revue, after a plan or a revue that goes on (a few days before the 6 months). */
const PROCHAINE_REVUE = 170;

export interface Scenario {
  nom: string;
  /** Référents added per territoire. */
  renforts: Record<string, number>;
  /** Its own migrated database (its read model and aggregates). */
  db: Db;
}

export interface ResultatScenario {
  nom: string;
  parcours: number;
  actions: number;
  /** Actions the workflow refused (the simulated agent's view was behind the parcours): not applied. */
  actionsRefusees: number;
  respectDelais: Awaited<ReturnType<(typeof TABLES)['respect-delais']['charger']>>;
  delaisEtapes: Awaited<ReturnType<(typeof TABLES)['delais-etapes']['charger']>>;
  escalades: Awaited<ReturnType<(typeof TABLES)['escalades']['charger']>>;
  /** Backlog per month and step: the département's, then each reinforced territoire's. */
  stock: Record<string, Awaited<ReturnType<(typeof TABLES)['stock']['charger']>>>;
}

export interface Resultat {
  du: string;
  au: string;
  dureeSecondes: number;
  scenarios: ResultatScenario[];
}

/** A simulation emails nobody. */
const silencieux: Mailer = { envoyer: async () => {}, fermer: () => {} };

async function enParallele<T>(items: T[], fn: (x: T) => Promise<void>): Promise<void> {
  let i = 0;
  let echec: { err: unknown } | undefined;
  // On a failure, the other lanes stop after their call in flight: nothing is left running when it is thrown
  // (closing the connection under a call would end the process with another error than the real one).
  await Promise.allSettled(
    Array.from({ length: Math.min(PARALLELE, items.length) }, async () => {
      while (!echec && i < items.length)
        await fn(items[i++]!).catch((err: unknown) => {
          echec ??= { err };
        });
    }),
  );
  if (echec) throw echec.err;
}

const donnees: Record<Exclude<Dossier['etape'], 'clos'>, (d: Dossier, referentId?: string) => unknown> = {
  evaluer: (d) => ({
    diagnostic: [{ domaine: 'insertion_emploi', constat: 'Simulation', besoinAccompagnement: d.oriente }],
    synthese: 'Simulation',
    conclusion: d.oriente ? 'orientation' : 'repondu',
  }),
  orienter: (d) =>
    d.externe
      ? { decision: 'externe', organismeExterne: 'France Travail', motif: 'Simulation' }
      : { decision: 'accompagnement', typeAccompagnement: 'socio_professionnel' },
  designerReferent: (_d, referentId) => ({ referentId, accordUsager: true }),
  etablirPlan: () => ({ objectifs: [{ libelle: 'Objectif simulé', domaine: 'insertion_emploi' }] }),
  reviser: (d) =>
    d.revues[0]
      ? { synthese: 'Simulation', progres: [], issue: 'cloture', motifCloture: 'objectifs_atteints' }
      : { synthese: 'Simulation', progres: [], issue: 'poursuite' },
};

/** One scenario's running state: its agents, its open parcours, and the Updates its agents send. */
class Simulation {
  readonly equipes = new Map<string, Equipe>();
  readonly dossiers: Dossier[] = [];
  readonly workflows = new Map<number, string>();
  readonly suivis = new Map<string, number>();
  actions = 0;
  actionsRefusees = 0;

  constructor(
    readonly scenario: Scenario,
    readonly taskQueue: string,
    effectifs: Effectif[],
    parametres: Parametres,
  ) {
    const hasard = aleatoire(parametres.graine + 1);
    for (const e of effectifs) {
      const renforts = Array.from(
        { length: scenario.renforts[e.territoireId] ?? 0 },
        (_, i) => `${e.equipeId}-renfort-${i + 1}`,
      );
      this.equipes.set(e.territoireId, new Equipe(e, [...e.referents, ...renforts], parametres.echantillon, hasard));
    }
  }

  /** What the agents do today, decided in order of urgency then waiting time: the Updates to send. */
  journee(jour: number): Array<{ d: Dossier; type: TypeCommande; referentId?: string }> {
    const aFaire: Array<{ d: Dossier; type: TypeCommande; referentId?: string }> = [];
    for (const equipe of this.equipes.values()) equipe.nouvelleJournee();
    const prets = this.dossiers
      .filter((d) => d.etape !== 'clos' && d.pretLe <= jour)
      .sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.pretLe - b.pretLe || a.numero - b.numero);
    for (const d of prets) {
      const equipe = this.equipes.get(d.territoireId)!;
      switch (d.etape) {
        case 'evaluer':
          if (!equipe.prendre('evaluation')) break;
          aFaire.push({ d, type: 'evaluer' });
          d.etape = d.oriente ? 'orienter' : 'clos';
          d.pretLe = jour + d.attenteOrientation;
          break;
        case 'orienter':
          if (!equipe.prendre('orientation')) break;
          aFaire.push({ d, type: 'orienter' });
          d.etape = d.externe ? 'clos' : 'designerReferent';
          d.pretLe = jour;
          break;
        case 'designerReferent': {
          const referentId = equipe.referentDisponible(jour, this.suivis);
          if (!referentId || !equipe.prendre('orientation')) break;
          aFaire.push({ d, type: 'designerReferent', referentId });
          this.suivis.set(referentId, (this.suivis.get(referentId) ?? 0) + 1);
          d.referentId = referentId;
          d.etape = 'etablirPlan';
          d.pretLe = jour + d.attentePlan;
          break;
        }
        case 'etablirPlan':
          if (!equipe.prendre('plan')) break;
          aFaire.push({ d, type: 'etablirPlan' });
          d.etape = 'reviser';
          d.pretLe = jour + PROCHAINE_REVUE;
          break;
        case 'reviser':
          if (!equipe.prendre('revue')) break;
          aFaire.push({ d, type: 'reviser' });
          if (d.revues.shift()) {
            d.etape = 'clos';
            this.suivis.set(d.referentId!, this.suivis.get(d.referentId!)! - 1);
          } else d.pretLe = jour + PROCHAINE_REVUE;
          break;
      }
    }
    return aFaire;
  }
}

/**
 * One Update of a simulated agent; false when the parcours refuses it (the agent's view was behind). The
 * time-skipping server sometimes loses an Update's answer: sent again (a second application is refused by the step
 * rules), unless the parcours has ended.
 */
async function envoyer<A>(
  handle: WorkflowHandle,
  definition: UpdateDefinition<unknown, [A]>,
  arg: A,
): Promise<boolean> {
  for (let essai = 1; ; essai++) {
    try {
      await handle.executeUpdate(definition, { args: [arg] });
      return true;
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) return false;
      // The update that closes the parcours may lose its answer on this server ("update … not found"): a
      // parcours no longer running took it.
      if ((await handle.describe()).status.name !== 'RUNNING') return true;
      if (essai === 3)
        throw new Error(`Update « ${definition.name} » du parcours ${handle.workflowId} : ${String(err)}`, {
          cause: err,
        });
    }
  }
}

export async function simuler(opts: {
  env: TestWorkflowEnvironment;
  workflowBundle?: WorkflowBundleOption;
  departement: string;
  politique: PolitiqueDelais;
  parametres: Parametres;
  effectifs: Effectif[];
  scenarios: Scenario[];
  journal?: (message: string) => void;
}): Promise<Resultat> {
  const debut = performance.now();
  const { env, parametres: p } = opts;
  const simulations = opts.scenarios.map((s) => new Simulation(s, `simulation-${randomUUID()}`, opts.effectifs, p));
  const workers = await Promise.all(
    simulations.map((s) =>
      createParcoursWorker({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue: s.taskQueue,
        deps: { db: s.scenario.db, mailer: silencieux },
        workflowBundle: opts.workflowBundle,
      }),
    ),
  );
  // Reinforcements are agents of their scenario's organisation: the workflow accepts only its équipe's référents.
  for (const s of simulations) {
    for (const equipe of s.equipes.values()) {
      const { effectif } = equipe;
      for (const id of equipe.referents.filter((r) => !effectif.referents.includes(r))) {
        const agent = {
          id,
          departement: opts.departement,
          equipeId: effectif.equipeId,
          prenom: 'Renfort',
          nom: id,
          email: `${id}@simulation.invalid`,
          roles: ['referent'],
          capacite: effectif.capaciteReferent,
        };
        await s.scenario.db.agent.upsert({ where: { id }, create: agent, update: agent });
      }
    }
  }
  const enCours = workers.map((w) => w.run());
  const client = env.client;
  const t0 = await env.currentTimeMs();
  const hasard = aleatoire(p.graine);
  let numero = 0;
  let attenteServeur = 0;
  try {
    for (let jour = 0; jour < p.jours;) {
      const date = new Date(t0 + jour * JOUR);
      if (estOuvre(date)) {
        const nouveaux = opts.effectifs.flatMap((e) => arrivees(hasard, p, e, jour, () => ++numero));
        await Promise.all(
          simulations.map(async (s) => {
            const dossiers = nouveaux.map((d) => ({ ...d, revues: [...d.revues] }));
            const ids = dossiers.map(() => ({ parcoursId: randomUUID(), usagerId: randomUUID() }));
            await s.scenario.db.usager.createMany({
              data: ids.map(({ usagerId }) => ({ id: usagerId, nom: 'Simulation', prenom: 'Personne' })),
            });
            await enParallele(
              dossiers.map((d, i) => ({ d, ...ids[i]! })),
              async ({ d, parcoursId, usagerId }) => {
                const e = s.equipes.get(d.territoireId)!.effectif;
                const handle = await client.workflow.start<typeof parcoursWorkflow>(WORKFLOWS.parcours, {
                  taskQueue: s.taskQueue,
                  workflowId: workflowIdDe(parcoursId),
                  args: [
                    {
                      parcoursId,
                      usagerId,
                      departement: opts.departement,
                      politique: opts.politique,
                      routage: { territoireId: e.territoireId, equipeId: e.equipeId, mode: 'automatique' },
                    },
                  ],
                });
                const droit = new Date(date.getTime() - d.joursDepuisDroit * JOUR).toISOString().slice(0, 10);
                await envoyer(handle, accueillirUpdate, {
                  acteur: ACTEUR,
                  donnees: {
                    besoins: [{ domaine: 'insertion_emploi' }],
                    urgence: d.urgent,
                    consentement: true,
                    ...(d.rsa ? { droitRsaOuvertLe: droit } : {}),
                  },
                });
                s.workflows.set(d.numero, handle.workflowId);
              },
            );
            s.dossiers.push(...dossiers);
            const aFaire = s.journee(jour);
            s.actions += aFaire.length;
            await enParallele(aFaire, async ({ d, type, referentId }) => {
              const applique = await envoyer(
                client.workflow.getHandle(s.workflows.get(d.numero)!),
                commandeUpdate(type),
                { acteur: ACTEUR, donnees: donnees[type as keyof typeof donnees](d, referentId) as never },
              );
              if (!applique) s.actionsRefusees++;
            });
          }),
        );
      }
      // Straight to the next working day: one skip over a week-end or a public holiday.
      let suivant = jour + 1;
      while (suivant < p.jours && !estOuvre(new Date(t0 + suivant * JOUR))) suivant++;
      if (Math.floor(suivant / 30) > Math.floor(jour / 30))
        opts.journal?.(
          `jour ${suivant}/${p.jours} : ${numero} arrivées par scénario, ${Math.round((performance.now() - debut) / 1000)} s dont ${Math.round(attenteServeur / 1000)} s de saut de temps`,
        );
      const t = performance.now();
      await env.sleep((suivant - jour) * JOUR);
      attenteServeur += performance.now() - t;
      jour = suivant;
    }
    // Let the last day's timers and projections finish before reading the aggregates.
    await new Promise((r) => setTimeout(r, 2000));
  } finally {
    for (const w of workers) w.shutdown();
    await Promise.all(enCours);
  }

  const mois = (t: number) => new Date(t).toISOString().slice(0, 7);
  const du = mois(t0);
  const au = mois(t0 + (p.jours - 1) * JOUR);
  const portee: Portee = {
    departement: opts.departement,
    du: new Date(`${du}-01T00:00:00Z`),
    au: new Date(`${au}-01T00:00:00Z`),
  };
  const renforces = [...new Set(opts.scenarios.flatMap((s) => Object.keys(s.renforts)))];
  const scenarios = await Promise.all(
    simulations.map(async (s) => {
      const db = s.scenario.db;
      const niveaux = ['departement', 'territoire'] as const;
      return {
        nom: s.scenario.nom,
        parcours: numero,
        actions: s.actions,
        actionsRefusees: s.actionsRefusees,
        respectDelais: (
          await Promise.all(niveaux.map((par) => TABLES['respect-delais'].charger({ db, portee, par })))
        ).flat(),
        delaisEtapes: (
          await Promise.all(niveaux.map((par) => TABLES['delais-etapes'].charger({ db, portee, par })))
        ).flat(),
        escalades: (await Promise.all(niveaux.map((par) => TABLES.escalades.charger({ db, portee, par })))).flat(),
        stock: Object.fromEntries(
          await Promise.all(
            ['', ...renforces].map(
              async (t) =>
                [
                  t,
                  await TABLES.stock.charger({
                    db,
                    portee: t ? { ...portee, territoireIds: [t] } : portee,
                    par: 'departement',
                  }),
                ] as const,
            ),
          ),
        ),
      };
    }),
  );
  return { du, au, dureeSecondes: Math.round((performance.now() - debut) / 1000), scenarios };
}
