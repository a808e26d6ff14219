import { randomUUID } from 'node:crypto';
import { demarrerBanc, capture, type Banc } from './navigateur';

describe('Tableau de bord du cadre, dans Chromium', () => {
  let banc: Banc;
  beforeAll(async () => {
    banc = await demarrerBanc();
  });
  afterAll(async () => {
    await banc?.stop();
  });

  /** Calls the API as an agent would (the screens' own path to data). */
  async function post(chemin: string, corps: unknown, agentId: string): Promise<{ id: string }> {
    const r = await fetch(`${banc.url}${chemin}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Dev ${agentId}` },
      body: JSON.stringify(corps),
    });
    if (!r.ok) throw new Error(`${chemin} : ${r.status} ${await r.text()}`);
    return (await r.json()) as { id: string };
  }

  it('voit un parcours en retard en tête du tableau et le réassigne', async () => {
    // Two référents (outside any équipe: the organisation of the shared test database stays as imported),
    // and a parcours in accompaniment followed by the first one.
    const id = randomUUID().slice(0, 8);
    const { db } = banc.stack;
    const agent = (n: string, prenom: string, roles: string[]) => ({
      id: `${n}-${id}`,
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
        usager: { nom: 'Moreau', prenom: 'Jean' },
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
    // The délai expiry itself is tested with time-skipping elsewhere; here the read model says it is overdue.
    await db.parcours.update({
      where: { id: p.id },
      data: { enRetard: true, echeance: new Date(Date.now() - 5 * 86_400_000) },
    });

    const { page } = await banc.nouvellePage({ agentId: `cadre-${id}`, nom: 'Claire', role: 'cadre' });
    await page.goto('/tableau-de-bord');
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.locator('#filtre-referent').selectOption(`ref-a-${id}`);
    const premiereLigne = page.locator('table').first().locator('tbody tr').first();
    await premiereLigne.getByRole('link', { name: 'Jean Moreau' }).waitFor();
    await premiereLigne.getByText('En retard').waitFor();
    await page.getByRole('heading', { name: 'Attente par étape' }).waitFor();
    await page.getByRole('heading', { name: 'Charge des référents au regard de leur capacité' }).waitFor();
    await capture(page, '10-tableau-cadre');

    await premiereLigne.getByRole('button', { name: 'Réassigner' }).click();
    await page.locator('#champ-referentId').selectOption(`ref-b-${id}`);
    await page.locator('#champ-motif').fill('Absence longue de la référente');
    await capture(page, '11-reassignation');
    await page.getByRole('button', { name: 'Confirmer la réassignation' }).click();
    await page.getByText('Parcours réassigné.').waitFor();
    await capture(page, '12-apres-reassignation');

    const relu = await db.parcours.findUniqueOrThrow({ where: { id: p.id } });
    expect(relu.referentId).toBe(`ref-b-${id}`);
  });
});
