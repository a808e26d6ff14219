/**
 * The person's page on a phone-sized screen, in Chromium: opened from the link of their email, with their next
 * appointment, their référent and a questionnaire answered in the page; a revoked link shows nothing.
 * axe-core on each state: 0 violation.
 */
import type { BrowserContext } from 'playwright-core';
import { attendre } from '../support/attendre';
import { nouvelleEquipe } from '../support/parcours';
import { demarrerBanc, ecran, type Banc } from './navigateur';

describe('La page de la personne, sur un petit écran', () => {
  let banc: Banc;
  let context: BrowserContext;
  beforeAll(async () => {
    banc = await demarrerBanc();
    context = await banc.browser.newContext({
      baseURL: banc.url,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
  });
  afterAll(async () => {
    await context?.close();
    await banc?.stop();
  });

  const post = (chemin: string, corps: unknown, agentId: string) => banc.post(chemin, corps, agentId);

  it('montre où en est le parcours, le rendez-vous, le référent, recueille l’avis, puis plus rien une fois le lien révoqué', async () => {
    const equipe = await nouvelleEquipe(banc.stack.db);
    const email = `lea-${equipe.equipeId}@exemple.invalid`;
    const p = await post(
      '/parcours',
      {
        usager: { nom: 'Martin', prenom: 'Léa', email },
        accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
        routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Essai de la page' },
      },
      equipe.agents.accueil,
    );
    const cadre = equipe.agents.cadre;
    await post(
      `/parcours/${p.id}/evaluation`,
      {
        diagnostic: [{ domaine: 'logement', constat: 'Hébergée chez un tiers', besoinAccompagnement: true }],
        synthese: 'Accompagnement social',
        conclusion: 'orientation',
      },
      cadre,
    );
    await post(`/parcours/${p.id}/orientation`, { decision: 'accompagnement', typeAccompagnement: 'social' }, cadre);
    await post(`/parcours/${p.id}/referent`, { referentId: equipe.referentId, accordUsager: true }, cadre);
    const le = new Date(Date.now() + 6 * 86_400_000);
    le.setUTCHours(8, 30, 0, 0);
    await post(
      `/parcours/${p.id}/rendez-vous`,
      { le: le.toISOString(), lieu: 'Maison du Département, Orléans', objet: 'Premier entretien' },
      cadre,
    );
    const lien = await attendre(() => {
      const corps = banc.stack.courriels
        .filter((c) => c.a.includes(email))
        .map((c) => c.brut.replace(/=\r?\n/g, ''))
        .find((b) => b.includes('Ce lien est personnel'));
      return Promise.resolve(corps && /(http\S*\/mon-parcours#[A-Za-z0-9_-]{48})/.exec(corps)?.[1]);
    }, 'courriel du lien');
    const chemin = new URL(lien).hash;

    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`/mon-parcours${chemin}`);
    await page.getByRole('heading', { level: 1, name: 'Bonjour Léa' }).waitFor();
    await page.getByText('Vous êtes accompagné ou accompagnée.').waitFor();
    await page.getByText('Maison du Département, Orléans').waitFor();
    await page.getByText(`referent ${equipe.referentId.replace('referent-', '')}`).waitFor();
    await page.getByRole('link', { name: equipe.emails.referent }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Une pièce d' }).first().waitFor();
    await ecran(page, 'usager-page');

    // The appointment goes to the phone's calendar.
    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ajouter à mon agenda' }).click(),
    ]);
    expect(telechargement.suggestedFilename()).toBe('rendez-vous.ics');

    // The orientation's questionnaire, answered in the page.
    await page.getByRole('heading', { name: 'Votre avis' }).waitFor();
    await page
      .getByRole('radiogroup', { name: 'Avez-vous été bien accueilli ou accueillie ?' })
      .getByText('Tout à fait')
      .click();
    await page
      .getByRole('radiogroup', { name: /explications/ })
      .getByText('Plutôt oui')
      .click();
    await page.getByRole('textbox', { name: /ajouter quelque chose/ }).fill('Très bon accueil.');
    await ecran(page, 'usager-questionnaire');
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await page.getByText('Votre réponse est enregistrée.').waitFor();
    await ecran(page, 'usager-merci');

    // Revoked on request: the same link shows nothing of the dossier.
    await post(`/parcours/${p.id}/liens/revocation`, {}, cadre);
    await page.reload();
    await page.getByText('Ce lien n’est plus valide.', { exact: false }).waitFor();
    const texte = await page.locator('main').innerText();
    expect(texte).not.toMatch(/Léa|Maison du Département|referent|pièce d/);
    await ecran(page, 'usager-lien-revoque');
  }, 120_000);
});
