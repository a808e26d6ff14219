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
import type { Agent } from '../../generated/prisma/client';

/** Each role's events and console output, for whoever reads a failure (git-ignored). */
const RAPPORTS = path.join(__dirname, '..', '..', 'test-results', 'fuzz');

/**
 * Random cases per operation and role (~50 operations; a case is one request). The cadre passes the most role
 * gates: more of its cases. CI's budget keeps out the coverage phase (boundary and invalid values of every
 * parameter and field, deterministic: ~3,000 requests per role, 2 to 3 min each here); `FUZZ_COMPLET=1` runs
 * it for every role.
 */
const EXEMPLES: Record<string, number> = { cadre: 10, accueil: 5, referent: 5, administrateur: 5 };
const PHASES = process.env.FUZZ_COMPLET === '1' ? 'examples,coverage,fuzzing' : 'examples,fuzzing';

/** The part of schemathesis' NDJSON events read here (one event per scenario, with its requests and checks). */
interface ScenarioFini {
  recorder?: {
    label: string;
    interactions?: Record<string, { response?: { status_code: number } }>;
    checks?: Record<string, { name: string; status: string }[]>;
  };
}

interface Bilan {
  role: string;
  requetes: number;
  erreurs5xx: number;
  /** Failed checks (5xx, status, media type or body outside the document), by check and operation. */
  echecs: string[];
  /** Errors of schemathesis itself while generating (not answers of the API). */
  erreursGeneration: number;
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
    PHASES,
    '--max-examples',
    String(EXEMPLES[role]),
    '--seed',
    '20261123',
    '--workers',
    '2',
    '--request-timeout',
    '20',
    '--no-shrink',
    '--generation-database',
    'none',
    // A valid launch would run a what-if simulation of the whole Loiret for minutes beside the other files: its
    // answers are covered by simulation-api.test.ts and the access matrix, its reads stay fuzzed.
    '--exclude-name',
    'POST /simulations',
    '--report',
    'ndjson',
    '--report-ndjson-path',
    ndjson,
  ];
  const sortie = await new Promise<string>((resolve, reject) => {
    // Run from its own directory: schemathesis keeps a cache of crashes where it runs.
    const p = spawn(st, args, {
      cwd: dossier,
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
    });
    let texte = '';
    p.stdout.on('data', (d: Buffer) => (texte += d.toString()));
    p.stderr.on('data', (d: Buffer) => (texte += d.toString()));
    p.on('error', reject);
    p.on('close', () => resolve(texte));
  });
  const bilan: Bilan = { role, requetes: 0, erreurs5xx: 0, echecs: [], erreursGeneration: 0, sortie };
  for (const ligne of fs.readFileSync(ndjson, 'utf8').split('\n').filter(Boolean)) {
    const evenement = JSON.parse(ligne) as Record<string, ScenarioFini | undefined>;
    if (evenement.NonFatalError) bilan.erreursGeneration++;
    const fini = evenement.ScenarioFinished;
    if (!fini?.recorder) continue;
    for (const { response } of Object.values(fini.recorder.interactions ?? {})) {
      if (!response) continue;
      bilan.requetes++;
      if (response.status_code >= 500) bilan.erreurs5xx++;
    }
    for (const verifications of Object.values(fini.recorder.checks ?? {}))
      for (const v of verifications)
        if (v.status === 'failure') bilan.echecs.push(`${v.name} : ${fini.recorder.label}`);
  }
  fs.mkdirSync(RAPPORTS, { recursive: true });
  fs.copyFileSync(ndjson, path.join(RAPPORTS, `${role}.ndjson`));
  fs.writeFileSync(path.join(RAPPORTS, `${role}.txt`), sortie);
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
    // The administrator's generated subscriptions follow the département: none may outlive the file.
    await s?.db.abonnementWebhook.updateMany({
      where: { creePar: { startsWith: 'admin-fuzz-' } },
      data: { actif: false },
    });
    // And the agents it created (the journal names them): none may act in another file's équipes or lists.
    const crees = await s?.db.auditAdministration.findMany({
      where: { agentId: { startsWith: 'admin-fuzz-' }, action: 'creation' },
      select: { objet: true, objetId: true },
    });
    const ids = (objet: string) => crees?.filter((c) => c.objet === objet).map((c) => c.objetId) ?? [];
    await s?.db.agent.updateMany({ where: { id: { in: ids('agent') } }, data: { actif: false } });
    // And the agents it changed (the import's, which other files act as): each back as it was before its first
    // change, as the journal recorded it.
    const changes = await s?.db.auditAdministration.findMany({
      where: { agentId: { startsWith: 'admin-fuzz-' }, action: 'modification', objet: 'agent' },
      orderBy: { le: 'asc' },
      select: { objetId: true, avant: true },
    });
    const premiers = new Map<string, unknown>();
    for (const c of changes ?? []) if (!premiers.has(c.objetId)) premiers.set(c.objetId, c.avant);
    for (const [id, avant] of premiers) {
      const { roles, equipeId, structureId, pole, capacite, actif, email, nom, prenom } = avant as Agent;
      await s?.db.agent.update({
        where: { id },
        data: { roles, equipeId, structureId, pole, capacite, actif, email, nom, prenom },
      });
    }
    // And its lieux d'accueil: the coverage and the suggestions of the other files count active ones.
    await s?.db.lieuAccueil.updateMany({ where: { id: { in: ids('lieu') } }, data: { actif: false } });
    await s?.stop();
  });

  it('aucune réponse 5xx ni hors du document, pour l’accueil, le référent, le cadre et l’administrateur', async () => {
    const roles: Record<string, string> = {
      accueil: 'loiret-t14-ep-accueil',
      referent: 'loiret-t14-ep-ref1',
      cadre: 'loiret-t14-ep-cadre',
      administrateur: await nouvelAgent(s.db, ['administrateur'], null, 'admin-fuzz'),
    };
    const debut = Date.now();
    // One role after the other: schemathesis takes a core while it runs, and the other test file of the run needs one.
    const bilans: Bilan[] = [];
    for (const [role, agentId] of Object.entries(roles)) bilans.push(await fuzzer(st, url, role, agentId));
    const total = bilans.reduce((n, b) => n + b.requetes, 0);
    console.log(
      `Fuzzing (schemathesis) : ${bilans
        .map((b) => `${b.role} ${b.requetes} requêtes, ${b.erreurs5xx} × 5xx, ${b.echecs.length} écarts au document`)
        .join(' ; ')} ; total ${total} requêtes en ${Math.round((Date.now() - debut) / 1000)} s` +
        ` (erreurs de génération de schemathesis, sans requête : ${bilans.reduce((n, b) => n + b.erreursGeneration, 0)})`,
    );
    for (const b of bilans) if (b.echecs.length || b.erreurs5xx) console.log(b.sortie);
    expect(bilans.map((b) => ({ role: b.role, erreurs5xx: b.erreurs5xx, echecs: [...new Set(b.echecs)] }))).toEqual(
      bilans.map((b) => ({ role: b.role, erreurs5xx: 0, echecs: [] })),
    );
    expect(total).toBeGreaterThanOrEqual(1000);
  }, 600_000);
});
