/**
 * Fuzzing: schemathesis generates requests from the published OpenAPI document (valid and invalid ones) and
 * sends them to the running application (real PostgreSQL and Temporal), as several roles. No answer may be a
 * 5xx, and every answer must conform to the document (status, media type, body schema).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import { assurerSchemathesis } from '../support/schemathesis';
import { chargerReferentiel } from '../../imports/referentiel';

/** Per role: test cases per operation (× ~50 operations, each case one request or a few). */
const EXEMPLES = 8;

interface Bilan {
  role: string;
  requetes: number;
  erreurs5xx: number;
  echecs: string[];
  sortie: string;
}

/** One schemathesis run as an agent; its figures read from the NDJSON events report. */
async function fuzzer(st: string, url: string, role: string, agentId: string): Promise<Bilan> {
  const dossier = fs.mkdtempSync(path.join(os.tmpdir(), `fuzz-${role}-`));
  const ndjson = path.join(dossier, 'evenements.ndjson');
  const args = [
    'run',
    `${url}/openapi.json`,
    '--header',
    `Authorization: ${comme(agentId).Authorization}`,
    '--checks',
    'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
    '--phases',
    'examples,coverage,fuzzing',
    '--max-examples',
    String(EXEMPLES),
    '--seed',
    '20261123',
    '--workers',
    '2',
    '--request-timeout',
    '20',
    '--no-shrink',
    '--report',
    'ndjson',
    '--report-ndjson-path',
    ndjson,
  ];
  const sortie = await new Promise<string>((resolve, reject) => {
    const p = spawn(st, args, { env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    let texte = '';
    p.stdout.on('data', (d: Buffer) => (texte += d.toString()));
    p.stderr.on('data', (d: Buffer) => (texte += d.toString()));
    p.on('error', reject);
    p.on('close', () => resolve(texte));
  });
  const bilan: Bilan = { role, requetes: 0, erreurs5xx: 0, echecs: [], sortie };
  for (const ligne of fs.readFileSync(ndjson, 'utf8').split('\n').filter(Boolean)) {
    const evenement = JSON.parse(ligne) as Record<string, unknown>;
    JSON.stringify(evenement, (cle, valeur: unknown) => {
      if (cle === 'response' && valeur && typeof valeur === 'object' && 'status_code' in valeur) {
        bilan.requetes++;
        if (Number((valeur as { status_code: number }).status_code) >= 500) bilan.erreurs5xx++;
      }
      return valeur;
    });
  }
  fs.rmSync(dossier, { recursive: true, force: true });
  return bilan;
}

describe('Fuzzing de l’API (schemathesis, document OpenAPI publié)', () => {
  let s: Stack;
  let serveur: http.Server;
  let url: string;
  let st: string;

  beforeAll(async () => {
    st = assurerSchemathesis();
    s = await startStack();
    await chargerReferentiel(s.db);
    serveur = await new Promise((resolve) => {
      const x = s.app.listen(0, '127.0.0.1', () => resolve(x));
    });
    url = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      serveur?.close(() => resolve());
      serveur?.closeAllConnections();
    });
    await s?.stop();
  });

  it('aucune réponse 5xx ni hors du document, pour l’accueil, le référent, le cadre et l’administrateur', async () => {
    const roles: Record<string, string> = {
      accueil: 'loiret-t18-ep-accueil',
      referent: 'loiret-t18-ep-ref1',
      cadre: 'loiret-t18-ep-cadre',
      administrateur: await nouvelAgent(s.db, ['administrateur'], null, 'admin-fuzz'),
    };
    const debut = Date.now();
    const bilans: Bilan[] = [];
    for (const [role, agentId] of Object.entries(roles)) bilans.push(await fuzzer(st, url, role, agentId));
    const total = bilans.reduce((n, b) => n + b.requetes, 0);
    console.log(
      `Fuzzing : ${bilans.map((b) => `${b.role} ${b.requetes} requêtes, ${b.erreurs5xx} × 5xx`).join(' ; ')} ; ` +
        `total ${total} requêtes en ${Math.round((Date.now() - debut) / 1000)} s`,
    );
    for (const b of bilans)
      if (!/No issues found|0 failures|passed/i.test(b.sortie.slice(-2000))) console.log(b.sortie);
    expect(bilans.map((b) => ({ role: b.role, erreurs5xx: b.erreurs5xx }))).toEqual(
      bilans.map((b) => ({ role: b.role, erreurs5xx: 0 })),
    );
    expect(total).toBeGreaterThanOrEqual(1000);
  }, 600_000);
});
