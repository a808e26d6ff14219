import { chargerReferentiel } from '../../imports/referentiel';
import { nouvelAgent } from '../support/parcours';
import { beneficiaires, csv } from '../support/flux';
import { demarrerBanc, ecran, type Banc } from './navigateur';

describe('Import d’une liste de bénéficiaires, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc();
    await chargerReferentiel(banc.stack.db);
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('vérifie le fichier, montre les lignes refusées, importe et suit l’avancement', async () => {
    const { db } = banc.stack;
    const admin = await nouvelAgent(db, ['administrateur'], null, 'admin-import');
    const communes = (await db.territoireCommune.findMany({ where: { territoireId: 'loiret-t05' }, take: 3 })).map(
      (c) => c.communeCode,
    );
    const fichier = csv([
      ...beneficiaires(6, communes, 4601),
      ['4601999', 'DEM', 'Sans', 'Date', '', communes[0]!, '', 'demain'],
    ]);
    const { page } = await banc.nouvellePage({ agentId: admin, nom: 'Admin', role: 'agent' });
    await page.goto('/imports');
    await page.getByRole('link', { name: 'Importer une liste' }).waitFor();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'caf-novembre.csv', mimeType: 'text/csv', buffer: fichier });
    await page.getByText('Fichier choisi : caf-novembre.csv').waitFor();
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page
      .getByText('7 lignes : 6 nouvelles personnes, 0 mise à jour, 0 déjà suivie sans changement, 1 ligne refusée')
      .waitFor();
    const refus = page.getByRole('table', { name: /Lignes refusées/ });
    await refus.getByRole('cell', { name: "Date d'ouverture du droit" }).waitFor();
    await refus.getByRole('cell', { name: 'Date attendue au format JJ/MM/AAAA.' }).waitFor();
    await ecran(page, 'import-apercu');

    await page.getByRole('button', { name: 'Importer la liste' }).click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: '6 nouvelles personnes' }).waitFor();
    await ecran(page, 'import-termine');
    expect(await db.parcours.count({ where: { usager: { numeroAllocataire: { startsWith: '4601' } } } })).toBe(6);
    await page.getByRole('table', { name: 'Derniers imports' }).getByText('caf-novembre.csv').waitFor();
  });
});
