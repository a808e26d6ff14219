/** The reconciliation command finds a read-model row that no longer matches its workflow, and repairs it. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { reconcilier } from '../../lecture/reconciliation';
import { attendre } from '../support/attendre';
import { ouvrirParcours } from '../support/parcours';
import { requireEnv, startStack, type Stack } from '../support/stack';

describe('Réconciliation des workflows et du modèle de lecture', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.stop();
  });

  it('signale chaque champ corrompu, sort en erreur, puis répare depuis le workflow', async () => {
    const ouverts = [];
    for (let i = 0; i < 3; i++) ouverts.push(await ouvrirParcours(s.client, s.db, s.taskQueue));
    const requete = `TaskQueue = '${s.taskQueue}'`;
    // Visibility is eventually consistent: all three listed first.
    await attendre(
      async () => (await reconcilier({ db: s.db, temporal: s.client, requete })).compares === 3,
      'les trois parcours visibles',
    );
    expect((await reconcilier({ db: s.db, temporal: s.client, requete })).ecarts).toEqual([]);

    const corrompu = ouverts[1]!;
    await s.db.parcours.update({
      where: { id: corrompu.parcoursId },
      data: { etape: 'cloture', referentId: 'personne', echeance: null },
    });
    const base = { workflowId: corrompu.handle.workflowId, parcoursId: corrompu.parcoursId };
    const attendus = [
      { ...base, champ: 'etape', workflow: 'evaluation', lecture: 'cloture' },
      { ...base, champ: 'echeance', workflow: corrompu.vue.echeance, lecture: null },
      { ...base, champ: 'referentId', workflow: null, lecture: 'personne' },
    ];
    expect((await reconcilier({ db: s.db, temporal: s.client, requete })).ecarts).toEqual(attendus);

    // The command as IT runs it (asynchronously: this process runs the worker that answers its queries): the
    // differences listed, exit code 1.
    const commande = await promisify(execFile)(
      path.join('node_modules', '.bin', 'tsx'),
      ['scripts/reconciliation.ts', '--requete', requete],
      {
        env: {
          ...process.env,
          DATABASE_URL: requireEnv('TEST_DATABASE_URL'),
          TEMPORAL_ADDRESS: requireEnv('TEST_TEMPORAL_ADDRESS'),
          LOG_LEVEL: 'warn',
        },
      },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => err,
    );
    expect(commande.code).toBe(1);
    expect(commande.stdout).toContain(`${corrompu.parcoursId}  etape  workflow=evaluation  lecture=cloture`);
    expect(commande.stdout).toContain('3 parcours ouverts comparés, 3 écarts sur 1 parcours.');

    const reparation = await reconcilier({ db: s.db, temporal: s.client, requete, reparer: true });
    expect([reparation.ecarts.length, reparation.repares]).toEqual([3, 1]);
    expect(await reconcilier({ db: s.db, temporal: s.client, requete })).toEqual({
      compares: 3,
      ecarts: [],
      repares: 0,
    });
  });
});
