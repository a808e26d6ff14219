/** Stored histories of the parcours workflow replay against the current code: a nondeterministic change fails here. */
import fs from 'node:fs';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { DefaultLogger, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '../../worker/worker';
import { installerRuntime, requireEnv } from '../support/stack';

const dossier = path.join(__dirname, 'histories');
const fichiers = fs.readdirSync(dossier).filter((f) => f.endsWith('.json'));

describe('Rejeu des historiques enregistrés', () => {
  beforeAll(() => {
    installerRuntime();
  });

  it('dispose d’historiques à rejouer', () => {
    expect(fichiers.length).toBeGreaterThanOrEqual(2);
  });

  it.each(fichiers)('%s se rejoue sans non-déterminisme', async (fichier) => {
    const history: unknown = JSON.parse(fs.readFileSync(path.join(dossier, fichier), 'utf8'));
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: requireEnv('TEST_WORKFLOW_BUNDLE') } },
      history,
      fichier,
    );
  });

  // The guard works both ways: the same change without patched() breaks the parcours recorded before it.
  it('échoue sur un historique antérieur quand un changement de commandes n’est pas protégé par patched()', async () => {
    const sansPatch = await bundleWorkflowCode({
      workflowsPath,
      logger: new DefaultLogger('WARN'),
      webpackConfigHook: (config) => ({
        ...config,
        resolve: {
          ...config.resolve,
          alias: { ...config.resolve?.alias, '@temporalio/workflow$': path.join(__dirname, 'sans-patch.ts') },
        },
      }),
    });
    // Recorded before deliveries left the Update path: a manual reminder delivered inline.
    const fichier = 'suspension-et-rendez-vous.json';
    const history: unknown = JSON.parse(fs.readFileSync(path.join(dossier, fichier), 'utf8'));
    await expect(Worker.runReplayHistory({ workflowBundle: sansPatch }, history, fichier)).rejects.toBeInstanceOf(
      DeterminismViolationError,
    );
  });
});
