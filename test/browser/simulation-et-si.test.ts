import { chargerReferentiel } from '../../imports/referentiel';
import { agentDe, optionsSimulationTest, SIMULATION_ECRAN } from '../support/simulation';
import { choisir, demarrerBanc, ecran, type Banc } from './navigateur';

const { departement, nom } = SIMULATION_ECRAN;

describe('Simulation « et si » à l’écran, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc({ departement, deps: { simulation: optionsSimulationTest() } });
    await chargerReferentiel(banc.stack.db);
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('dit les erreurs sur leurs champs, lance la simulation, montre les deux scénarios côte à côte', async () => {
    const { db } = banc.stack;
    const direction = await agentDe(db, departement, ['cadre']);
    const { page } = await banc.nouvellePage({ agentId: direction, nom: 'Direction', role: 'cadre' });
    await page.goto('/tableau-de-bord');
    await page.getByRole('link', { name: 'Simulation « et si »' }).click();
    await page.getByRole('heading', { name: 'Simulation « et si »', level: 1 }).waitFor();
    await page.getByRole('checkbox', { name: nom }).waitFor();
    await ecran(page, 'simulation-parametres');

    // No territoire checked at full volume, and a year and a half: refused, each message on its field.
    await page.getByRole('textbox', { name: /Jours simulés/ }).fill('500');
    await page.getByRole('button', { name: 'Lancer la simulation' }).click();
    await page.getByText('Le formulaire contient des erreurs').waitFor();
    await page
      .getByRole('textbox', { name: /Jours simulés/ })
      .and(page.locator('[aria-invalid=true]'))
      .waitFor();
    await page.getByText('Jours simulés : nombre entier de 10 à 365 attendu.').first().waitFor();
    await page
      .getByText(/Au-delà de 25 % du volume, choisissez un ou deux territoires/)
      .first()
      .waitFor();
    await ecran(page, 'simulation-erreurs');

    await page
      .getByRole('group', { name: /Territoires simulés/ })
      .getByText(nom, { exact: true })
      .click();
    expect(await page.getByRole('checkbox', { name: nom }).isChecked()).toBe(true);
    await page.getByRole('textbox', { name: /Jours simulés/ }).fill('30');
    await page.getByRole('textbox', { name: /Premiers accueils par an/ }).fill('30');
    await page.getByRole('textbox', { name: /Part du volume simulée/ }).fill('0,5');
    await choisir(page, /Territoire renforcé/, nom);
    await page.getByRole('textbox', { name: /Référents ajoutés/ }).fill('2');
    await page.getByRole('button', { name: 'Lancer la simulation' }).click();
    await page.getByRole('heading', { name: /Simulation du .* : (en attente|en cours|terminée)/ }).waitFor();
    const resultat = page.getByRole('heading', { name: 'Résultat : deux scénarios côte à côte' });
    await resultat.waitFor({ timeout: 150_000 });
    await page.getByText(`Échantillon : 50 % du volume (${nom})`, { exact: false }).first().waitFor();
    await page.getByText(`+2 référent(s) à ${nom}.`).waitFor();
    const respect = page.getByRole('table', { name: 'Part des délais tenus (département)' });
    await respect.getByRole('columnheader', { name: 'A : organisation actuelle' }).waitFor();
    await respect.getByRole('columnheader', { name: 'B : avec le renfort' }).waitFor();
    await page.getByRole('table', { name: /Durée médiane \/ 90e centile des étapes/ }).waitFor();
    await page.getByRole('table', { name: /Dépassements de délai/ }).waitFor();
    await page.getByRole('img', { name: /Stock en fin de mois \(département\)/ }).waitFor();
    await page.getByRole('table', { name: /Stock en fin de mois, en attente de référent/ }).waitFor();
    await ecran(page, 'simulation-resultat');

    // The territoire's own figures, and the simulation among the past ones.
    await choisir(page, 'Portée des résultats', nom);
    await page.getByRole('table', { name: `Part des délais tenus (${nom})` }).waitFor();
    await page
      .getByRole('table', { name: 'Simulations précédentes' })
      .getByRole('cell', { name: 'Terminée' })
      .first()
      .waitFor();
    await ecran(page, 'simulation-territoire');
  }, 200_000);
});
