/**
 * `npm test`'s set-up (npm runs it first, as `pretest`): what the tests need from the machine and npm cannot
 * install. Debian's Chromium for the browser tests, installed with apt-get when we are root, otherwise a
 * message says what to run; schemathesis for the fuzz test, from PyPI into a per-user cached virtual
 * environment. The Temporal binaries are the global setup's business (cached per user).
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { assurerSchemathesis } from '../test/support/schemathesis';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!fs.existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0 || process.env.CHROMIUM_PATH) {
    console.error(
      `Chromium est absent (${CHROMIUM}) : les tests des écrans en ont besoin.\n` +
        'Installez-le (en root : apt-get install -y chromium) ou donnez son chemin dans CHROMIUM_PATH, puis relancez npm test.',
    );
    process.exit(1);
  }
  console.log('Installation de Chromium (apt-get) pour les tests des écrans…');
  const apt = (args: string[]) =>
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', 'chromium']) !== 0 || !fs.existsSync(CHROMIUM)) {
    console.error('L’installation de Chromium a échoué (apt-get install -y chromium) : voir les messages ci-dessus.');
    process.exit(1);
  }
}

try {
  assurerSchemathesis();
} catch (err) {
  console.error(
    `Installation de schemathesis impossible (${String(err)}) : le test de fuzzing en a besoin ` +
      '(python3 avec venv, et PyPI joignable).',
  );
  process.exit(1);
}
