/**
 * Weight and speed of the screens on a running system (`npm start` in another terminal), in Debian's Chromium:
 * each screen is loaded cold (new browser profile: empty cache), then once more warm (cache kept). Prints, per
 * screen, the bytes transferred (compressed as sent, headers included) and the time until its content is shown
 * (main heading present and no loading message left). Asserts nothing.
 *
 *   npx tsx bench/ecrans.ts [--agent loiret-t01-ep-cadre] [--repetitions 3]
 *   API_URL (default http://127.0.0.1:3000), CHROMIUM_PATH (default /usr/bin/chromium)
 */
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { run } from '../infra/run';

const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
const ECRANS = ['/connexion', '/mes-actions', '/tableau-de-bord', '/recherche', '/premier-accueil'];

interface Mesure {
  octets: number;
  requetes: number;
  ms: number;
}

async function charger(browser: Browser, agentId: string, chemin: string, fois: number): Promise<Mesure[]> {
  // bypassCSP: the readiness probe below is a string evaluated in the page, which the CSP (rightly) forbids.
  const context = await browser.newContext({ baseURL: API, locale: 'fr-FR', bypassCSP: true });
  try {
    if (chemin !== '/connexion') {
      const r = await context.request.post(`${API}/auth/dev`, { data: { agentId } });
      if (!r.ok()) throw new Error(`connexion de développement refusée : ${r.status()}`);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let octets = 0;
    let requetes = 0;
    cdp.on('Network.loadingFinished', (e) => {
      octets += e.encodedDataLength;
      requetes += 1;
    });
    const mesures: Mesure[] = [];
    for (let i = 0; i < fois; i++) {
      octets = 0;
      requetes = 0;
      const debut = performance.now();
      await page.goto(chemin);
      // Content: the screen's heading is there and nothing says it is still loading (evaluated in the page).
      await page.waitForFunction(
        "(() => { const m = document.querySelector('main'); return !!m && !!m.querySelector('h1') && !m.textContent.includes('Chargement'); })()",
        undefined,
        { timeout: 30_000, polling: 20 },
      );
      const ms = performance.now() - debut;
      await page.waitForLoadState('networkidle');
      mesures.push({ octets, requetes, ms });
    }
    return mesures;
  } finally {
    await context.close();
  }
}

const ko = (n: number) => `${(n / 1024).toFixed(1)} Ko`;
const mediane = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      agent: { type: 'string', default: 'loiret-t01-ep-cadre' },
      repetitions: { type: 'string', default: '3' },
    },
  });
  const repetitions = Number(values.repetitions);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    console.log(`Écrans de ${API} (agent ${values.agent}), médiane de ${repetitions} chargements à froid`);
    console.log('écran                 | à froid: octets, requêtes, contenu | à chaud: octets, contenu');
    for (const chemin of ECRANS) {
      const froids: Mesure[] = [];
      let chaud: Mesure | undefined;
      for (let i = 0; i < repetitions; i++) {
        const [froid, ensuite] = await charger(browser, values.agent, chemin, 2);
        froids.push(froid!);
        chaud = ensuite;
      }
      console.log(
        `${chemin.padEnd(21)} | ${ko(mediane(froids.map((m) => m.octets))).padStart(10)}, ${String(froids[0]!.requetes).padStart(3)}, ${mediane(
          froids.map((m) => m.ms),
        )
          .toFixed(0)
          .padStart(5)} ms | ${ko(chaud!.octets).padStart(10)}, ${chaud!.ms.toFixed(0).padStart(5)} ms`,
      );
    }
  } finally {
    await browser.close();
  }
}

run(main);
