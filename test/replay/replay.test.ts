/** Stored histories of the parcours workflow replay against the current code: a nondeterministic change fails here. */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
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
});
