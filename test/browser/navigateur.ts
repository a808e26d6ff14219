/**
 * Browser tests: the real Express app (API + built screens from web/dist) on a local port, against the real
 * PostgreSQL and Temporal of global-setup, driven in Debian's Chromium by playwright-core.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStack, type Stack } from '../support/stack';
import { webDist } from '../../api/static-web';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DOSSIER_ECRANS = path.join(__dirname, '..', '..', 'test-results', 'screens');

export interface Banc {
  stack: Stack;
  url: string;
  browser: Browser;
  nouvellePage(agent?: {
    agentId: string;
    nom: string;
    role: 'agent' | 'cadre';
  }): Promise<{ page: Page; context: BrowserContext }>;
  /** Calls the API as an agent would (the screens' own path to data). */
  post(chemin: string, corps: unknown, agentId: string): Promise<{ id: string }>;
  stop(): Promise<void>;
}

export async function demarrerBanc(
  opts: Pick<Parameters<typeof startStack>[0] & object, 'departement' | 'deps'> = {},
): Promise<Banc> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error('web/dist absent : lancer `npm run build:web` (npm install et npm test le font).');
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} absent : apt-get install -y chromium (npm test l’installe, scripts/test-prerequis.ts).`,
    );
  }
  const stack = await startStack(opts);
  const server: http.Server = await new Promise((resolve) => {
    const s = stack.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  fs.mkdirSync(DOSSIER_ECRANS, { recursive: true });
  const contexts: BrowserContext[] = [];
  return {
    stack,
    url,
    browser,
    async nouvellePage(agent) {
      const context = await browser.newContext({
        baseURL: url,
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        viewport: { width: 1280, height: 900 },
      });
      contexts.push(context);
      if (agent) {
        // Development sign-in: the server sets the session cookie in this browser context (api/auth.ts).
        const r = await context.request.post(`${url}/auth/dev`, { data: { agentId: agent.agentId } });
        if (!r.ok()) throw new Error(`connexion de développement refusée : ${r.status()} ${await r.text()}`);
      }
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      suivre(page);
      return { page, context };
    },
    async post(chemin, corps, agentId) {
      const r = await fetch(`${url}${chemin}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Dev ${agentId}` },
        body: JSON.stringify(corps),
      });
      if (!r.ok) throw new Error(`${chemin} : ${r.status} ${await r.text()}`);
      return (await r.json()) as { id: string };
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await stack.stop();
    },
  };
}

/** What each open page met (script errors, refused requests): said with the page when a test fails. */
const incidents = new Map<Page, string[]>();
function suivre(page: Page): void {
  const liste: string[] = [];
  incidents.set(page, liste);
  const noter = (s: string) => liste.push(`${new Date().toISOString().slice(11, 23)} ${s}`);
  page.on('pageerror', (e) => noter(`erreur de script : ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && noter(`console : ${m.text()}`));
  page.on('requestfailed', (r) => noter(`requête sans réponse : ${r.method()} ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => r.status() >= 400 && noter(`${r.status()} : ${r.request().method()} ${r.url()}`));
  page.on('close', () => incidents.delete(page));
}

// A failed test (environnement.ts) leaves each open page's capture, text and incidents: a timeout in CI then says
// what the screen showed instead.
afterEach(async () => {
  const g = globalThis as { __echecDuTest?: boolean };
  if (!g.__echecDuTest) return;
  g.__echecDuTest = false;
  let n = 0;
  for (const [page, liste] of incidents) {
    const nom = `echec-${path.basename(expect.getState().testPath ?? 'test', '.test.ts')}-${++n}`;
    await page.screenshot({ path: path.join(DOSSIER_ECRANS, `${nom}.png`), fullPage: true }).catch(() => undefined);
    const texte = await page.evaluate<string>('document.body.innerText').catch((e: unknown) => String(e));
    console.error(
      [
        `Page ${page.url()} au moment de l’échec (test-results/screens/${nom}.png) :`,
        texte.slice(0, 3000),
        `Incidents (${liste.length}) :`,
        ...liste.slice(-30),
      ].join('\n'),
    );
  }
});

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  noeuds: string[][];
}

/**
 * Every screen the tests reach goes through here: axe-core (WCAG 2.1 A and AA rules, and best practices) must
 * find no violation, then the full page is saved into test-results/screens/ (git-ignored).
 */
export async function ecran(page: Page, nom: string): Promise<void> {
  // Injected by evaluation (not a <script>): the application's CSP forbids inline scripts, as it should.
  await page.evaluate(AXE);
  const violations = await page.evaluate<Violation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, noeuds: v.nodes.map((n) => n.target) })))`,
  );
  await page.screenshot({ path: path.join(DOSSIER_ECRANS, `${nom}.png`), fullPage: true });
  if (violations.length) throw new Error(`axe-core, écran « ${nom} » :\n${JSON.stringify(violations, null, 2)}`);
  // Screens speak to agents: names and labels, never an identifier (a UUID, or a test agent's id).
  const texte = await page.evaluate<string>('document.body.innerText');
  const ids = texte.match(IDENTIFIANT);
  if (ids) throw new Error(`écran « ${nom} » : identifiants affichés (${[...new Set(ids)].join(', ')})`);
}

/** A UUID, or an id of the shape test agents get (role-1a2b3c4d, test/support/parcours.ts). */
const IDENTIFIANT = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[a-z]+-[0-9a-f]{8}\b(?!@)/g;

/** Picks an option of a list (React Aria Select): its button named by the field's label, then the option. */
export async function choisir(page: Page, label: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}
