import type { Page } from 'playwright-core';
import { demarrerBanc, capture, type Banc } from './navigateur';
import { nouvelAgent } from '../support/parcours';

/** Fills a DSFR field found by its label (exact). */
const champ = (page: Page, label: string) => page.getByLabel(label, { exact: true });

describe('Écrans de l’agent, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc();
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('de l’accueil à la désignation du référent et à une première revue, par les écrans', async () => {
    // One agent for the whole chain: accueil, évaluation and the équipe's decisions (a cadre of the direction:
    // the whole département is in scope, wherever the commune routes the parcours).
    const agentId = await nouvelAgent(banc.stack.db, ['accueil', 'evaluateur', 'cadre'], null, 'agent-accueil');
    const { page } = await banc.nouvellePage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await capture(page, '01-connexion');
    await page.locator('#identifiant').fill(agentId);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Mes actions' }).waitFor();

    // Premier accueil, d'abord avec une adresse invalide : le message du serveur s'affiche sur son champ.
    await page.getByRole('link', { name: 'Premier accueil' }).first().click();
    await page.getByRole('heading', { name: 'Premier accueil' }).waitFor();
    await champ(page, 'Nom *').fill('Lefèvre');
    await champ(page, 'Prénom *').fill('Samia');
    await page.locator('#champ-usager-communeCode').fill('45234');
    await page.locator('#champ-usager-email').fill('pas-une-adresse');
    await page.getByText('Logement', { exact: true }).click();
    await page.getByText('Insertion et emploi', { exact: true }).click();
    await page.getByText('La personne consent au traitement de ses données *').click();
    await page.getByRole('button', { name: 'Enregistrer l’accueil et ouvrir le parcours' }).click();

    await expect(page.locator('#champ-usager-email-desc-error').textContent()).resolves.toContain(
      'Adresse électronique invalide',
    );
    await expect(page.locator('#champ-usager-email').getAttribute('aria-describedby')).resolves.toContain(
      'champ-usager-email-desc-error',
    );
    await page.locator('#resume-erreurs').getByRole('link', { name: 'Adresse électronique' }).waitFor();
    await capture(page, '02-accueil-erreur-de-champ');

    await page.locator('#champ-usager-email').fill('samia.lefevre@example.org');
    await page.getByRole('button', { name: 'Enregistrer l’accueil et ouvrir le parcours' }).click();
    await page.getByRole('heading', { name: 'Accueil enregistré' }).waitFor();
    await page.locator('#territoire-oriente').waitFor();
    await capture(page, '03-accueil-enregistre');

    // Dossier social unique.
    await page.getByRole('link', { name: 'Ouvrir le dossier social' }).click();
    await page.getByRole('heading', { name: 'Dossier social de Samia Lefèvre' }).waitFor();
    await page.getByText('Premier accueil —').first().waitFor();
    await capture(page, '04-dossier-social');

    // Évaluation globale : un champ manquant, puis l'évaluation complète.
    await page.getByRole('link', { name: 'Évaluer' }).click();
    await page.getByRole('heading', { name: 'Évaluation globale', level: 1 }).waitFor();
    await page.getByText('Orientation vers l’équipe pluridisciplinaire').click();
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page.locator('#champ-synthese-desc-error').waitFor();
    await capture(page, '05-evaluation-erreur');
    const constats = page.getByLabel('Constat', { exact: true });
    await constats.nth(0).fill('Hébergée chez un tiers depuis trois mois.');
    await constats.nth(1).fill('Sans emploi, RSA ouvert.');
    await champ(page, 'Synthèse *').fill('Besoin d’un accompagnement global logement et insertion.');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page.getByText('Évaluation enregistrée.').waitFor();

    // Orientation par l'équipe pluridisciplinaire.
    await page.getByRole('link', { name: 'Orienter' }).click();
    await page.getByText('Accompagnement par le département').click();
    await champ(page, 'Type d’accompagnement *').selectOption('social');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText('Orientation enregistrée.').waitFor();

    // Désignation du référent.
    await page.getByRole('link', { name: 'Désigner le référent' }).click();
    await page.getByRole('heading', { name: 'Désignation du référent de parcours' }).waitFor();
    const liste = page.locator('#champ-referentId');
    // The field is a list once the proposals and agents are loaded: let those reads finish first.
    await page
      .locator('select#champ-referentId')
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    if (await liste.evaluate((el) => el.tagName === 'SELECT')) {
      await liste.selectOption({ index: 1 });
    } else {
      await liste.fill('referent-martin');
    }
    await page.getByText('La personne a donné son accord pour ce référent *').click();
    await capture(page, '06-designation-referent');
    await page.getByRole('button', { name: 'Désigner le référent' }).click();
    await page.getByText('Référent désigné.').waitFor();

    // Plan d'accompagnement puis première revue.
    await page.getByRole('link', { name: 'Établir le plan' }).click();
    await page.getByRole('heading', { name: 'Plan d’accompagnement', level: 1 }).waitFor();
    await champ(page, 'Objectif *').fill('Accéder à un logement autonome');
    await page.getByRole('button', { name: 'Enregistrer le plan' }).click();
    await page.getByText('Plan d’accompagnement enregistré.').waitFor();

    await page.getByRole('link', { name: 'Faire la revue' }).click();
    await page.getByRole('heading', { name: 'Revue de parcours', level: 1 }).waitFor();
    await champ(page, 'Avancement — Accéder à un logement autonome').selectOption('en_cours');
    await champ(page, 'Synthèse de la revue *').fill('Dossier de demande de logement social déposé.');
    await page.getByText('Poursuite de l’accompagnement').click();
    await capture(page, '07-revue');
    await page.getByRole('button', { name: 'Enregistrer la revue' }).click();
    await page.getByText('Revue enregistrée.').waitFor();
    await page.getByText('Revue —').first().waitFor();
    await capture(page, '08-dossier-apres-revue');

    // The screens only went through the API: the parcours is in accompaniment, with its revue in the timeline.
    const p = await banc.stack.db.parcours.findFirstOrThrow({
      where: { usager: { nom: 'Lefèvre' } },
      include: { evenements: true },
    });
    expect(p.etape).toBe('accompagnement');
    expect(p.evenements.map((e) => e.type)).toEqual(expect.arrayContaining(['accueil', 'revue']));
  });
});
