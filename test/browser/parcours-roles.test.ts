import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { demarrerBanc, choisir, ecran, type Banc } from './navigateur';
import { nomAgent, nouvelAgent } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
import { routerUsager } from '../../lecture/routage';

/** A text field found by its label (exact). */
const champ = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/**
 * A whole parcours through the screens, each step by the role that does it, in Chromium: the accueil agent
 * (commune by postal code, a field error corrected), the évaluateur, the cadre (orientation, référent), the
 * référent (plan, revue), the administrator (access journal). Every screen passes axe-core and is saved.
 */
describe('Un parcours par les écrans, rôle par rôle, dans Chromium', () => {
  let banc: Banc;
  const agents: Record<'accueil' | 'evaluateur' | 'cadre' | 'referent' | 'administrateur', string> = {
    accueil: '',
    evaluateur: '',
    cadre: '',
    referent: '',
    administrateur: '',
  };
  beforeAll(async () => {
    banc = await demarrerBanc();
    const { db } = banc.stack;
    await chargerReferentiel(db);
    // Briare's équipe: where a person living in Briare is routed.
    const routage = await routerUsager(db, 'loiret', '45053');
    const equipe = routage!.equipeId;
    agents.accueil = await nouvelAgent(db, ['accueil'], equipe, 'anne');
    agents.evaluateur = await nouvelAgent(db, ['evaluateur'], equipe, 'elise');
    agents.cadre = await nouvelAgent(db, ['cadre'], equipe, 'claude');
    agents.referent = await nouvelAgent(db, ['referent'], equipe, 'remi');
    agents.administrateur = await nouvelAgent(db, ['administrateur'], null, 'adele');
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('pages publiques : connexion et pages légales', async () => {
    const { page } = await banc.nouvellePage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.getByText('Département du Loiret').first().waitFor();
    await ecran(page, '01-connexion');
    for (const [lien, titre, nom] of [
      ['Mentions légales', 'Mentions légales', '02-mentions-legales'],
      [/Accessibilité/, 'Déclaration d’accessibilité', '03-accessibilite'],
      ['Données personnelles', 'Données personnelles', '04-donnees-personnelles'],
    ] as const) {
      await page.getByRole('contentinfo').getByRole('link', { name: lien }).click();
      await page.getByRole('heading', { name: titre, level: 1 }).waitFor();
      await page.getByRole('heading', { name: /Éditeur|État de conformité|Responsable du traitement/ }).waitFor();
      await ecran(page, nom);
    }
    // The département's public statistics: aggregates only, readable without signing in.
    await page.getByRole('contentinfo').getByRole('link', { name: 'Statistiques publiques' }).click();
    await page.getByRole('heading', { name: 'Statistiques publiques', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Délais tenus par règle' }).waitFor();
    await page.getByRole('table', { name: 'Passages d’une étape à la suivante' }).waitFor();
    await page
      .getByRole('button', { name: /Territoire/ })
      .getByText('Tout le département')
      .waitFor();
    await ecran(page, '04b-statistiques-publiques');
  });

  it('de l’accueil à la première revue, chaque étape par son rôle', async () => {
    // Accueil agent: signs in with the form, sees only what is theirs to do.
    const accueil = (await banc.nouvellePage()).page;
    await accueil.goto('/connexion');
    await accueil.locator('#identifiant').fill(agents.accueil);
    await accueil.getByRole('button', { name: 'Se connecter' }).click();
    await accueil.getByRole('heading', { name: 'Mes actions' }).waitFor();
    await accueil
      .getByText(/Rien ne vous attend|Parcours qui vous attendent/)
      .first()
      .waitFor();
    await ecran(accueil, '05-mes-actions-accueil');

    // Premier accueil: the commune by its postal code (five communes share 45250), a wrong e-mail address.
    await accueil
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Premier accueil' })
      .click();
    await accueil.getByRole('heading', { name: 'Premier accueil', level: 1 }).waitFor();
    await champ(accueil, 'Nom *').fill('Lefèvre');
    await champ(accueil, 'Prénom *').fill('Samia');
    await champ(accueil, 'Date de naissance').fill('1990-04-12');
    await accueil.getByRole('combobox', { name: /Commune de résidence/ }).fill('45250');
    await accueil.getByRole('option', { name: /Ouzouer-sur-Trézée/ }).waitFor();
    await expect(accueil.getByRole('option').count()).resolves.toBe(5);
    await accueil.getByRole('option', { name: /^Briare/ }).click();
    await accueil.locator('#territoire-oriente').waitFor();
    await accueil.getByRole('table', { name: /Lieux d’accueil les plus proches de Briare/ }).waitFor();
    await ecran(accueil, '06-accueil-commune-et-routage');
    await champ(accueil, 'Adresse électronique').fill('pas-une-adresse');
    // SMS are offered once a phone number is given.
    await expect(accueil.getByText('La personne accepte de recevoir des SMS').count()).resolves.toBe(0);
    await champ(accueil, 'Téléphone').fill('06 12 34 56 78');
    await accueil.getByText('La personne accepte de recevoir des SMS').click();
    await accueil.getByText('Logement', { exact: true }).click();
    await accueil.getByText('Insertion et emploi', { exact: true }).click();
    await accueil.getByText('La personne consent au traitement de ses données *').click();
    await accueil.getByRole('button', { name: 'Enregistrer l’accueil et ouvrir le parcours' }).click();
    const resume = accueil.locator('#resume-erreurs');
    await resume.getByRole('link', { name: 'Adresse électronique' }).waitFor();
    const email = champ(accueil, 'Adresse électronique');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    await ecran(accueil, '07-accueil-erreur-de-champ');
    // Corrected: the field's message goes at once.
    await email.fill('samia.lefevre@example.org');
    await expect(email.getAttribute('aria-invalid')).resolves.toBeNull();
    await accueil.getByRole('button', { name: 'Enregistrer l’accueil et ouvrir le parcours' }).click();
    await accueil.getByRole('heading', { name: 'Accueil enregistré' }).waitFor();
    await accueil
      .locator('#territoire-oriente')
      .getByText(/Suivi par le territoire/)
      .waitFor();
    await ecran(accueil, '08-accueil-enregistre');
    const samia = await banc.stack.db.usager.findFirstOrThrow({ where: { nom: 'Lefèvre', prenom: 'Samia' } });
    expect(samia.smsConsentementLe).not.toBeNull();

    // The dossier, as the accueil agent sees it: no évaluation offered to a role that cannot do it.
    await accueil.getByRole('link', { name: 'Ouvrir le dossier social' }).click();
    await accueil.getByRole('heading', { name: 'Dossier social de Samia Lefèvre' }).waitFor();
    await accueil.getByText('Briare').first().waitFor();
    await expect(accueil.getByRole('link', { name: 'Évaluer' }).count()).resolves.toBe(0);
    await ecran(accueil, '09-dossier-vu-par-l-accueil');

    // A second accueil with the same name and birth date: the person may already be known.
    await accueil
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Premier accueil' })
      .click();
    await champ(accueil, 'Nom *').fill('Lefèvre');
    await champ(accueil, 'Prénom *').fill('Samia');
    await champ(accueil, 'Date de naissance').fill('1990-04-12');
    await accueil.getByText('Cette personne est peut-être déjà connue').waitFor();
    await ecran(accueil, '10-accueil-doublon-possible');

    // Évaluateur: the parcours is in their actions; an empty synthesis is refused on its field.
    const evaluateur = (await banc.nouvellePage({ agentId: agents.evaluateur, nom: 'elise', role: 'agent' })).page;
    await evaluateur.goto('/mes-actions');
    const ligne = evaluateur.getByRole('row', { name: /Samia Lefèvre/ });
    await ligne.getByRole('link', { name: /Évaluer/ }).waitFor();
    await ecran(evaluateur, '11-mes-actions-evaluateur');
    await ligne.getByRole('link', { name: /Évaluer/ }).click();
    await evaluateur.getByRole('heading', { name: 'Évaluation globale', level: 1 }).waitFor();
    await evaluateur.getByText('Orientation vers l’équipe pluridisciplinaire').click();
    await evaluateur.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await evaluateur.locator('#resume-erreurs').getByRole('link', { name: 'Synthèse' }).waitFor();
    await ecran(evaluateur, '12-evaluation-erreur');
    const constats = evaluateur.getByRole('textbox', { name: /^Constat/ });
    await constats.nth(0).fill('Hébergée chez un tiers depuis trois mois.');
    await constats.nth(1).fill('Sans emploi, RSA ouvert.');
    await champ(evaluateur, 'Synthèse *').fill('Besoin d’un accompagnement global logement et insertion.');
    await evaluateur.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await evaluateur.getByText('Évaluation enregistrée.').waitFor();
    await evaluateur.getByRole('table', { name: /Évaluation globale du/ }).waitFor();
    await ecran(evaluateur, '13-dossier-apres-evaluation');

    // Cadre: the board, then the équipe's decisions from the row.
    const cadre = (await banc.nouvellePage({ agentId: agents.cadre, nom: 'claude', role: 'cadre' })).page;
    await cadre.goto('/tableau-de-bord');
    await cadre.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    const ligneCadre = cadre.getByRole('row', { name: /Samia Lefèvre/ });
    await ligneCadre.getByRole('link', { name: /Orienter/ }).waitFor();
    await cadre.getByRole('heading', { name: 'Attente et retards par étape' }).waitFor();
    await ecran(cadre, '14-tableau-de-bord');
    await ligneCadre.getByRole('link', { name: /Orienter/ }).click();
    await cadre.getByRole('heading', { name: 'Orientation', level: 1 }).waitFor();
    await cadre.getByText('Accompagnement par le département').click();
    await choisir(cadre, /Type d’accompagnement/, 'Social');
    await ecran(cadre, '15-orientation');
    await cadre.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await cadre.getByText('Orientation enregistrée.').waitFor();
    await cadre.getByRole('link', { name: 'Désigner le référent' }).click();
    await cadre.getByRole('heading', { name: 'Désignation du référent de parcours' }).waitFor();
    await cadre.getByText(/^Propositions classées/).waitFor();
    await choisir(cadre, /Référent de parcours/, new RegExp(`^${nomAgent(agents.referent)}`));
    await cadre.getByText('La personne a donné son accord pour ce référent *').click();
    await ecran(cadre, '16-designation-referent');
    await cadre.getByRole('button', { name: 'Désigner le référent' }).click();
    await cadre.getByText('Référent désigné.').waitFor();
    await cadre.getByText(nomAgent(agents.referent)).first().waitFor();

    // Référent: the plan, then the first revue.
    const referent = (await banc.nouvellePage({ agentId: agents.referent, nom: 'remi', role: 'agent' })).page;
    await referent.goto('/mes-actions');
    await referent
      .getByRole('row', { name: /Samia Lefèvre/ })
      .getByRole('link', { name: /Établir le plan/ })
      .click();
    await referent.getByRole('heading', { name: 'Plan d’accompagnement', level: 1 }).waitFor();
    await champ(referent, 'Objectif *').fill('Accéder à un logement autonome');
    await ecran(referent, '17-plan');
    await referent.getByRole('button', { name: 'Enregistrer le plan' }).click();
    await referent.getByText('Plan d’accompagnement enregistré.').waitFor();
    await referent.getByRole('link', { name: 'Faire la revue' }).click();
    await referent.getByRole('heading', { name: 'Revue de parcours', level: 1 }).waitFor();
    await champ(referent, 'Synthèse de la revue *').fill('Dossier de demande de logement social déposé.');
    await referent.getByText('Poursuite de l’accompagnement').click();
    await ecran(referent, '18-revue');
    await referent.getByRole('button', { name: 'Enregistrer la revue' }).click();
    await referent.getByText('Revue enregistrée.').waitFor();
    await referent.getByRole('table', { name: 'Revues' }).waitFor();
    await referent
      .getByRole('table', { name: /Plan d’accompagnement/ })
      .getByText('En cours')
      .waitFor();
    // Who followed the person, period by period: the équipe alone, then with its référent.
    await referent
      .getByRole('table', { name: 'Suivi du parcours' })
      .getByRole('row', { name: new RegExp(`en cours .* ${nomAgent(agents.referent)}`) })
      .waitFor();
    await ecran(referent, '19-dossier-accompagnement');
    // The contract the person signs, downloaded from the dossier as the agent would.
    const [telechargement] = await Promise.all([
      referent.waitForEvent('download'),
      referent.getByRole('link', { name: 'Contrat d’engagement (PDF)' }).click(),
    ]);
    const contrat = fs.readFileSync(await telechargement.path());
    expect(contrat.subarray(0, 5).toString()).toBe('%PDF-');

    // Identity correction from the dossier (journaled).
    await referent.getByRole('button', { name: 'Corriger l’identité' }).click();
    await champ(referent, 'Téléphone').fill('02 38 00 00 00');
    await ecran(referent, '20-correction-identite');
    await referent.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await referent.getByText('02 38 00 00 00').waitFor();

    // Administrator: the access journal names the agents who read and wrote.
    const admin = (await banc.nouvellePage({ agentId: agents.administrateur, nom: 'adele', role: 'agent' })).page;
    // Administrators land on the access journal (their menu's first entry).
    await admin.goto('/');
    await admin.getByRole('heading', { name: 'Journal des accès', level: 1 }).waitFor();
    // Other suites write to the same journal at the same time: the référent's own entries, by the agent filter.
    await admin.getByRole('button', { name: /Agent/ }).click();
    await admin.getByRole('option', { name: nomAgent(agents.referent) }).click();
    const duReferent = await banc.stack.db.auditAcces.count({ where: { agentId: agents.referent } });
    await admin.getByText(`Accès journalisés (${duReferent})`).waitFor();
    await admin
      .getByText(/Correction d’identité/)
      .first()
      .waitFor();
    await ecran(admin, '21-journal-des-acces');
    // The flows of this parcours counted in the public statistics (the figure itself may be a hidden small cell).
    await admin.goto('/statistiques');
    await admin
      .getByRole('table', { name: 'Passages d’une étape à la suivante' })
      .getByRole('row', { name: /Évaluation globale Orientation/ })
      .waitFor();
    await ecran(admin, '22-statistiques-publiques');

    const p = await banc.stack.db.parcours.findFirstOrThrow({
      where: { usager: { nom: 'Lefèvre', prenom: 'Samia' } },
      include: { evenements: true, usager: true },
    });
    expect(p.etape).toBe('accompagnement');
    expect(p.referentId).toBe(agents.referent);
    expect(p.usager.communeCode).toBe('45053');
    expect(p.usager.telephone).toBe('02 38 00 00 00');
    expect(p.evenements.map((e) => e.type)).toEqual(expect.arrayContaining(['accueil', 'evaluation', 'plan', 'revue']));
  });
});
