/**
 * Done when of issue 13 (sites): an administrateur adds a CCAS in a screen, and the coverage map and the
 * routing suggestions at accueil change at once. The commune is the one farthest from any active site; the
 * coverage is read at 10 km (at the Loiret's 20 km, every commune is already within reach).
 */
import { chargerReferentiel } from '../../imports/referentiel';
import { carteCouverture } from '../../lecture/couverture';
import { nouvelAgent } from '../support/parcours';
import type { Commune } from '../../generated/prisma/client';
import { demarrerBanc, ecran, type Banc } from './navigateur';

const echapper = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Lieux d’accueil et couverture, dans Chromium', () => {
  let banc: Banc;
  const nom = `CCAS d’essai ${Date.now()}`;
  const importe = `Point d’accueil importé ${Date.now()}`;
  beforeAll(async () => {
    banc = await demarrerBanc();
    await chargerReferentiel(banc.stack.db);
  });
  afterAll(async () => {
    // The database is shared: the site added here leaves the coverage of the other suites.
    await banc?.stack.db.lieuAccueil.updateMany({ where: { nom: { in: [nom, importe] } }, data: { actif: false } });
    await banc?.stop();
  });

  it('un administrateur ajoute un CCAS : la carte de couverture et les lieux proposés à l’accueil changent aussitôt', async () => {
    const { db } = banc.stack;
    const admin = await nouvelAgent(db, ['administrateur'], null, 'admin-sites');
    const accueil = await nouvelAgent(db, ['accueil'], 'loiret-t01-ep', 'accueil-sites');
    const carte = await carteCouverture(db, { departement: 'loiret', codeInsee: '45' }, 10, 'toutes');
    const loin = [...carte.communes].sort((a, b) => (b.distanceKm ?? 0) - (a.distanceKm ?? 0))[0]!;
    const { codesPostaux } = await db.commune.findUniqueOrThrow({ where: { code: loin.code } });
    const option = new RegExp(`^${echapper(loin.nom)} `);

    const { page } = await banc.nouvellePage({ agentId: admin, nom: 'Admin', role: 'agent' });
    const couvertureA10km = async () => {
      await page.goto('/gestion/couverture');
      await page.getByRole('img', { name: /Carte des \d+ communes/ }).waitFor();
      await page.getByLabel('Distance limite (km)').fill('10');
      await page.getByRole('button', { name: 'Afficher la carte' }).click();
      await page.getByRole('img', { name: /au-delà de 10 km/ }).waitFor();
    };
    await couvertureA10km();
    const horsPortee = page.getByRole('table', { name: /Communes à plus de 10 km/ });
    await horsPortee.getByRole('row', { name: option }).waitFor();
    expect(await page.locator(`circle[data-commune="${loin.code}"]`).getAttribute('data-classe')).toBe('hors');
    await page.getByText(/Lieux comptés : .*Liste nationale des France services \(ANCT\) : \d+/).waitFor();
    await ecran(page, 'couverture-carte');

    // "What if": the commune clicked on the map, the figure before and after, nothing saved.
    await page.locator(`circle[data-commune="${loin.code}"]`).click();
    await expect(page.getByRole('combobox', { name: 'Commune où envisager un lieu' }).inputValue()).resolves.toBe(
      loin.nom,
    );
    await page.getByRole('button', { name: 'Calculer la couverture avec ce lieu' }).click();
    const resultat = page.getByRole('status').filter({ hasText: `Avec un lieu d’accueil à ${loin.nom}` });
    await resultat.getByText(/Désormais à portée : .*/).waitFor();
    expect(await resultat.textContent()).toContain(loin.nom);
    expect(await page.locator(`circle[data-commune="${loin.code}"]`).getAttribute('data-classe')).toBe('proche');
    await ecran(page, 'couverture-simulation');
    expect(await db.lieuAccueil.count({ where: { nom } })).toBe(0);

    // Saved as a CCAS, from the sites screen the simulation leads to (the commune filled in).
    await page.getByRole('link', { name: `Enregistrer un lieu d’accueil à ${loin.nom}` }).click();
    const formulaire = page.getByRole('form', { name: 'Ajouter un lieu d’accueil' });
    await expect(formulaire.getByRole('combobox', { name: /^Commune/ }).inputValue()).resolves.toBe(loin.nom);
    await formulaire.getByRole('textbox', { name: /^Nom/ }).fill(nom);
    await formulaire.getByLabel('Latitude').fill('12');
    await formulaire.getByRole('button', { name: 'Ajouter le lieu' }).click();
    await page
      .getByText('Indiquer la latitude et la longitude, ou aucune des deux (centre de la commune).')
      .first()
      .waitFor();
    await ecran(page, 'sites-erreur');
    await formulaire.getByLabel('Latitude').fill('');
    await formulaire.getByLabel('Lundi').fill('9h-12h / 14h-17h');
    await formulaire.getByRole('button', { name: 'Ajouter le lieu' }).click();
    await page
      .getByRole('row', { name: new RegExp(echapper(nom)) })
      .getByText('CCAS', { exact: true })
      .waitFor();
    await ecran(page, 'sites-liste');
    expect(await db.lieuAccueil.findFirstOrThrow({ where: { nom } })).toMatchObject({
      type: 'ccas',
      communeCode: loin.code,
      source: 'saisie',
      actif: true,
    });

    // The map, at once: the commune is within reach, drawn as such, and the site is counted as entered.
    await couvertureA10km();
    await page.getByText(/Saisi dans le produit : \d+/).waitFor();
    expect(await page.locator(`circle[data-commune="${loin.code}"]`).getAttribute('data-classe')).toBe('proche');
    expect(await horsPortee.getByRole('row', { name: option }).count()).toBe(0);

    // The routing suggestions at accueil, at once: the new CCAS first for that commune, at 0 km.
    const agent = await banc.nouvellePage({ agentId: accueil, nom: 'Accueil', role: 'agent' });
    await agent.page.goto('/premier-accueil');
    await agent.page.getByRole('combobox', { name: /Commune de résidence/ }).fill(codesPostaux[0]!);
    await agent.page.getByRole('option', { name: option }).click();
    const proches = agent.page.getByRole('table', { name: `Lieux d’accueil les plus proches de ${loin.nom}` });
    await proches.getByRole('row', { name: new RegExp(`${echapper(nom)}.*CCAS.*0 km`) }).waitFor();
    await ecran(agent.page, 'accueil-lieux-proches');

    // Deactivated in the screen: counted nowhere again.
    await page.goto('/gestion/sites');
    await page.getByRole('button', { name: `Modifier ${nom}` }).click();
    const modification = page.getByRole('form', { name: `Modifier ${nom}` });
    await modification.getByText('Lieu actif').click();
    await modification.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page
      .getByRole('row', { name: new RegExp(echapper(nom)) })
      .getByText('Désactivé')
      .waitFor();
    await agent.page.reload();
    await agent.page.getByRole('combobox', { name: /Commune de résidence/ }).fill(codesPostaux[0]!);
    await agent.page.getByRole('option', { name: option }).click();
    await proches.waitFor();
    expect(await proches.getByRole('row', { name: new RegExp(echapper(nom)) }).count()).toBe(0);
  });

  it('importe la liste des sites du département : aperçu ligne par ligne, puis confirmation', async () => {
    const { db } = banc.stack;
    const admin = await nouvelAgent(db, ['administrateur'], null, 'admin-import-sites');
    const fichier = Buffer.from(
      ['Type;Nom;Code INSEE;Lundi', `Partenaire;${importe};45234;9h-12h`, 'Mairie;Accueil de mairie;45234;'].join('\n'),
    );
    const { page } = await banc.nouvellePage({ agentId: admin, nom: 'Admin', role: 'agent' });
    await page.goto('/gestion/sites');
    await page.getByRole('button', { name: 'Importer une liste' }).click();
    await page.getByText('Liste des sites du département', { exact: true }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'sites.csv', mimeType: 'text/csv', buffer: fichier });
    await page.getByText('Fichier choisi : sites.csv').waitFor();
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByText('2 lignes : 1 lieu ajouté, 0 lieu modifié, 0 inchangé, 1 ligne refusée.').waitFor();
    const detail = page.getByRole('table', { name: 'Lignes ajoutées, modifiées ou refusées' });
    await detail.getByRole('cell', { name: /^Type : Type attendu : Site du département, CCAS/ }).waitFor();
    await ecran(page, 'sites-import-apercu');
    expect(await db.lieuAccueil.count({ where: { nom: importe } })).toBe(0);

    await page.getByRole('button', { name: 'Appliquer 1 changement' }).click();
    await page.getByRole('status').filter({ hasText: 'Liste importée' }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(echapper(importe)) })
      .getByText('Partenaire', { exact: true })
      .waitFor();
    await ecran(page, 'sites-import-applique');
    expect(await db.lieuAccueil.findFirstOrThrow({ where: { nom: importe } })).toMatchObject({
      type: 'partenaire',
      source: 'liste-departement',
    });
  });

  it('importe un fichier des communes de data.gouv.fr : aperçu ligne par ligne, puis confirmation', async () => {
    const { db } = banc.stack;
    const admin = await nouvelAgent(db, ['administrateur'], null, 'admin-import-communes');
    // A commune from the middle of the list, its population changed then put back (the database is shared).
    const [inchangee, changee] = (
      await db.commune.findMany({ where: { departement: '45' }, orderBy: { code: 'asc' } })
    ).slice(200, 202) as [Commune, Commune];
    const eure = await db.commune.findFirstOrThrow({ where: { departement: '27' } });
    const ligne = (c: Commune, population = c.population) =>
      [c.code, c.nom, 'COM', c.departement, population, c.latitude, c.longitude].join(',');
    const fichier = Buffer.from(
      [
        'code_insee,nom_standard,typecom,dep_code,population,latitude_centre,longitude_centre',
        ligne(inchangee),
        ligne(changee, (changee.population ?? 0) + 7),
        ligne(eure),
        `45999,,COM,45,12,nord,2.1`,
      ].join('\n'),
    );
    try {
      const { page } = await banc.nouvellePage({ agentId: admin, nom: 'Admin', role: 'agent' });
      await page.goto('/gestion/sites');
      await page.getByRole('button', { name: 'Importer un fichier des communes' }).click();
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'communes-france.csv', mimeType: 'text/csv', buffer: fichier });
      await page.getByText('Fichier choisi : communes-france.csv').waitFor();
      await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
      await page
        .getByText(/^4 lignes : 0 commune nouvelle, 1 commune modifiée, 1 inchangée, 1 ligne refusée/)
        .waitFor();
      const detail = page.getByRole('table', { name: 'Communes nouvelles, modifiées ou refusées' });
      await detail.getByRole('row', { name: new RegExp(`${echapper(changee.nom)} Modifiée population`) }).waitFor();
      await detail.getByRole('cell', { name: /^nom_standard : Ce champ est requis\./ }).waitFor();
      await ecran(page, 'communes-import-apercu');
      expect((await db.commune.findUniqueOrThrow({ where: { code: changee.code } })).population).toBe(
        changee.population,
      );

      await page.getByRole('button', { name: 'Appliquer 1 changement' }).click();
      await page.getByRole('status').filter({ hasText: 'Fichier des communes importé' }).waitFor();
      await ecran(page, 'communes-import-applique');
      expect((await db.commune.findUniqueOrThrow({ where: { code: changee.code } })).population).toBe(
        (changee.population ?? 0) + 7,
      );
    } finally {
      await db.commune.update({ where: { code: changee.code }, data: { population: changee.population } });
    }
  });
});
