import { randomUUID } from 'node:crypto';
import { chargerReferentiel } from '../../imports/referentiel';
import { routerUsager } from '../../lecture/routage';
import { demarrerBanc, choisir, ecran, type Banc } from './navigateur';

describe('Tableau de bord du cadre, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc();
  });
  afterAll(async () => {
    await banc?.stop();
  });

  /** Calls the API as an agent would (the screens' own path to data). */
  const post = (chemin: string, corps: unknown, agentId: string) => banc.post(chemin, corps, agentId);

  it('voit un parcours en retard en tête du tableau et le réassigne', async () => {
    // In the équipe that follows Gien's residents: a cadre and two référents, and a parcours in accompaniment
    // followed by the first one.
    const id = randomUUID().slice(0, 8);
    const { db } = banc.stack;
    await chargerReferentiel(db);
    const { equipeId } = (await routerUsager(db, 'loiret', '45155'))!;
    const agent = (n: string, prenom: string, roles: string[]) => ({
      id: `${n}-${id}`,
      equipeId,
      departement: 'loiret',
      prenom,
      nom: `Agent ${id}`,
      email: `${n}-${id}@cd45.invalid`,
      roles,
      capacite: 20,
    });
    await db.agent.createMany({
      data: [
        agent('cadre', 'Claire', ['cadre']),
        agent('ref-a', 'Alice', ['referent']),
        agent('ref-b', 'Bruno', ['referent']),
      ],
    });

    const p = await post(
      '/parcours',
      {
        usager: { nom: 'Moreau', prenom: 'Jean', communeCode: '45155' },
        accueil: { besoins: [{ domaine: 'insertion_emploi' }], urgence: false, consentement: true },
      },
      `cadre-${id}`,
    );
    await post(
      `/parcours/${p.id}/evaluation`,
      {
        diagnostic: [{ domaine: 'insertion_emploi', constat: 'Sans emploi', besoinAccompagnement: true }],
        conclusion: 'orientation',
        synthese: 'Orientation nécessaire',
      },
      `cadre-${id}`,
    );
    await post(
      `/parcours/${p.id}/orientation`,
      { decision: 'accompagnement', typeAccompagnement: 'social' },
      `cadre-${id}`,
    );
    await post(`/parcours/${p.id}/referent`, { referentId: `ref-a-${id}`, accordUsager: true }, `cadre-${id}`);
    // The délai expiry itself is tested with time-skipping elsewhere; here the read model says the designation
    // délai passed 5 days ago, and the parcours is urgent.
    const depuis = new Date(Date.now() - 20 * 86_400_000).toISOString();
    const due = new Date(Date.now() - 5 * 86_400_000 - 3_600_000).toISOString();
    await db.parcours.update({
      where: { id: p.id },
      data: {
        enRetard: true,
        urgence: true,
        echeance: new Date(due),
        echeances: [{ code: 'revue', depuis, due, relanceLe: depuis, relanceEnvoyee: true, depassee: true }],
        // And an incident, as the workflow flags it when an activity fails for good (integration/incidents.test.ts).
        incidentLe: new Date(),
        incident: 'Le dossier n’a pas pu être mis à jour après une action : il peut ne pas montrer son état réel.',
      },
    });

    const { page } = await banc.nouvellePage({ agentId: `cadre-${id}`, nom: 'Claire', role: 'cadre' });
    await page.goto('/tableau-de-bord');
    await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    // The charts (Recharts, loaded after the tables), each an image named for what it shows, beside its table.
    await page
      .getByRole('img', { name: /^Parcours en attente à chaque étape, dans les délais et en retard/ })
      .waitFor();
    await page.getByRole('img', { name: /^Flux de parcours entre les étapes/ }).waitFor();
    // Where the cadre's parcours went from each step, in French: this one's orientation is counted.
    const flux = page.getByRole('table', { name: /^Passages d’une étape à la suivante ou à une clôture/ });
    const orientes = flux
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: 'Orientation', exact: true }) })
      .filter({ has: page.getByRole('cell', { name: 'Désignation du référent', exact: true }) });
    expect(Number(await orientes.locator('td').last().innerText())).toBeGreaterThanOrEqual(1);
    await flux.getByRole('rowheader', { name: 'Évaluation globale', exact: true }).first().waitFor();
    const attente = page.getByRole('table', { name: 'Parcours en attente par étape (données du graphique)' });
    await attente.getByRole('rowheader', { name: 'Accompagnement', exact: true }).waitFor();
    await ecran(page, '29-tableau-cadre-graphiques');

    await choisir(page, /Référent$/, `Alice Agent ${id}`);
    const premiereLigne = page
      .getByRole('table', { name: 'Parcours en attente, urgents et en retard d’abord' })
      .locator('tbody tr')
      .first();
    await premiereLigne.getByRole('link', { name: 'Jean Moreau', exact: true }).waitFor();
    // What is stuck, against which rule, how late, how urgent, who must act.
    await premiereLigne.getByText('En retard de 5 jours').waitFor();
    await premiereLigne.getByText(/Revue périodique de l.accompagnement/).waitFor();
    await premiereLigne.getByText('Urgent').waitFor();
    await premiereLigne.getByText(`Alice Agent ${id}`).waitFor();
    await premiereLigne.getByText('Incident technique').waitFor();
    // Incidents above everything else, each with what failed.
    const incidents = page.getByRole('table', { name: 'Parcours en incident technique' });
    await incidents.getByRole('link', { name: 'Jean Moreau', exact: true }).waitFor();
    await incidents.getByText(/n’a pas pu être mis à jour/).waitFor();
    await page.getByRole('heading', { name: 'Attente et retards par étape' }).waitFor();
    await page.getByRole('heading', { name: 'Charge des référents au regard de leur capacité' }).waitFor();
    await ecran(page, '30-tableau-cadre-retard');

    // Direct actions: a reminder to whoever must act, then the reassignment with its reason.
    await premiereLigne.getByRole('button', { name: /^Relancer/ }).click();
    await page.getByText('Relance envoyée. (Jean Moreau)').waitFor();
    await premiereLigne.getByRole('link', { name: /^Réassigner/ }).click();
    await page.getByRole('heading', { name: 'Changer de référent', level: 1 }).waitFor();
    await page.getByText(/^Propositions classées/).waitFor();
    await choisir(page, /Référent de parcours/, new RegExp(`^Bruno Agent ${id}`));
    await page.getByLabel('Motif du changement *').fill('Absence longue de la référente');
    await ecran(page, '31-reassignation');
    await page.getByRole('button', { name: 'Changer de référent' }).click();
    await page.getByText('Référent changé.').waitFor();
    await page.getByText(`Bruno Agent ${id}`).first().waitFor();
    await ecran(page, '32-dossier-apres-reassignation');

    const relu = await db.parcours.findUniqueOrThrow({ where: { id: p.id } });
    expect(relu.referentId).toBe(`ref-b-${id}`);
    const evenements = await db.parcoursEvenement.findMany({ where: { parcoursId: p.id } });
    expect(evenements.map((e) => e.type)).toEqual(expect.arrayContaining(['relance_manuelle', 'changement_referent']));
  });
});
