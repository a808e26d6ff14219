/**
 * "Mon agenda" in Chromium: the référente's rendez-vous to come, by day, with the person's name linking to the
 * dossier, time, place and object (planned by her or by the cadre); a period shows the past ones; a period the
 * wrong way round is refused on its field; the .ics download; an agenda with nothing; another territoire's
 * rendez-vous never shown. Every state through axe-core and a screenshot.
 */
import { avecDecalage, dansJours, enAccompagnement, equipeNommee, jourParis, type Poster } from '../support/agenda';
import { demarrerBanc, ecran, type Banc } from './navigateur';

const jourEntier = (d: Date) =>
  new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(d);

describe('Mon agenda, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc();
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('montre à la référente ses rendez-vous par jour, les passés sur une période, et son agenda en .ics', async () => {
    const { db } = banc.stack;
    const post: Poster = (chemin, corps, agent) => banc.post(chemin, corps, agent);
    const A = await equipeNommee(db, {
      cadre: ['Marc', 'Lefebvre'],
      evaluateur: ['Sophie', 'Martin'],
      referent: ['Claire', 'Dubois'],
    });
    const B = await equipeNommee(db, { cadre: ['Paul', 'Girard'], referent: ['Julien', 'Morel'] });
    const nadia = await enAccompagnement(post, A, { prenom: 'Nadia', nom: 'Benali' });
    const lea = await enAccompagnement(post, A, { prenom: 'Léa', nom: 'Garnier' });
    const karim = await enAccompagnement(post, B, { prenom: 'Karim', nom: 'Haddad' });
    const rdv = (parcoursId: string, agent: string, le: string, lieu: string, objet: string) =>
      post(`/parcours/${parcoursId}/rendez-vous`, { le, lieu, objet }, agent);
    const bilan = dansJours(1, 8, 30);
    const visite = dansJours(3, 12);
    await rdv(nadia.parcoursId, A.agents.cadre, bilan.toISOString(), 'Maison du Département, Gien', 'Bilan à trois');
    await rdv(lea.parcoursId, A.agents.referent, avecDecalage(visite, 3), 'À domicile', 'Visite à domicile');
    await rdv(nadia.parcoursId, A.agents.referent, dansJours(3, 14).toISOString(), 'CCAS de Gien', 'Dossier FSL');
    await rdv(karim.parcoursId, B.agents.referent, dansJours(2, 9).toISOString(), 'MDS Montargis', 'Contrat');
    const appel = new Date(Date.now() + 3_000);
    await rdv(lea.parcoursId, A.agents.referent, appel.toISOString(), 'Par téléphone', 'Appel de suivi');

    const { page } = await banc.nouvellePage({ agentId: A.agents.referent, nom: 'Claire Dubois', role: 'agent' });
    await page.goto('/mes-actions');
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon agenda' }).click();
    await page.getByRole('heading', { name: 'Mon agenda', level: 1 }).waitFor();
    await new Promise((r) => setTimeout(r, Math.max(0, appel.getTime() - Date.now() + 200)));
    await page.reload();
    await page.getByRole('heading', { name: 'Rendez-vous à venir' }).waitFor();
    await page.getByText('3 rendez-vous.').waitFor();

    // By day, in order: the cadre's tomorrow, then Léa's before Nadia's three days ahead.
    const jours = page.getByRole('heading', { level: 3 });
    expect(await jours.allTextContents()).toEqual([jourEntier(bilan), jourEntier(visite)]);
    const lignes = (jour: Date) =>
      page.getByRole('table', { name: `Rendez-vous du ${jourEntier(jour)}` }).getByRole('row');
    expect(await lignes(bilan).nth(1).textContent()).toContain('Nadia Benali');
    await lignes(bilan).nth(1).getByText('Marc Lefebvre').waitFor();
    await lignes(bilan).nth(1).getByText('Maison du Département, Gien').waitFor();
    const visites = await lignes(visite).allTextContents();
    expect(visites.slice(1).map((l) => (l.includes('Léa Garnier') ? 'Léa' : 'Nadia'))).toEqual(['Léa', 'Nadia']);
    expect(await page.getByText('Karim Haddad').count()).toBe(0);
    expect(await page.getByText('Appel de suivi').count()).toBe(0);
    const lien = page.getByRole('link', { name: 'Léa Garnier' });
    expect(await lien.getAttribute('href')).toBe(`/dossiers/${lea.usagerId}`);
    await ecran(page, 'agenda-a-venir');

    // The agenda for the agent's own calendar.
    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Télécharger ces rendez-vous/ }).click(),
    ]);
    expect(telechargement.suggestedFilename()).toBe('mon-agenda.ics');

    // A period the wrong way round: said on its field.
    await page.getByLabel('Du', { exact: true }).fill(jourParis(dansJours(5, 12)));
    await page.getByLabel('Au (inclus)', { exact: true }).fill(jourParis(new Date()));
    await page.getByRole('button', { name: 'Afficher la période' }).click();
    await page.getByText('La fin de la période précède son début.').waitFor();
    await ecran(page, 'agenda-periode-invalide');
    // Corrected, the message goes.
    await page.getByLabel('Du', { exact: true }).fill(jourParis(new Date()));
    expect(await page.getByText('La fin de la période précède son début.').count()).toBe(0);

    // Today and tomorrow: the call that passed, marked, then the bilan.
    await page.getByLabel('Du', { exact: true }).fill(jourParis(new Date()));
    await page.getByLabel('Au (inclus)', { exact: true }).fill(jourParis(bilan));
    await page.getByRole('button', { name: 'Afficher la période' }).click();
    await page.getByText('2 rendez-vous.').waitFor();
    await page
      .getByRole('row', { name: /Appel de suivi/ })
      .getByText('Passé')
      .waitFor();
    expect(await page.getByText('Dossier FSL').count()).toBe(0);
    await ecran(page, 'agenda-periode');
    await page.getByRole('button', { name: 'Revenir aux rendez-vous à venir' }).click();
    await page.getByText('3 rendez-vous.').waitFor();

    // The person's dossier, from the agenda.
    await lien.click();
    await page.waitForURL(`**/dossiers/${lea.usagerId}`);

    // The évaluatrice planned none: an empty agenda, said plainly.
    const vide = await banc.nouvellePage({ agentId: A.agents.evaluateur, nom: 'Sophie Martin', role: 'agent' });
    await vide.page.goto('/mon-agenda');
    await vide.page.getByText('Aucun rendez-vous à venir.').waitFor();
    await ecran(vide.page, 'agenda-vide');
  });
});
