/**
 * Schemathesis (Python, from PyPI) for the fuzz test: installed once per user in a virtual environment of the
 * tools cache, at a pinned version, by `npm test`'s set-up (scripts/test-prerequis.ts) or by the test itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const VERSION_SCHEMATHESIS = '4.32.5';

/** The `st` command of the pinned version, installed first when missing (needs python3 with venv, and PyPI). */
export function assurerSchemathesis(
  cacheDir = process.env.TOOLS_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'parcours-solidarites'),
): string {
  const venv = path.join(cacheDir, `schemathesis-${VERSION_SCHEMATHESIS}`, 'venv');
  const st = path.join(venv, 'bin', 'st');
  // Written last: an install interrupted halfway is done again.
  const complet = path.join(venv, '.installation-complete');
  if (fs.existsSync(complet)) return st;
  fs.rmSync(venv, { recursive: true, force: true });
  const lancer = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} : échec (code ${r.status ?? r.signal}).`);
  };
  console.log(`Installation de schemathesis ${VERSION_SCHEMATHESIS} (PyPI) dans ${venv}…`);
  lancer('python3', ['-m', 'venv', venv]);
  lancer(path.join(venv, 'bin', 'pip'), [
    'install',
    '-q',
    '--disable-pip-version-check',
    `schemathesis==${VERSION_SCHEMATHESIS}`,
  ]);
  fs.writeFileSync(complet, '');
  return st;
}
