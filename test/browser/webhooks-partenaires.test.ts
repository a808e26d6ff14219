/**
 * The administrators' screen of partners' webhooks, in Chromium: subscribe a partner (its secret shown once),
 * follow a delivery refused with 410 (the subscription is deactivated), reactivate it and replay the delivery.
 * Every state passes axe-core.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { comme, nouvelleEquipe } from '../support/parcours';
import { demarrerBanc, ecran, type Banc } from './navigateur';
import request from 'supertest';

describe('Systèmes partenaires (webhooks), dans Chromium', () => {
  let banc: Banc;
  let recepteur: http.Server;
  const reponses = [410, 200];
  const recus: number[] = [];
  beforeAll(async () => {
    // The partner's receiver: refuses for good (410) the first delivery, then accepts.
    recepteur = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const statut = reponses.length > 1 ? reponses.shift()! : reponses[0]!;
        recus.push(statut);
        res.writeHead(statut).end();
      });
    });
    await new Promise<void>((r) => recepteur.listen(0, '127.0.0.1', r));
    banc = await demarrerBanc();
  });
  afterAll(async () => {
    await banc?.stack.db.abonnementWebhook.updateMany({
      where: { partenaire: 'CCAS d’essai' },
      data: { actif: false },
    });
    recepteur.closeAllConnections();
    await new Promise((r) => recepteur.close(r));
    await banc?.stop();
  });

  it('abonne un partenaire, montre le secret une fois, puis réactive et rejoue une livraison refusée', async () => {
    const { db, app } = banc.stack;
    const equipe = await nouvelleEquipe(db);
    const { page } = await banc.nouvellePage({ agentId: equipe.agents.administrateur, nom: 'Admin', role: 'agent' });
    await page.goto('/partenaires');
    await page.getByRole('heading', { name: 'Systèmes partenaires' }).waitFor();
    await page
      .getByText('Aucun partenaire abonné.')
      .or(page.getByRole('table', { name: 'Abonnements' }))
      .waitFor();
    // Errors by field first.
    await page.getByRole('button', { name: 'Abonner le partenaire' }).click();
    await page.getByRole('link', { name: 'Partenaire', exact: true }).waitFor();
    await page.getByText('Choisir au moins un type d’événement.').first().waitFor();
    await ecran(page, 'webhooks-erreurs');

    await page.getByRole('textbox', { name: 'Partenaire' }).fill('CCAS d’essai');
    const adresse = `http://127.0.0.1:${(recepteur.address() as AddressInfo).port}/evenements`;
    await page.getByRole('textbox', { name: 'Adresse de réception' }).fill(adresse);
    // Other suites' subscriptions may be listed above (same département): the form's own box.
    const formulaire = page.getByRole('form', { name: 'Nouvel abonnement' });
    await formulaire.getByText('Premier accueil', { exact: true }).click();
    // Its own territoire only: the other suites' parcours (same département) never reach this receiver.
    const { nom: territoire } = await db.territoire.findUniqueOrThrow({ where: { id: equipe.territoireId } });
    await formulaire.getByText(territoire, { exact: true }).click();
    await page.getByRole('button', { name: 'Abonner le partenaire' }).click();
    const secret = await page.locator('code.secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    const rangee = page.getByRole('row', { name: /CCAS d’essai/ });
    await rangee.getByText('Actif').waitFor();
    await rangee.getByRole('cell', { name: territoire, exact: true }).waitFor();
    await ecran(page, 'webhooks-abonne');
    const abonnement = await db.abonnementWebhook.findFirstOrThrow({
      where: { partenaire: 'CCAS d’essai', actif: true },
    });
    expect(abonnement.secret).toBe(secret);
    expect(abonnement.territoireIds).toEqual([equipe.territoireId]);

    // An event: the receiver refuses it for good, the subscription is deactivated.
    const ouverture = await request(app)
      .post('/parcours')
      .set(comme(equipe.agents.accueil))
      .send({
        usager: { nom: 'Partenaire', prenom: 'Essai' },
        accueil: { besoins: [{ domaine: 'logement' }], consentement: true },
        routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Essai' },
      });
    expect(ouverture.status).toBe(201);
    for (
      let i = 0;
      i < 200 && (await db.abonnementWebhook.findUniqueOrThrow({ where: { id: abonnement.id } })).actif;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    await page.reload();
    const ligne = page.getByRole('row', { name: /CCAS d’essai/ });
    await ligne.getByText('Le destinataire a répondu 410 (Gone).').waitFor();
    await ecran(page, 'webhooks-desactive');

    await ligne.getByRole('button', { name: 'Réactiver l’abonnement de CCAS d’essai' }).click();
    await ligne.getByText('Actif').waitFor();
    await ligne.getByRole('button', { name: 'Voir les livraisons à CCAS d’essai' }).click();
    const journal = page.getByRole('table', { name: /dernières livraisons/ });
    const echec = journal.getByRole('row').filter({ hasText: 'En échec' }).first();
    await echec.getByText('Réponse 410').waitFor();
    await ecran(page, 'webhooks-journal');
    await echec.getByRole('button', { name: /Rejouer la livraison/ }).click();
    await page.getByRole('button', { name: 'Actualiser les livraisons' }).waitFor();
    // Replaying first marks the delivery pending: wait for the receiver to get it, then for the journal to show
    // it delivered (other suites' events may be listed too: all delivered or pending).
    for (let i = 0; i < 100 && (recus.length < 2 || (await journal.getByText('En échec').count())); i++) {
      await page.getByRole('button', { name: 'Actualiser les livraisons' }).click();
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await journal.getByText('En échec').count()).toBe(0);
    expect(recus.slice(0, 2)).toEqual([410, 200]);
    await ecran(page, 'webhooks-rejoue');
  });
});
