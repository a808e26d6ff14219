import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { chargerReferentiel } from '../../imports/referentiel';
import { routerUsager } from '../../lecture/routage';
import { demarrerBanc, choisir, ecran, type Banc } from './navigateur';

/**
 * The follow-up of a parcours through its screens, each by the role that does it: the référent's actions in
 * accompaniment (rendez-vous, prolongation, relance, suspension, reprise, réorientation request, the message
 * log), the cadre's clôture, the search, a page that does not exist, a partner's journey and its restricted
 * view, the administrator's answer to a right-of-access request. Every screen passes axe-core and is saved.
 */
describe('Le suivi d’un parcours par les écrans, dans Chromium', () => {
  let banc: Banc;
  const id = randomUUID().slice(0, 8);
  // Real-looking names: screens show names, never ids (ecran() checks it).
  const agents = {
    cadre: { id: `cadre-${id}`, prenom: 'Hélène', nom: 'Marchand' },
    referent: { id: `referent-${id}`, prenom: 'Karim', nom: 'Benali' },
    partenaire: { id: `partenaire-${id}`, prenom: 'Lucie', nom: 'Fontaine' },
    administrateur: { id: `administrateur-${id}`, prenom: 'Paul', nom: 'Lemaire' },
  };
  // The usager's family name, unique to this run: other suites write persons into the same database.
  // (Written in letters outside a-f: it must not read as an id.)
  const famille = `Lefèvre-${[...id].map((c) => 'ghijklmnopqrstuv'[parseInt(c, 16)]).join('')}`;
  let usagerId = '';
  let parcoursId = '';

  const ouvrir = async (qui: keyof typeof agents) =>
    (await banc.nouvellePage({ agentId: agents[qui].id, nom: agents[qui].prenom, role: 'agent' })).page;
  /** From the dossier, an action by its button, its form's title, then back to the dossier with its message. */
  const agir = async (page: Page, bouton: string, titre: string, remplir: () => Promise<void>, fait: string) => {
    await page
      .getByRole('list', { name: 'Actions possibles' })
      .getByRole('link', { name: bouton, exact: true })
      .click();
    await page.getByRole('heading', { name: titre, level: 1 }).waitFor();
    await remplir();
    await ecran(page, `50-action-${bouton.toLowerCase().replace(/[^a-z]+/g, '-')}`);
    await page.getByRole('button', { name: bouton, exact: true }).click();
    await page.getByText(fait).waitFor();
    await page.getByRole('heading', { name: new RegExp(`^Dossier social de`) }).waitFor();
  };

  beforeAll(async () => {
    banc = await demarrerBanc();
    const { db } = banc.stack;
    await chargerReferentiel(db);
    // Saint-Jean-de-la-Ruelle's équipe follows the person (territoire 03: no other test file uses it, and some
    // count an équipe's référents); the partner (a CCAS) belongs to no équipe.
    const { equipeId } = (await routerUsager(db, 'loiret', '45285'))!;
    const agent = (a: (typeof agents)[keyof typeof agents], roles: string[], equipe: string | null) => ({
      ...a,
      departement: 'loiret',
      equipeId: equipe,
      email: `${a.id}@cd45.invalid`,
      roles,
      capacite: roles.includes('referent') ? 30 : 0,
    });
    await db.agent.createMany({
      data: [
        agent(agents.cadre, ['cadre'], equipeId),
        agent(agents.referent, ['referent'], equipeId),
        agent(agents.partenaire, ['partenaire'], null),
        agent(agents.administrateur, ['administrateur'], null),
      ],
    });
    // To accompaniment through the API, as the screens tested elsewhere (parcours-roles) would.
    const cadre = agents.cadre.id;
    const p = await banc.post(
      '/parcours',
      {
        usager: { nom: famille, prenom: 'Inès', communeCode: '45285', email: 'ines@exemple.invalid' },
        accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
      },
      cadre,
    );
    parcoursId = p.id;
    await banc.post(
      `/parcours/${p.id}/evaluation`,
      {
        diagnostic: [{ domaine: 'logement', constat: 'Expulsion annoncée', besoinAccompagnement: true }],
        conclusion: 'orientation',
        synthese: 'Accompagnement social nécessaire',
      },
      cadre,
    );
    await banc.post(
      `/parcours/${p.id}/orientation`,
      { decision: 'accompagnement', typeAccompagnement: 'social' },
      cadre,
    );
    await banc.post(`/parcours/${p.id}/referent`, { referentId: agents.referent.id, accordUsager: true }, cadre);
    usagerId = (await db.parcours.findUniqueOrThrow({ where: { id: p.id } })).usagerId;
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('le référent suit le parcours : rendez-vous, prolongation, relance, suspension, reprise, réorientation', async () => {
    const page = await ouvrir('referent');
    await page.goto('/mes-actions');
    await page.getByRole('heading', { name: 'Mes actions' }).waitFor();
    const ligne = page.getByRole('row', { name: new RegExp(`Inès ${famille}`) });
    await ligne.getByRole('link', { name: /Établir le plan/ }).waitFor();
    await ecran(page, '49-mes-actions-referent');
    await ligne.getByRole('link', { name: `Inès ${famille}`, exact: true }).click();
    await page.getByRole('heading', { name: `Dossier social de Inès ${famille}` }).waitFor();

    const dans = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await agir(
      page,
      'Planifier un rendez-vous',
      'Planifier un rendez-vous',
      async () => {
        await page.getByLabel('Date', { exact: false }).first().fill(dans);
        await page.getByRole('textbox', { name: /^Heure/ }).fill('10:30');
        await page.getByRole('textbox', { name: /^Lieu/ }).fill('Maison du département, Saint-Jean-de-la-Ruelle');
        await page.getByRole('textbox', { name: /^Objet/ }).fill('Point sur la demande de logement');
      },
      'Rendez-vous planifié.',
    );
    await page.getByRole('table', { name: 'Rendez-vous' }).getByText('Point sur la demande de logement').waitFor();

    // A prolongation without its number of days is refused on that field, then accepted.
    await page.getByRole('list', { name: 'Actions possibles' }).getByRole('link', { name: 'Prolonger' }).click();
    await page.getByRole('heading', { name: 'Prolonger le délai', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: /^Motif/ }).fill('Attente de la commission logement');
    await page.getByRole('button', { name: 'Prolonger', exact: true }).click();
    await page.locator('#resume-erreurs').getByRole('link', { name: 'Nombre de jours' }).waitFor();
    await ecran(page, '51-prolongation-erreur');
    await page.getByRole('textbox', { name: /^Nombre de jours/ }).fill('15');
    await page.getByRole('button', { name: 'Prolonger', exact: true }).click();
    await page.getByText('Délai prolongé.').waitFor();

    await agir(
      page,
      'Relancer',
      'Relancer',
      () => page.getByRole('textbox', { name: /^Message/ }).fill('Merci de confirmer le rendez-vous.'),
      'Relance envoyée.',
    );
    await agir(
      page,
      'Suspendre',
      'Suspendre le parcours',
      () => page.getByRole('textbox', { name: /^Motif/ }).fill('Hospitalisation de la personne'),
      'Parcours suspendu.',
    );
    await page
      .getByText(/Suspendu/)
      .first()
      .waitFor();
    await agir(
      page,
      'Reprendre',
      'Reprendre le parcours',
      () => page.getByRole('textbox', { name: /^Commentaire/ }).fill('Sortie d’hôpital'),
      'Parcours repris.',
    );

    // The message log: the rendez-vous reminder is due later; the manual reminder went to whoever must act.
    await page.getByRole('button', { name: 'Voir les messages envoyés' }).click();
    const messages = page.getByRole('table', { name: 'Messages envoyés' });
    await messages.getByRole('row', { name: /Relance par un agent/ }).waitFor();
    await ecran(page, '52-messages-envoyes');

    await agir(
      page,
      'Demander une réorientation',
      'Demander une réorientation',
      () => page.getByRole('textbox', { name: /^Motif/ }).fill('Un accompagnement professionnel conviendrait mieux'),
      'Réorientation demandée à l’équipe.',
    );
    const evenements = await banc.stack.db.parcoursEvenement.findMany({ where: { parcoursId } });
    expect(evenements.map((e) => e.type)).toEqual(
      expect.arrayContaining(['rendez_vous', 'prolongation', 'relance_manuelle', 'suspension', 'reprise']),
    );
  });

  it('le cadre voit ses actions puis clôt le parcours', async () => {
    const page = await ouvrir('cadre');
    await page.goto('/mes-actions');
    await page.getByRole('heading', { name: 'Mes actions' }).waitFor();
    await page.getByRole('row', { name: new RegExp(`Inès ${famille}`) }).waitFor();
    await ecran(page, '53-mes-actions-cadre');
    await page.goto(`/dossiers/${usagerId}`);
    await page.getByRole('heading', { name: `Dossier social de Inès ${famille}` }).waitFor();
    await agir(
      page,
      'Clore le parcours',
      'Clore le parcours',
      async () => {
        await choisir(page, /Motif de clôture/, 'Objectifs atteints');
        await page.getByRole('textbox', { name: /^Commentaire/ }).fill('Relogée par le bailleur social');
      },
      'Parcours clos.',
    );
    expect((await banc.stack.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } })).statut).toBe('clos');
  });

  it('recherche sans accents ni majuscules, et le dit quand personne ne correspond', async () => {
    const page = await ouvrir('cadre');
    await page.goto('/recherche');
    await page.getByRole('heading', { name: 'Rechercher une personne', level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Nom, prénom' }).fill(famille.toUpperCase().replace('È', 'E'));
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page
      .getByRole('table', { name: /Personnes trouvées/ })
      .getByRole('link', { name: `Inès ${famille}` })
      .waitFor();
    await ecran(page, '54-recherche');
    await page.getByRole('searchbox', { name: 'Nom, prénom' }).fill(`Personne-${id}-inconnue`);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText(/Aucune personne ne correspond/).waitFor();
    await ecran(page, '55-recherche-sans-resultat');
  });

  it('une page qui n’existe pas le dit, avec le chemin du retour', async () => {
    const page = await ouvrir('referent');
    await page.goto('/pas-une-page');
    await page.getByRole('heading', { name: 'Page introuvable', level: 1 }).waitFor();
    await ecran(page, '56-page-introuvable');
    await page.getByRole('link', { name: 'Revenir à l’accueil' }).click();
    await page.getByRole('heading', { name: 'Mes actions' }).waitFor();
  });

  it('le partenaire ouvre un parcours et n’en voit que la vue restreinte', async () => {
    const page = await ouvrir('partenaire');
    await page.goto('/');
    await page.getByRole('heading', { name: 'Mes actions' }).waitFor();
    await ecran(page, '57-mes-actions-partenaire');
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Premier accueil' })
      .click();
    await page.getByRole('heading', { name: 'Premier accueil', level: 1 }).waitFor();
    await page.getByLabel('Nom *', { exact: true }).fill(`Garnier-${famille}`);
    await page.getByLabel('Prénom *', { exact: true }).fill('Yanis');
    await page.getByRole('combobox', { name: /Commune de résidence/ }).fill('Saint-Jean-de-la');
    await page.getByRole('option', { name: /^Saint-Jean-de-la-Ruelle/ }).click();
    await page.getByText('Insertion et emploi', { exact: true }).click();
    await page.getByText('La personne consent au traitement de ses données *').click();
    await page.getByRole('button', { name: 'Enregistrer l’accueil et ouvrir le parcours' }).click();
    await page.getByRole('heading', { name: 'Accueil enregistré' }).waitFor();
    await ecran(page, '58-accueil-par-un-partenaire');
    await page.getByRole('link', { name: 'Ouvrir le dossier social' }).click();
    await page.getByRole('heading', { name: `Dossier social de Yanis Garnier-${famille}` }).waitFor();
    // The restricted view: no action to take, no message log, no document.
    await expect(page.getByRole('list', { name: 'Actions possibles' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Voir les messages envoyés' }).count()).resolves.toBe(0);
    await ecran(page, '59-dossier-vue-restreinte');
    // Someone else's dossier is not theirs to read: the screen says so, without revealing it exists.
    await page.goto(`/dossiers/${usagerId}`);
    await page.getByRole('alert').getByText('Usager introuvable.').waitFor();
    await ecran(page, '60-dossier-hors-perimetre');
  });

  it('l’administrateur répond à une demande de droit d’accès depuis le journal', async () => {
    const page = await ouvrir('administrateur');
    await page.goto('/journal');
    await page.getByRole('heading', { name: 'Journal des accès', level: 1 }).waitFor();
    await choisir(page, /Agent/, `${agents.referent.prenom} ${agents.referent.nom}`);
    await page
      .getByRole('button', { name: `Inès ${famille}` })
      .first()
      .click();
    await page.getByRole('heading', { name: `Accès aux données de Inès ${famille}` }).waitFor();
    await ecran(page, '61-journal-droit-d-acces');
    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Exporter toutes les données/ }).click(),
    ]);
    const donnees = JSON.parse(fs.readFileSync(await telechargement.path(), 'utf8'));
    expect(donnees.usager.nom).toBe(famille);
    expect(donnees.parcours).toHaveLength(1);
  });
});

describe('Sous l’identité d’un autre département, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc({ departement: 'eure' });
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('la connexion et les pages légales portent le nom de l’Eure', async () => {
    const { page } = await banc.nouvellePage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.getByText('Département de l’Eure').first().waitFor();
    await expect(page.getByText('Loiret').count()).resolves.toBe(0);
    await ecran(page, '62-connexion-eure');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Mentions légales' }).click();
    await page.getByRole('heading', { name: 'Mentions légales', level: 1 }).waitFor();
    await page.getByText(/Eure/).first().waitFor();
    await ecran(page, '63-mentions-legales-eure');
  });
});
