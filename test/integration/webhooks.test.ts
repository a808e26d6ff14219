/**
 * Partners' webhooks against a real receiver (an HTTP server of the test): signed deliveries whose signature the
 * receiver verifies, no field the restricted view hides, retries after a 500, a receiver that hangs never slows
 * a step, 410 deactivates, replays by the administrator, and nobody else administers them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Worker } from '@temporalio/worker';
import { workflowIdDe } from '../../domain/parcours/identifiants';
import { verifierSignature } from '../../infra/webhooks';
import type { CorpsWebhook } from '../../domain/webhooks/evenements';
import { attendre } from '../support/attendre';
import { comme, nouvelleEquipe } from '../support/parcours';
import { requireEnv, startStack, type Stack } from '../support/stack';

interface Recu {
  chemin: string;
  entetes: Record<string, string>;
  corps: string;
  reponse: number;
}

const evaluation = {
  diagnostic: [{ domaine: 'logement', constat: 'CONSTAT-CACHE', besoinAccompagnement: true }],
  synthese: 'SYNTHESE-CACHEE',
  conclusion: 'orientation',
};

describe('Webhooks des partenaires', () => {
  let s: Stack;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  let recepteur: http.Server;
  let base: string;
  const recus: Recu[] = [];
  /** Answers of the receiver by path: a status, or a sequence of statuses (the last one repeats), or silence. */
  const reponses: Record<string, number[] | 'silence'> = {};
  const abonnements: string[] = [];

  beforeAll(async () => {
    recepteur = http.createServer((req, res) => {
      let corps = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (corps += c));
      req.on('end', () => {
        const plan = reponses[req.url ?? ''] ?? [200];
        if (plan === 'silence') return; // accepts, reads, never answers
        const reponse = plan.length > 1 ? plan.shift()! : plan[0]!;
        recus.push({ chemin: req.url ?? '', entetes: req.headers as Record<string, string>, corps, reponse });
        res.writeHead(reponse).end();
      });
    });
    await new Promise<void>((r) => recepteur.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(recepteur.address() as AddressInfo).port}`;
    s = await startStack();
    equipe = await nouvelleEquipe(s.db);
  });
  afterAll(async () => {
    // Nothing of this file keeps retrying after it.
    await s.db.abonnementWebhook.updateMany({ where: { id: { in: abonnements } }, data: { actif: false } });
    recepteur.closeAllConnections();
    await new Promise((r) => recepteur.close(r));
    await s.stop();
  });

  const admin = () => comme(equipe.agents.administrateur);

  async function abonner(chemin: string, types: string[]) {
    const r = await request(s.app)
      .post('/webhooks/abonnements')
      .set(admin())
      .send({ partenaire: `CAF ${chemin}`, url: `${base}${chemin}`, types, territoireIds: [equipe.territoireId] });
    expect(r.status).toBe(201);
    abonnements.push(r.body.id);
    return r.body as { id: string; secret: string };
  }

  async function ouvrir(nom: string) {
    const r = await request(s.app)
      .post('/parcours')
      .set(comme(equipe.agents.accueil))
      .send({
        usager: { nom, prenom: 'Webhook' },
        accueil: { besoins: [{ domaine: 'logement', precision: 'Hébergée chez sa sœur' }], consentement: true },
        routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Essai des webhooks' },
      });
    expect(r.status).toBe(201);
    return r.body as { id: string; usagerId: string };
  }

  const journal = async (query: Record<string, string>) => {
    const r = await request(s.app).get('/webhooks/livraisons').set(admin()).query(query);
    expect(r.status).toBe(200);
    return r.body.items as Array<{ id: string; statut: string; tentatives: number; dernierStatutHttp: number | null }>;
  };

  it('livre chaque événement choisi, signé, sans ce que la vue restreinte cache', async () => {
    const { id, secret } = await abonner('/caf', ['accueil', 'orientation']);
    const p = await ouvrir('Signée');
    for (const [chemin, corps, agent] of [
      ['evaluation', evaluation, equipe.agents.evaluateur],
      [
        'orientation',
        { decision: 'accompagnement', typeAccompagnement: 'social', motif: 'MOTIF-CACHE' },
        equipe.agents.cadre,
      ],
    ] as const) {
      expect((await request(s.app).post(`/parcours/${p.id}/${chemin}`).set(comme(agent)).send(corps)).status).toBe(200);
    }
    const deux = await attendre(() => {
      const l = recus.filter((x) => x.chemin === '/caf' && x.corps.includes(p.id));
      return Promise.resolve(l.length >= 2 && l);
    }, 'deux livraisons');
    for (const r of deux) {
      // The receiver's check, as a partner does it (Standard Webhooks): the secret given once at creation.
      expect(() => verifierSignature(secret, r.corps, r.entetes)).not.toThrow();
      expect(() => verifierSignature(secret, r.corps.replace('"type":"', '"type":"x'), r.entetes)).toThrow();
      expect(JSON.parse(r.corps).id).toBe(r.entetes['webhook-id']);
      expect(r.corps).not.toMatch(/MOTIF-CACHE|CONSTAT-CACHE|SYNTHESE-CACHEE/);
    }
    const [accueil, orientation] = deux.map((r) => JSON.parse(r.corps) as CorpsWebhook) as [CorpsWebhook, CorpsWebhook];
    expect(accueil).toMatchObject({
      type: 'accueil',
      departement: 'loiret',
      parcours: { id: p.id, usagerId: p.usagerId, territoireId: equipe.territoireId, equipeId: equipe.equipeId },
    });
    // Neither the person's identity nor the évaluation: ids, and what the restricted view shows of each event.
    expect(JSON.stringify(accueil)).not.toContain('Signée');
    expect(orientation).toMatchObject({ type: 'orientation', parcours: { etape: 'designation' } });
    expect(orientation.donnees).toEqual({ decision: 'accompagnement', typeAccompagnement: 'social' });
    expect(recus.filter((x) => x.chemin === '/caf' && x.corps.includes(p.id)).length).toBe(2);
    // The parcours' history, with the deliveries it started, replays against the code (patch PATCH_WEBHOOKS).
    const historique = await s.client.workflow.getHandle(workflowIdDe(p.id)).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: requireEnv('TEST_WORKFLOW_BUNDLE') } }, historique);
    expect(await journal({ parcoursId: p.id, abonnementId: id })).toEqual([
      expect.objectContaining({ type: 'orientation', statut: 'livree', tentatives: 1, dernierStatutHttp: 200 }),
      expect.objectContaining({ type: 'accueil', statut: 'livree', tentatives: 1, dernierStatutHttp: 200 }),
    ]);
  });

  it('reprend après une erreur du destinataire et ne livre qu’une fois', async () => {
    reponses['/instable'] = [500, 200];
    const { id } = await abonner('/instable', ['accueil']);
    const p = await ouvrir('Instable');
    const [livraison] = await attendre(async () => {
      const l = await journal({ parcoursId: p.id, abonnementId: id });
      return l[0]?.statut === 'livree' && l;
    }, 'livraison reprise');
    expect(livraison).toMatchObject({ tentatives: 2, dernierStatutHttp: 200 });
    const essais = recus.filter((x) => x.chemin === '/instable' && x.corps.includes(p.id));
    expect(essais.map((x) => x.reponse)).toEqual([500, 200]);
    // The same event id at each attempt: the receiver dedupes on it.
    expect(new Set(essais.map((x) => x.entetes['webhook-id'])).size).toBe(1);
    expect(essais.map((x) => x.entetes['x-parcours-tentative'])).toEqual(['1', '2']);
  });

  it('un destinataire qui ne répond pas ne ralentit aucune étape', async () => {
    reponses['/muet'] = 'silence';
    const { id } = await abonner('/muet', ['accueil', 'orientation']);
    const debut = Date.now();
    const p = await ouvrir('Muet');
    const durees = [Date.now() - debut];
    for (const [chemin, corps, agent] of [
      ['evaluation', evaluation, equipe.agents.evaluateur],
      ['orientation', { decision: 'accompagnement', typeAccompagnement: 'social' }, equipe.agents.cadre],
      ['suspension', { motif: 'Hospitalisation' }, equipe.agents.cadre],
    ] as const) {
      const t = Date.now();
      expect((await request(s.app).post(`/parcours/${p.id}/${chemin}`).set(comme(agent)).send(corps)).status).toBe(200);
      durees.push(Date.now() - t);
    }
    console.log(`Étapes avec un destinataire muet : ${durees.join(', ')} ms`);
    // The receiver has 10 s per attempt; every step answered well before even one.
    expect(Math.max(...durees)).toBeLessThan(3_000);
    const enAttente = await journal({ parcoursId: p.id, abonnementId: id });
    expect(enAttente.map((l) => l.statut)).toEqual(['en_attente', 'en_attente']);
  });

  it('410 désactive l’abonnement ; l’administrateur réactive et rejoue les échecs puis une livraison', async () => {
    reponses['/parti'] = [410, 200];
    const { id } = await abonner('/parti', ['accueil']);
    const p = await ouvrir('Partie');
    const [echec] = await attendre(async () => {
      const l = await journal({ parcoursId: p.id, abonnementId: id });
      return l[0]?.statut === 'echec' && l;
    }, 'échec définitif');
    expect(echec).toMatchObject({ tentatives: 1, dernierStatutHttp: 410 });
    const desactive = await request(s.app).get(`/webhooks/abonnements/${id}`).set(admin());
    expect(desactive.body).toMatchObject({ actif: false, motifDesactivation: expect.stringContaining('410') });
    expect(desactive.body).not.toHaveProperty('secret');
    // Deactivated: nothing to replay until it is reactivated, and later events are not recorded for it.
    const refus = await request(s.app).post(`/webhooks/abonnements/${id}/rejeu`).set(admin());
    expect(refus.status).toBe(409);
    const pendant = await ouvrir('Pendant');
    expect(
      (
        await request(s.app)
          .post(`/webhooks/abonnements/${id}/activation`)
          .set(admin())
          .set('Idempotency-Key', 'activation-0001')
      ).status,
    ).toBe(200);
    const rejeu = await request(s.app).post(`/webhooks/abonnements/${id}/rejeu`).set(admin());
    expect(rejeu.status).toBe(202);
    expect(rejeu.body).toEqual({ relancees: 1 });
    await attendre(
      async () => (await journal({ parcoursId: p.id, abonnementId: id }))[0]?.statut === 'livree',
      'rejeu des échecs',
    );
    expect(await journal({ parcoursId: pendant.id, abonnementId: id })).toEqual([]);
    // One delivery again, on request (the receiver lost it): same event id, fresh signature.
    const une = await request(s.app)
      .post(`/webhooks/livraisons/${echec!.id}/rejeu`)
      .set(admin())
      .set('Idempotency-Key', 'rejeu-0001');
    expect(une.status).toBe(202);
    await attendre(
      () => Promise.resolve(recus.filter((x) => x.chemin === '/parti' && x.corps.includes(p.id)).length === 3),
      'rejeu d’une livraison',
    );
    const essais = recus.filter((x) => x.chemin === '/parti' && x.corps.includes(p.id));
    expect(essais.map((x) => x.reponse)).toEqual([410, 200, 200]);
    expect(new Set(essais.map((x) => x.entetes['webhook-id'])).size).toBe(1);
    // The same request again (its answer was lost): nothing is sent twice.
    const encore = await request(s.app)
      .post(`/webhooks/livraisons/${echec!.id}/rejeu`)
      .set(admin())
      .set('Idempotency-Key', 'rejeu-0001');
    expect(encore.status).toBe(202);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(recus.filter((x) => x.chemin === '/parti' && x.corps.includes(p.id))).toHaveLength(3);
  });

  it('réservé aux administrateurs ; erreurs par champ en français ; le secret une seule fois', async () => {
    for (const role of ['cadre', 'referent', 'partenaire', 'accueil'] as const) {
      const agent = comme(equipe.agents[role]);
      expect((await request(s.app).get('/webhooks/abonnements').set(agent)).status).toBe(403);
      expect((await request(s.app).get('/webhooks/livraisons').set(agent)).status).toBe(403);
      expect(
        (
          await request(s.app)
            .post('/webhooks/abonnements')
            .set(agent)
            .send({ partenaire: 'Intrus', url: `${base}/intrus`, types: ['accueil'] })
        ).status,
      ).toBe(403);
    }
    const invalide = await request(s.app)
      .post('/webhooks/abonnements')
      .set(admin())
      .send({ partenaire: '', url: 'ftp://caf', types: ['evaluation'], territoireIds: ['inconnu'] });
    expect(invalide.status).toBe(400);
    const champs = Object.fromEntries(
      (invalide.body.erreur.champs as { champ: string; message: string }[]).map((c) => [c.champ, c.message]),
    );
    expect(champs).toMatchObject({
      partenaire: 'Ce champ est requis.',
      url: 'Adresse web attendue (https://…).',
      'types.0': expect.stringContaining('Type d’événement attendu'),
    });
    const inconnu = await request(s.app)
      .post('/webhooks/abonnements')
      .set(admin())
      .send({ partenaire: 'CCAS', url: `${base}/ccas`, types: ['cloture'], territoireIds: ['inconnu'] });
    expect(inconnu.body.erreur.champs).toEqual([
      { champ: 'territoireIds', message: 'Territoire inconnu dans ce département.' },
    ]);
    expect(
      (await request(s.app).get('/webhooks/abonnements/8f0e7a1c-0000-4000-8000-000000000000').set(admin())).status,
    ).toBe(404);
    const creer = () =>
      request(s.app)
        .post('/webhooks/abonnements')
        .set(admin())
        .set('Idempotency-Key', 'abonnement-ccas-0001')
        .send({ partenaire: 'CCAS', url: `${base}/ccas`, types: ['cloture'], territoireIds: [equipe.territoireId] });
    const [un, deux] = [await creer(), await creer()];
    abonnements.push(un.body.id);
    expect(un.status).toBe(201);
    expect(deux.body).toEqual(un.body);
    expect(un.body.secret).toMatch(/^whsec_/);
    const liste = await request(s.app).get('/webhooks/abonnements').set(admin());
    expect(liste.body.items.filter((a: { id: string }) => a.id === un.body.id)).toHaveLength(1);
    expect(JSON.stringify(liste.body)).not.toContain('whsec_');
  });
});
