/**
 * The cadre's bulk reassignment screen, in Chromium: a référent with nobody to hand over gets a clear message; a
 * référent's open parcours go to a colleague chosen in the list, the screen follows the durable operation and says
 * what it did; the read model shows every parcours with the new référent. Every state passes axe-core.
 */
import { commandeUpdate } from '../../workflows/messages';
import { nomAgent, nouvelAgent, nouvelleEquipe, ouvrirParcours } from '../support/parcours';
import { choisir, demarrerBanc, ecran, type Banc } from './navigateur';

describe('Réassigner les parcours d’un référent, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc();
  });
  afterAll(async () => {
    await banc?.stop();
  });

  it('confie tous les parcours ouverts d’une référente à un collègue et en montre le bilan', async () => {
    const { db, client, taskQueue } = banc.stack;
    const equipe = await nouvelleEquipe(db);
    const repreneur = await nouvelAgent(db, ['referent'], equipe.equipeId, 'repreneur');
    const acteur = equipe.agents.cadre;
    const suivis = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const { handle, parcoursId } = await ouvrirParcours(client, db, taskQueue, {
          routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, mode: 'automatique' },
        });
        await handle.executeUpdate(commandeUpdate('evaluer'), {
          args: [
            {
              acteur,
              donnees: {
                diagnostic: [{ domaine: 'logement', constat: 'Hébergée chez un tiers', besoinAccompagnement: true }],
                synthese: 'Accompagnement nécessaire',
                conclusion: 'orientation',
              },
            },
          ],
        });
        await handle.executeUpdate(commandeUpdate('orienter'), {
          args: [{ acteur, donnees: { decision: 'accompagnement', typeAccompagnement: 'social' } }],
        });
        await handle.executeUpdate(commandeUpdate('designerReferent'), {
          args: [{ acteur, donnees: { referentId: equipe.referentId, accordUsager: true } }],
        });
        return parcoursId;
      }),
    );
    const partante = `referent ${equipe.referentId.slice('referent-'.length)}`;
    const nomRepreneur = nomAgent(repreneur);
    const { page } = await banc.nouvellePage({ agentId: acteur, nom: 'Cadre', role: 'agent' });
    await page.goto('/gestion/reassignation');
    await page.getByRole('heading', { name: 'Réassigner les parcours d’un référent' }).waitFor();
    const table = page.getByRole('table', { name: /Référents/ });
    // The name is the row's header: the first cell counts the open parcours.
    const parcoursSuivis = (nom: string) =>
      table
        .getByRole('row', { name: new RegExp(nom) })
        .getByRole('cell')
        .first();
    await parcoursSuivis(partante).getByText('3', { exact: true }).waitFor();
    await ecran(page, 'reassignation-liste');

    // The colleague follows nothing: nothing to hand over, said plainly.
    await page.getByRole('button', { name: `Réassigner ses parcours, ${nomRepreneur}` }).click();
    await page.getByText(`${nomRepreneur} ne suit aucun parcours ouvert : rien à réassigner.`).waitFor();

    await page.getByRole('button', { name: `Réassigner ses parcours, ${partante}` }).click();
    const formulaire = page.getByRole('form', { name: `Réassigner les parcours de ${partante}` });
    await formulaire.getByRole('button', { name: 'Réassigner 3 parcours' }).click();
    // The motif is required, on its field.
    await formulaire.getByText('Au moins 3 caractères.').first().waitFor();
    await ecran(page, 'reassignation-erreur');
    await choisir(page, /Nouveau référent/, new RegExp(nomRepreneur));
    await formulaire.getByRole('textbox', { name: 'Motif' }).fill('Départ de la référente');
    await formulaire.getByRole('button', { name: 'Réassigner 3 parcours' }).click();
    await page.getByText('Réassignation terminée').waitFor({ timeout: 60_000 });
    await page.getByText(`3 parcours confiés : 3 parcours à ${nomRepreneur}.`).waitFor();
    await ecran(page, 'reassignation-bilan');

    const lignes = await db.parcours.findMany({ where: { id: { in: suivis } }, select: { referentId: true } });
    expect(lignes.map((l) => l.referentId)).toEqual([repreneur, repreneur, repreneur]);
    // The list follows: the référent who left follows nothing now.
    await parcoursSuivis(partante).getByText('0', { exact: true }).waitFor();
    await parcoursSuivis(nomRepreneur).getByText('3', { exact: true }).waitFor();
  });
});
