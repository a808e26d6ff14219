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
  stop(): Promise<void>;
}

export async function demarrerBanc(): Promise<Banc> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error('web/dist absent : lancer `npm run build:web` (npm install et npm test le font).');
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} absent : apt-get install -y chromium (npm test l’installe, scripts/test-prerequis.ts).`,
    );
  }
  const stack = await startStack();
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
      return { page, context };
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

/** Full-page screenshot into test-results/screens/ (git-ignored). */
export async function capture(page: Page, nom: string): Promise<void> {
  await page.screenshot({ path: path.join(DOSSIER_ECRANS, `${nom}.png`), fullPage: true });
}
