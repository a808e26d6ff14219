/** GET /metrics: what IT scrapes — latency and errors per route, parcours per step, overdue, outbox backlog. */
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelleEquipe } from '../support/parcours';

describe('Métriques Prometheus', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.stop();
  });

  it('expose la latence par route (sans identifiant), les erreurs et l’état des parcours', async () => {
    const equipe = await nouvelleEquipe(s.db);
    const ouvert = await request(s.app)
      .post('/parcours')
      .set(comme(equipe.agents.accueil))
      .send({
        usager: { nom: 'Metrique', prenom: 'Essai', communeCode: '45234' },
        accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
        routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Essai' },
      });
    expect(ouvert.status).toBe(201);
    const absent = await request(s.app)
      .get('/parcours/00000000-0000-4000-8000-000000000000')
      .set(comme(equipe.agents.cadre));
    expect(absent.status).toBe(404);

    const r = await request(s.app).get('/metrics');
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/http_requete_duree_secondes_count\{methode="POST",route="\/parcours",statut="201"\} [1-9]/);
    expect(r.text).toMatch(/http_erreurs_total\{methode="GET",route="\/parcours\/:id",statut="404"\} [1-9]/);
    expect(r.text).not.toContain(ouvert.body.id as string);
    expect(r.text).toMatch(/parcours_actifs\{etape="evaluation"\} [1-9]/);
    expect(r.text).toMatch(/^parcours_en_retard \d+$/m);
    expect(r.text).toMatch(/^courriels_en_attente \d+$/m);
    expect(r.text).toMatch(/^webhooks_livraisons\{statut="echec"\} \d+$/m);
    expect(r.text).toContain('process_resident_memory_bytes');
  });
});
