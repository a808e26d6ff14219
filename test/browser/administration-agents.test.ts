import { nouvelAgent, nouvelleEquipe } from '../support/parcours';
import { demarrerBanc, ecran, type Banc } from './navigateur';

describe('Administration des agents, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc();
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('ajoute un agent, le désactive, et sa session ouverte se ferme', async () => {
    const { db } = banc.stack;
    const admin = await nouvelAgent(db, ['administrateur'], null, 'admin-ecran');
    const equipe = await nouvelleEquipe(db);
    const nomEquipe = (await db.equipe.findUniqueOrThrow({ where: { id: equipe.equipeId } })).nom;
    const { page } = await banc.nouvellePage({ agentId: admin, nom: 'Admin', role: 'agent' });
    await page.goto('/gestion/agents');
    await page.getByRole('link', { name: 'Agents' }).waitFor();
    await page.getByRole('table', { name: /Agents du département/ }).waitFor();
    await ecran(page, 'agents-liste');

    await page.getByRole('button', { name: 'Ajouter un agent' }).click();
    const formulaire = page.getByRole('form', { name: 'Ajouter un agent' });
    await formulaire.getByLabel('Prénom').fill('Maëlle');
    await formulaire.getByRole('textbox', { name: /^Nom/ }).fill('Écran');
    const email = `maelle-${Date.now()}@loiret.invalid`;
    await formulaire.getByLabel('Adresse électronique').fill(email);
    await formulaire.getByText('référent', { exact: true }).click();
    // Within the form: agents of other suites (shared database) may have 'Équipe' in their names.
    await formulaire.getByRole('button', { name: /Équipe$/ }).click();
    await page.getByRole('option', { name: nomEquipe }).click();
    await formulaire.getByLabel('Capacité').fill('-3');
    await formulaire.getByRole('button', { name: 'Ajouter l’agent' }).click();
    // The API's message on its field, and in the summary.
    await page.getByText('Capacité positive ou nulle.').first().waitFor();
    await ecran(page, 'agents-erreur');
    await formulaire.getByLabel('Capacité').fill('30');
    await formulaire.getByRole('button', { name: 'Ajouter l’agent' }).click();
    const ligne = page.getByRole('row', { name: /Maëlle Écran/ });
    await ligne.getByText(nomEquipe).waitFor();
    const agent = await db.agent.findFirstOrThrow({ where: { email } });
    expect(agent).toMatchObject({ roles: ['referent'], capacite: 30, equipeId: equipe.equipeId, actif: true });

    // The new agent signs in, in another browser.
    const autre = await banc.nouvellePage({ agentId: agent.id, nom: 'Maëlle', role: 'agent' });
    await autre.page.goto('/mes-actions');
    await autre.page.getByRole('heading', { name: 'Mes actions' }).waitFor();

    await ligne.getByRole('button', { name: 'Modifier Maëlle Écran' }).click();
    const modification = page.getByRole('form', { name: 'Modifier Maëlle Écran' });
    await modification.getByText('Compte actif').click();
    await modification.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page
      .getByRole('row', { name: /Maëlle Écran/ })
      .getByText('Désactivé')
      .waitFor();

    // Her open session ends at once: the next page asks her to sign in.
    await autre.page.reload();
    await autre.page.getByRole('heading', { name: /Connexion/ }).waitFor();

    await page
      .getByRole('row', { name: /Maëlle Écran/ })
      .getByRole('button', { name: /Modifier/ })
      .click();
    await page
      .getByRole('table', { name: 'Historique des changements' })
      .getByText('Compte actif : actif → désactivé')
      .waitFor();
    await ecran(page, 'agents-historique');
  });
});
