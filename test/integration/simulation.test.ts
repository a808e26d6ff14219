/**
 * A tiny what-if simulation on the real workflows under time-skipping: one territoire, two months, its single
 * référent nearly full; three more référents must cut the designation backlog and its escalations.
 */
import pg from 'pg';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { applyMigrations } from '../../infra/migrations';
import { createPrisma, type Db } from '../../infra/prisma';
import { startTimeSkippingServer } from '../../infra/temporal-test-server';
import { simuler, type Resultat } from '../../simulation/moteur';
import { installerRuntime, requireEnv } from '../support/stack';
import { politiqueLoiret } from '../support/parcours';

describe('Simulation « et si » sur les vrais workflows (saut de temps)', () => {
  let env: TestWorkflowEnvironment;
  let bases: Db[];
  let resultat: Resultat;

  beforeAll(async () => {
    installerRuntime();
    const url = requireEnv('TEST_DATABASE_URL');
    const admin = new pg.Client(url);
    await admin.connect();
    const urls = await Promise.all(
      ['a', 'b'].map(async (s) => {
        const nom = `simulation_${s}_${Date.now()}`;
        await admin.query(`CREATE DATABASE ${nom}`);
        return url.replace(/\/[^/]+$/, `/${nom}`);
      }),
    );
    await admin.end();
    for (const u of urls) applyMigrations(u);
    bases = urls.map((u) => createPrisma(u, { max: 5 }));
    env = await startTimeSkippingServer(requireEnv('TEST_TIME_SKIPPING_SERVER'));
    resultat = await simuler({
      env,
      workflowBundle: { codePath: requireEnv('TEST_WORKFLOW_BUNDLE') },
      departement: 'loiret',
      politique: politiqueLoiret,
      parametres: {
        jours: 60,
        arriveesPour1000: 250,
        partOrientes: 0.9,
        partRsa: 0.3,
        partUrgence: 0.1,
        echantillon: 1,
        graine: 7,
      },
      effectifs: [
        {
          territoireId: 'sim-t1',
          nom: 'Territoire simulé',
          equipeId: 'sim-t1-ep',
          population: 1000,
          evaluateurs: ['sim-eval'],
          cadres: ['sim-cadre'],
          referents: ['sim-ref'],
          capaciteReferent: 10,
        },
      ],
      scenarios: [
        { nom: 'actuel', renforts: {}, db: bases[0]! },
        { nom: '+3 référents', renforts: { 'sim-t1': 3 }, db: bases[1]! },
      ],
    });
  }, 300_000);
  afterAll(async () => {
    await env?.teardown();
    await Promise.all((bases ?? []).map((b) => b.$disconnect()));
  });

  it('fait arriver les mêmes personnes dans les deux scénarios, sur deux mois simulés', () => {
    const [a, b] = resultat.scenarios;
    expect(a!.parcours).toBeGreaterThan(20);
    expect(b!.parcours).toBe(a!.parcours);
    expect(b!.actions).toBeGreaterThan(a!.actions);
  });

  it('avec trois référents de plus, moins de désignations en attente et moins de délais dépassés', () => {
    const [a, b] = resultat.scenarios;
    const escalades = (s: typeof a, delai: string) =>
      s!.escalades.find((l) => l.groupe === '' && l.delai === delai)?.n ?? 0;
    expect(escalades(a, 'designation')).toBeGreaterThan(0);
    expect(escalades(b, 'designation')).toBeLessThan(escalades(a, 'designation'));
    const fin = (s: typeof a) => s!.stock['']!.filter((l) => l.etape === 'designation').at(-1)!.enCours;
    expect(fin(b)).toBeLessThan(fin(a));
    const designes = (s: typeof a) =>
      s!.delaisEtapes.find((l) => l.groupe === '' && l.etape === 'designation')?.passages ?? 0;
    expect(designes(b)).toBeGreaterThan(designes(a));
  });
});
