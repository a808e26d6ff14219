import { nomAgent, nouvelAgent, nouvelleEquipe } from '../support/parcours';
import { choisir, demarrerBanc, ecran, type Banc } from './navigateur';

const jour = (dans: number) => new Date(Date.now() + dans * 86_400_000).toISOString().slice(0, 10);

describe('Absences et intérims, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc();
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('un administrateur enregistre l’absence d’une référente avec l’intérim proposé, puis l’annule', async () => {
    const { db } = banc.stack;
    const admin = await nouvelAgent(db, ['administrateur'], null, 'admin-absences');
    const equipe = await nouvelleEquipe(db);
    const interim = await nouvelAgent(db, ['referent'], equipe.equipeId, 'interim');
    const nomInterim = nomAgent(interim);
    const absente = `referent ${equipe.referentId.slice('referent-'.length)}`;
    const { page } = await banc.nouvellePage({ agentId: admin, nom: 'Admin', role: 'agent' });
    await page.goto('/gestion/absences');
    await page.getByRole('heading', { name: 'Absences et intérims' }).waitFor();

    await page.getByRole('button', { name: 'Enregistrer une absence' }).click();
    const formulaire = page.getByRole('form', { name: 'Enregistrer une absence' });
    await choisir(page, /Agent absent/, absente);
    await formulaire.getByLabel('Premier jour d’absence').fill(jour(40));
    await formulaire.getByLabel('Jour du retour').fill(jour(30));
    await choisir(page, /Motif/, 'Congé');
    await formulaire.getByRole('button', { name: 'Enregistrer l’absence' }).click();
    // The API's message on its field.
    await page.getByText('Le retour doit suivre le début.').first().waitFor();
    await ecran(page, 'absences-erreur');

    await formulaire.getByLabel('Jour du retour').fill(jour(61));
    await choisir(page, /Intérim/, new RegExp(nomInterim));
    await formulaire.getByRole('button', { name: 'Enregistrer l’absence' }).click();
    const ligne = page.getByRole('row', { name: new RegExp(absente) });
    await ligne.getByText('Prévue').waitFor();
    await ligne.getByText(nomInterim).waitFor();
    expect(await db.absence.findFirstOrThrow({ where: { agentId: equipe.referentId } })).toMatchObject({
      interimId: interim,
      motif: 'conge',
      statut: 'prevue',
    });
    await ecran(page, 'absences-liste');

    await ligne.getByRole('button', { name: `Annuler l’absence de ${absente}` }).click();
    await page
      .getByRole('row', { name: new RegExp(absente) })
      .getByText('Annulée')
      .waitFor();
    const annulee = await db.absence.findFirstOrThrow({ where: { agentId: equipe.referentId } });
    expect(annulee.statut).toBe('annulee');
    expect(await db.auditAdministration.count({ where: { objet: 'absence', objetId: annulee.id } })).toBe(2);
  });
});
