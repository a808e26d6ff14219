import { nouvelAgent, nouvelleEquipe } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
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

  it('crée un territoire avec une commune, lui en rattache une autre, et le routage suit', async () => {
    const { db } = banc.stack;
    await chargerReferentiel(db);
    const admin = await nouvelAgent(db, ['administrateur'], null, 'admin-territoires');
    // Two communes of one seed territoire, from the end of the list (the API suite takes from the start).
    const lignes = await db.territoireCommune.findMany({
      where: { territoire: { departement: 'loiret', id: { startsWith: 'loiret-' } } },
      include: { territoire: { include: { _count: { select: { communes: true } } } } },
      orderBy: { communeCode: 'desc' },
    });
    const source = lignes.find((l) => l.territoire._count.communes > 5)!.territoireId;
    const [a, b] = await db.commune.findMany({
      where: { code: { in: lignes.filter((l) => l.territoireId === source).map((l) => l.communeCode) } },
      orderBy: { code: 'desc' },
      take: 2,
    });
    const nom = `Territoire écran ${Date.now()}`;
    try {
      const { page } = await banc.nouvellePage({ agentId: admin, nom: 'Admin', role: 'agent' });
      await page.goto('/gestion/territoires');
      await page.getByRole('table', { name: /Territoires du département/ }).waitFor();
      await ecran(page, 'territoires-liste');

      await page.getByRole('button', { name: 'Créer un territoire' }).click();
      const creation = page.getByRole('form', { name: 'Créer un territoire' });
      await creation.getByLabel('Nom du territoire').fill(nom);
      await creation.getByLabel('Nom de l’équipe pluridisciplinaire').fill(`Équipe de ${nom}`);
      await creation.getByRole('combobox', { name: /Première commune servie/ }).fill(a!.nom);
      await page.getByRole('option', { name: new RegExp(`^${a!.nom}`) }).click();
      await creation.getByText(/quittera le territoire/).waitFor();
      await ecran(page, 'territoires-creation');
      await creation.getByRole('button', { name: 'Créer le territoire' }).click();
      await page.getByRole('heading', { name: nom, level: 2 }).waitFor();
      await page
        .getByRole('table', { name: new RegExp(`Communes servies par ${nom} \\(1\\)`) })
        .getByText(a!.nom)
        .waitFor();
      const t = await db.territoire.findFirstOrThrow({ where: { nom } });
      expect((await db.territoireCommune.findUniqueOrThrow({ where: { communeCode: a!.code } })).territoireId).toBe(
        t.id,
      );

      const rattachement = page.getByRole('form', { name: 'Rattacher une commune' });
      await rattachement.getByRole('combobox', { name: /Commune à rattacher/ }).fill(b!.nom);
      await page.getByRole('option', { name: new RegExp(`^${b!.nom}`) }).click();
      await rattachement.getByText(/Servie aujourd’hui par le territoire/).waitFor();
      await rattachement.getByRole('button', { name: 'Rattacher à ce territoire' }).click();
      await page.getByText(`${b!.nom} est rattachée à ce territoire.`).waitFor();
      await page.getByRole('table', { name: new RegExp(`Communes servies par ${nom} \\(2\\)`) }).waitFor();
      await page
        .getByRole('table', { name: 'Historique des changements' })
        .getByText(/Communes : 1 commune → 2 communes/)
        .waitFor();
      await ecran(page, 'territoires-fiche');
      expect((await db.territoireCommune.findUniqueOrThrow({ where: { communeCode: b!.code } })).territoireId).toBe(
        t.id,
      );

      // A second équipe; the first one cannot be deactivated while an agent is in it; the second one can.
      const premiere = await db.equipe.findFirstOrThrow({ where: { territoireId: t.id } });
      await nouvelAgent(db, ['referent'], premiere.id, 'agent-equipe-ecran');
      const ajout = page.getByRole('form', { name: 'Ajouter une équipe' });
      await ajout.getByLabel('Nom de la nouvelle équipe').fill(`Équipe bis de ${nom}`);
      await ajout.getByRole('button', { name: 'Créer l’équipe' }).click();
      await page.getByText(`L’équipe « Équipe bis de ${nom} » est créée dans ce territoire.`).waitFor();
      await page.getByRole('heading', { name: `Équipe bis de ${nom} Active`, level: 4 }).waitFor();
      await ecran(page, 'territoires-equipe-ajoutee');
      // The creation reloads the territoire's lists: once they have arrived, the forms no longer re-render.
      await page.waitForLoadState('networkidle');
      await page
        .getByRole('form', { name: `Désactiver ${premiere.nom}` })
        .getByRole('button', { name: 'Désactiver l’équipe' })
        .click();
      await page.getByText(/a encore 1 agent actif : confiez-les à une autre équipe/).waitFor();
      await ecran(page, 'territoires-equipe-refus');
      await page
        .getByRole('form', { name: `Désactiver Équipe bis de ${nom}` })
        .getByRole('button', { name: 'Désactiver l’équipe' })
        .click();
      await page
        .getByText(`L’équipe « Équipe bis de ${nom} » est désactivée : elle ne reçoit plus personne.`)
        .waitFor();
      await page
        .getByRole('table', { name: /Équipes du département/ })
        .getByRole('row', { name: new RegExp(`Équipe bis de ${nom}.*Désactivée`) })
        .waitFor();
      await ecran(page, 'territoires-equipe-desactivee');
      expect(await db.equipe.findFirstOrThrow({ where: { nom: `Équipe bis de ${nom}` } })).toMatchObject({
        actif: false,
      });
    } finally {
      await db.agent.updateMany({ where: { equipe: { territoire: { nom } } }, data: { actif: false, equipeId: null } });
      await db.territoireCommune.updateMany({
        where: { communeCode: { in: [a!.code, b!.code] } },
        data: { territoireId: source },
      });
    }
  });

  it('ajoute une structure référente conventionnée, inactive après coup, et la liste le dit', async () => {
    const { db } = banc.stack;
    const admin = await nouvelAgent(db, ['administrateur'], null, 'admin-structures');
    const nom = `Association Écran ${Date.now()}`;
    const { page } = await banc.nouvellePage({ agentId: admin, nom: 'Admin', role: 'agent' });
    await page.goto('/gestion/structures');
    await page.getByRole('heading', { name: 'Structures référentes', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ajouter une structure' }).click();
    const formulaire = page.getByRole('form', { name: 'Ajouter une structure' });
    await formulaire.getByRole('textbox', { name: /^Nom/ }).fill(nom);
    await formulaire.getByRole('button', { name: /Type/ }).click();
    await page.getByRole('option', { name: 'Association conventionnée' }).click();
    await formulaire.getByLabel('Référence de la convention').fill('CONV-ECRAN');
    await formulaire.getByLabel('Début de la convention').fill('2026-01-01');
    await formulaire.getByLabel('Fin de la convention').fill('2025-12-31');
    await formulaire.getByRole('button', { name: 'Ajouter la structure' }).click();
    await page.getByText('La fin de la convention suit son début.').first().waitFor();
    await ecran(page, 'structures-erreur');
    await formulaire.getByLabel('Fin de la convention').fill('2028-12-31');
    await formulaire.getByRole('button', { name: 'Ajouter la structure' }).click();
    const ligne = page.getByRole('row', { name: new RegExp(nom) });
    await ligne.getByText('CONV-ECRAN, du 1 janvier 2026 au 31 décembre 2028').waitFor();
    await ligne.getByText('Active').waitFor();
    await ligne.getByRole('button', { name: `Modifier ${nom}` }).click();
    await page
      .getByRole('form', { name: `Modifier ${nom}` })
      .getByText('Structure active')
      .click();
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page
      .getByRole('row', { name: new RegExp(nom) })
      .getByText('Désactivée')
      .waitFor();
    await ecran(page, 'structures-liste');
    expect(await db.structureReferente.findFirstOrThrow({ where: { nom } })).toMatchObject({
      type: 'association',
      actif: false,
    });
  });
});
