import fs from 'node:fs';
import { nouvelleEquipe } from '../support/parcours';
import { attendre } from '../support/attendre';
import { choisir, demarrerBanc, ecran, type Banc } from './navigateur';

describe('Sessions de l’équipe pluridisciplinaire, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc();
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('agenda → session → dossiers → décisions → clôture → procès-verbal', async () => {
    const { db } = banc.stack;
    const equipe = await nouvelleEquipe(db);
    const usagers = new Map<string, string>();
    for (const nom of ['Aubert', 'Benoit']) {
      const p = await banc.post(
        '/parcours',
        {
          usager: { nom, prenom: 'Camille' },
          accueil: { besoins: [{ domaine: 'insertion_emploi' }], urgence: false, consentement: true },
          routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Équipe de la session' },
        },
        equipe.agents.accueil,
      );
      usagers.set(nom, (await db.parcours.findUniqueOrThrow({ where: { id: p.id } })).usagerId);
      await banc.post(
        `/parcours/${p.id}/evaluation`,
        {
          diagnostic: [{ domaine: 'insertion_emploi', constat: 'Sans emploi', besoinAccompagnement: true }],
          synthese: 'À orienter',
          conclusion: 'orientation',
        },
        equipe.agents.evaluateur,
      );
    }
    const { page, context } = await banc.nouvellePage({ agentId: equipe.agents.cadre, nom: 'Cadre', role: 'cadre' });
    await page.goto('/agenda-equipe');
    await page.getByRole('heading', { name: 'Sessions de l’équipe pluridisciplinaire', level: 1 }).waitFor();
    await ecran(page, 'sessions-agenda');

    // Scheduling: a missing place is named on its field.
    const jour = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Date', { exact: false }).first().fill(jour);
    await page.getByRole('textbox', { name: /^Heure/ }).fill('09:30');
    await page.getByRole('button', { name: 'Planifier la session' }).click();
    await page.getByRole('link', { name: 'Lieu' }).waitFor();
    await page.getByRole('textbox', { name: /^Lieu/ }).fill('Maison du département, salle 3');
    await page.getByRole('button', { name: 'Planifier la session' }).click();
    await page.getByRole('heading', { name: /^Session du /, level: 1 }).waitFor();

    for (const nom of ['Camille Aubert', 'Camille Benoit']) {
      await choisir(page, /Personne/, new RegExp(nom));
      await page.getByRole('button', { name: 'Inscrire' }).click();
      await page.getByRole('row', { name: new RegExp(nom) }).waitFor();
    }
    await ecran(page, 'sessions-dossiers');
    // The board: the clocks run until the decision; the session is shown beside the lateness.
    const adresseSession = page.url();
    await page.goto('/tableau-de-bord');
    await page.getByRole('row', { name: /Camille Aubert.*Décision en session le/ }).waitFor();
    await ecran(page, 'sessions-tableau-de-bord');
    await page.goto(adresseSession);
    await page.getByRole('row', { name: /Camille Benoit/ }).waitFor();

    // The decision form, case by case.
    await page.getByRole('button', { name: 'Décider pour Camille Aubert' }).click();
    const examen = page.getByRole('form', { name: 'Décision pour Camille Aubert' });
    await examen
      .getByRole('radiogroup', { name: /Présence/ })
      .getByText('Présente')
      .click();
    await examen.getByRole('textbox', { name: /Observations/ }).fill('Souhaite reprendre une formation.');
    await examen.getByText('Accompagnement par le département').click();
    await choisir(page, /Type d’accompagnement/, /Professionnel/);
    await ecran(page, 'sessions-decision');
    await examen.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('row', { name: /Camille Aubert.*Orientation vers un accompagnement professionnel/ }).waitFor();

    await page.getByRole('button', { name: 'Décider pour Camille Benoit' }).click();
    const second = page.getByRole('form', { name: 'Décision pour Camille Benoit' });
    await second
      .getByRole('radiogroup', { name: /Présence/ })
      .getByText('Absente')
      .click();
    await second.getByText('Orientation vers un organisme extérieur').click();
    await second.getByRole('button', { name: 'Enregistrer' }).click();
    // The reason an external orientation requires, on its field.
    await second.getByRole('link', { name: 'Organisme extérieur' }).waitFor();
    await second.getByRole('textbox', { name: /^Organisme extérieur/ }).fill('Mission locale');
    await second.getByRole('textbox', { name: /^Motif/ }).fill('Moins de 26 ans');
    await second.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('row', { name: /Camille Benoit.*Orientation vers Mission locale/ }).waitFor();

    // Closing with the members present; then the decisions are applied and the PV is there.
    const clore = page.getByRole('form', { name: 'Clore la session' });
    for (const id of [equipe.agents.cadre, equipe.agents.evaluateur, equipe.agents.referent]) {
      const prenom = id.split('-')[0]!;
      await clore.getByText(new RegExp(`^${prenom} `)).click();
    }
    await ecran(page, 'sessions-cloture');
    await clore.getByRole('button', { name: 'Clore la session' }).click();
    await page.getByText('Session close', { exact: false }).first().waitFor();
    const pv = page.getByRole('link', { name: 'Télécharger le procès-verbal (PDF)' });
    await attendre(
      async () => {
        if (await pv.isVisible()) return true;
        await page.reload();
        await page.getByRole('heading', { name: /^Session du / }).waitFor();
        return pv.isVisible();
      },
      'le procès-verbal',
      60_000,
    );
    await page.getByRole('row', { name: /Camille Aubert.*Appliquée au parcours/ }).waitFor();
    await ecran(page, 'sessions-pv');
    const r = await context.request.get((await pv.getAttribute('href'))!);
    expect([r.status(), r.headers()['content-type']]).toEqual([200, 'application/pdf']);

    // The person's dossier lists the session's letters: the convocation and the decision, downloaded as PDF.
    await page.goto(`/dossiers/${usagers.get('Aubert')}`);
    const lettre = page.getByRole('link', { name: /^Décision de l’équipe pluridisciplinaire — séance du .* \(PDF\)$/ });
    await lettre.waitFor();
    await page.getByRole('link', { name: /^Convocation à l’équipe pluridisciplinaire — séance du / }).waitFor();
    await ecran(page, 'sessions-dossier-lettres');
    const [telechargement] = await Promise.all([page.waitForEvent('download'), lettre.click()]);
    expect(
      fs
        .readFileSync(await telechargement.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.goto(adresseSession);
    await page.getByRole('heading', { name: /^Session du /, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Sessions de l’équipe' }).first().click();
    await page.getByRole('row', { name: /Maison du département, salle 3/ }).waitFor();
    await ecran(page, 'sessions-agenda-apres');
  }, 180_000);
});
