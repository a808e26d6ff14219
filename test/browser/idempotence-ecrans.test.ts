/**
 * One Idempotency-Key per intention in the screens: a double click, or a click again after an answer lost on
 * the way back, takes the action once; the next submission after a success is a new action.
 */
import type { Request as RequeteNavigateur } from 'playwright-core';
import { demarrerBanc, type Banc } from './navigateur';
import { comme, nouvelAgent } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
import { routerUsager } from '../../lecture/routage';

describe('Une action par intention dans les écrans (Idempotency-Key), dans Chromium', () => {
  let banc: Banc;
  let cadre: string;
  let parcoursId: string;

  const relances = () => banc.stack.db.parcoursEvenement.count({ where: { parcoursId, type: 'relance_manuelle' } });

  beforeAll(async () => {
    banc = await demarrerBanc();
    const { db } = banc.stack;
    await chargerReferentiel(db);
    const { equipeId } = (await routerUsager(db, 'loiret', '45155'))!;
    cadre = await nouvelAgent(db, ['cadre'], equipeId, 'camille');
    const r = await fetch(`${banc.url}/parcours`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...comme(cadre) },
      body: JSON.stringify({
        usager: { nom: 'Durand', prenom: 'Paul', communeCode: '45155' },
        accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
      }),
    });
    expect(r.status).toBe(201);
    parcoursId = ((await r.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('un double clic sur « Relancer » envoie une seule relance', async () => {
    const { page } = await banc.nouvellePage({ agentId: cadre, nom: 'Camille', role: 'cadre' });
    const envoyees: RequeteNavigateur[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/relance')) envoyees.push(r);
    });
    await page.goto(`/suivi/${parcoursId}/relancer`);
    await page.getByRole('heading', { name: 'Relancer', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Relancer' }).dblclick();
    await page.getByText('Relance envoyée.').waitFor();
    expect(await relances()).toBe(1);
    expect(new Set(envoyees.map((r) => r.headers()['idempotency-key'])).size).toBe(1);
  });

  it('après une réponse perdue, cliquer à nouveau rend la première relance sans en ajouter ; la suivante en est une autre', async () => {
    const { page } = await banc.nouvellePage({ agentId: cadre, nom: 'Camille', role: 'cadre' });
    const cles: string[] = [];
    let perdues = 0;
    // The first answer is lost on the way back: the server acted, the browser sees no answer.
    await page.route('**/parcours/*/relance', async (route) => {
      cles.push(route.request().headers()['idempotency-key'] ?? '');
      if (perdues++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.goto(`/suivi/${parcoursId}/relancer`);
    await page.getByRole('heading', { name: 'Relancer', level: 1 }).waitFor();
    await page.getByLabel('Message (facultatif)').fill('Merci de rappeler M. Durand');
    await page.getByRole('button', { name: 'Relancer' }).click();
    await page.getByText('Le service ne répond pas').waitFor();
    expect(await relances()).toBe(2);
    await page.getByRole('button', { name: 'Relancer' }).click();
    await page.getByText('Relance envoyée.').waitFor();
    expect(await relances()).toBe(2);
    expect(cles).toHaveLength(2);
    expect(cles[1]).toBe(cles[0]);

    // A new intention: a new key, a new reminder.
    await page.goto(`/suivi/${parcoursId}/relancer`);
    await page.getByRole('button', { name: 'Relancer' }).click();
    await page.getByText('Relance envoyée.').waitFor();
    expect(await relances()).toBe(3);
    expect(cles).toHaveLength(3);
    expect(cles[2]).not.toBe(cles[0]);
  });
});
