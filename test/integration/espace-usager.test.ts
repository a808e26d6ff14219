/**
 * The person's side, with the time-skipping server: the link to their page at the premier accueil (email and
 * SMS), an SMS 48 h before an appointment, the questionnaire at the orientation and at the clôture, answered
 * through the link and counted in the territoire's results; a revoked, expired or forged link shows nothing.
 * SMS go through the Brevo adapter to a local provider speaking Brevo's API, which calls the API back.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import { startTimeSkipping, type TimeSkippingStack } from '../support/time-skipping';
import { comme, nouvelleEquipe, ouvrirParcours } from '../support/parcours';
import { attendre } from '../support/attendre';
import { authDev, testLogger } from '../support/stack';
import { commandeUpdate } from '../../workflows/messages';
import { createApp } from '../../api/app';
import { MockActivityEnvironment } from '@temporalio/testing';
import { fournisseurBrevo, numeroInternational } from '../../infra/sms';
import { demarrerFournisseurFictif, type FournisseurFictif } from '../../infra/sms-fictif';
import { createNotificationActivities } from '../../activities/notifications';
import { signerJeton } from '../../infra/jeton-lien';
import { SECRET_LIEN_DEVELOPPEMENT } from '../../infra/env';

const HEURE = 3_600_000;
const JOUR = 24 * HEURE;
const SECRET_WEBHOOK = 'secret-des-rappels-sms-de-test';

describe('Le côté de la personne : lien, SMS, satisfaction (saut de temps)', () => {
  let s: TimeSkippingStack;
  let fournisseur: FournisseurFictif;
  let app: Express;
  let serveur: http.Server;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;

  beforeAll(async () => {
    fournisseur = await demarrerFournisseurFictif();
    // The API listens for real: the provider posts delivery statuses and replies to it.
    const port = await new Promise<number>((resolve) => {
      const t = http.createServer().listen(0, '127.0.0.1', () => {
        const p = (t.address() as AddressInfo).port;
        t.close(() => resolve(p));
      });
    });
    const sms = fournisseurBrevo({
      url: fournisseur.url,
      cleApi: fournisseur.cleApi,
      expediteur: 'CD45',
      urlEvenements: `http://brevo:${SECRET_WEBHOOK}@127.0.0.1:${port}/sms/evenements`,
    });
    s = await startTimeSkipping({ deps: { sms, urlApplication: 'https://social.loiret.invalid' } });
    app = createApp({
      db: s.db,
      temporal: s.env.client,
      taskQueue: s.taskQueue,
      departement: 'loiret',
      logger: testLogger,
      auth: authDev,
      secretWebhookSms: SECRET_WEBHOOK,
    });
    serveur = await new Promise<http.Server>((resolve) => {
      const x = app.listen(port, '127.0.0.1', () => resolve(x));
    });
    equipe = await nouvelleEquipe(s.db);
  });
  afterAll(async () => {
    await new Promise<void>((r) => (serveur ? serveur.close(() => r()) : r()));
    await s?.stop();
    await fournisseur?.stop();
  });

  const jetonDe = (texte: string) => /mon-parcours#([A-Za-z0-9_-]{48})/.exec(texte)?.[1] ?? null;
  const smsDe = (parcoursId: string, modele: string) =>
    attendre(async () => {
      const cles = (await s.db.notification.findMany({ where: { parcoursId, modele } })).map((n) => n.cle);
      const recus = fournisseur.recus.filter((m) => cles.includes(m.tag));
      return recus.length ? recus : null;
    }, `SMS ${modele}`);
  const espace = (jeton: string) => request(app).get('/espace').set('X-Lien-Usager', jeton);

  async function nouvellePersonne() {
    const usagerId = randomUUID();
    await s.db.usager.create({
      data: {
        id: usagerId,
        nom: 'Martin',
        prenom: 'Léa',
        email: `lea-${usagerId.slice(0, 8)}@exemple.invalid`,
        telephone: `06 12 ${String(Math.floor(Math.random() * 1e6))
          .padStart(6, '0')
          .replace(/(\d\d)(?=\d)/g, '$1 ')}`,
        smsConsentementLe: new Date(),
      },
    });
    const ouvert = await ouvrirParcours(s.env.client, s.db, s.taskQueue, {
      usagerId,
      routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, mode: 'automatique' },
      usager: { jalonsSatisfaction: ['orientation', 'cloture'] },
    });
    const agir = (type: Parameters<typeof commandeUpdate>[0], donnees: unknown) =>
      ouvert.handle.executeUpdate(commandeUpdate(type), {
        args: [{ acteur: equipe.agents.cadre, donnees: donnees as never }],
      });
    return { ...ouvert, usagerId, agir };
  }

  it('envoie le lien à l’accueil, un SMS 48 h avant le rendez-vous, le questionnaire à l’orientation et à la clôture', async () => {
    const { parcoursId, usagerId, agir } = await nouvellePersonne();

    // The link at the premier accueil, by SMS and by email, the same link.
    const [lienSms] = await smsDe(parcoursId, 'lien_parcours');
    const jeton = jetonDe(lienSms!.texte)!;
    expect(lienSms!.texte).toContain('https://social.loiret.invalid/mon-parcours#');
    expect(lienSms!.texte).toContain('STOP');
    expect(lienSms!.expediteur).toBe('CD45');
    const courriel = await attendre(
      () => Promise.resolve(s.courriels.find((m) => m.brut.replace(/=\r?\n/g, '').includes(jeton))),
      'courriel du lien',
    );
    expect(courriel.a[0]).toMatch(/^lea-/);

    const page = await espace(jeton);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      portee: 'parcours',
      prenom: 'Léa',
      situation: { etape: 'evaluation', ou: 'Nous faisons le point sur votre situation.' },
      rendezVous: null,
      referent: null,
      questionnaire: null,
    });
    expect(page.body.aApporter).toContain("Une pièce d'identité");
    // Nothing else of the dossier: no besoins, no ids, no délais.
    expect(JSON.stringify(page.body)).not.toMatch(/"besoins"|"echeance"|parcoursId|logement|urgence/);
    const journal = await s.db.auditAcces.findMany({ where: { moyen: 'lien', usagers: { has: usagerId } } });
    expect(journal).toEqual([expect.objectContaining({ route: 'GET /espace', statut: 200, agentId: null })]);

    // An appointment in 5 days: its SMS reminder leaves 48 h before, not earlier.
    const le = new Date((await s.env.currentTimeMs()) + 5 * JOUR);
    await agir('planifierRendezVous', { le: le.toISOString(), lieu: 'Maison du Département, Orléans', objet: 'Bilan' });
    await s.env.sleep(3 * JOUR - 2 * HEURE);
    const clesRappel = async () =>
      (await s.db.notification.findMany({ where: { parcoursId, modele: 'rappel_rendez_vous' } })).map((n) => n.cle);
    expect(await clesRappel()).toEqual([]);
    await s.env.sleep(3 * HEURE);
    const [rappel] = await smsDe(parcoursId, 'rappel_rendez_vous');
    expect(rappel!.texte).toMatch(/^Rappel : rendez-vous le .* Maison du Département, Orléans/);
    const avecRdv = await espace(jeton);
    expect(avecRdv.body.rendezVous).toEqual({
      le: le.toISOString(),
      lieu: 'Maison du Département, Orléans',
      objet: 'Bilan',
    });
    const ics = await request(app).get('/espace/rendez-vous.ics').set('X-Lien-Usager', jeton);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.text).toContain('BEGIN:VEVENT');
    expect(ics.text).toContain(`DTSTART:${le.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);

    // The provider reports the reminder delivered: the parcours' delivery log says so.
    expect(await fournisseur.notifier(rappel!, 'delivered')).toBe(200);
    const messages = await request(app).get(`/parcours/${parcoursId}/messages`).set(comme(equipe.agents.cadre));
    expect(messages.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          modele: 'lien_parcours',
          statut: 'envoye',
          sms: expect.objectContaining({ statut: 'accepte' }),
        }),
        expect.objectContaining({
          modele: 'rappel_rendez_vous',
          sms: expect.objectContaining({ statut: 'distribue' }),
        }),
      ]),
    );

    // Orientation: the questionnaire, answered through its link.
    await agir('evaluer', {
      diagnostic: [{ domaine: 'logement', constat: 'Hébergée chez un tiers', besoinAccompagnement: true }],
      synthese: 'Accompagnement nécessaire',
      conclusion: 'orientation',
    });
    await agir('orienter', { decision: 'accompagnement', typeAccompagnement: 'social' });
    const [q1] = await smsDe(parcoursId, 'questionnaire');
    const jetonQ1 = jetonDe(q1!.texte)!;
    const formulaire = await espace(jetonQ1);
    expect(formulaire.body).toMatchObject({ portee: 'questionnaire', situation: null, referent: null, prenom: null });
    expect(formulaire.body.questionnaire).toMatchObject({ jalon: 'orientation' });
    expect(formulaire.body.questionnaire.questions).toHaveLength(4);
    // The person's page offers the same questionnaire while it waits.
    expect((await espace(jeton)).body.questionnaire).toMatchObject({ jalon: 'orientation' });
    const repondre = (j: string, notes: Record<string, number>, commentaire?: string) =>
      request(app).post('/espace/questionnaire').set('X-Lien-Usager', j).send({ notes, commentaire });
    expect((await repondre(jetonQ1, { accueil: 9 })).status).toBe(400);
    expect((await repondre(jetonQ1, { accueil: 5, clarte: 4, delais: 3, ecoute: 5 }, 'Merci')).status).toBe(200);
    expect((await repondre(jetonQ1, { accueil: 1 })).status).toBe(409);

    // Clôture: the page's link closes, the clôture questionnaire still opens.
    await agir('designerReferent', { referentId: equipe.referentId, accordUsager: true });
    expect((await espace(jeton)).body.referent).toEqual({
      prenom: 'referent',
      nom: equipe.referentId.replace('referent-', ''),
      email: equipe.emails.referent,
    });
    await agir('cloturer', { motif: 'objectifs_atteints' });
    const questionnaires = await attendre(async () => {
      const q = await smsDe(parcoursId, 'questionnaire');
      return q.length === 2 && q;
    }, 'questionnaire de clôture');
    const jetonQ2 = jetonDe(questionnaires[1]!.texte)!;
    expect((await espace(jetonQ2)).body.questionnaire).toMatchObject({ jalon: 'cloture' });
    expect((await repondre(jetonQ2, { accueil: 4, ecoute: 4 })).status).toBe(200);
    const ferme = await espace(jeton);
    expect(ferme.status).toBe(404);
    expect(ferme.body).toEqual({ erreur: { code: 'lien_invalide', message: expect.stringContaining('plus valide') } });
    expect((await s.db.lienUsager.findMany({ where: { parcoursId, portee: 'parcours' } }))[0]).toMatchObject({
      motifRevocation: 'cloture',
    });

    // Never twice for one message key.
    const tags = fournisseur.recus
      .filter((m) => m.texte.includes('mon-parcours') || m.texte.startsWith('Rappel'))
      .map((m) => m.tag);
    expect(new Set(tags).size).toBe(tags.length);

    // The answers in the territoire's results: counts and response rates, means masked under 5 answers.
    const resultats = await request(app)
      .get('/pilotage/satisfaction')
      .query({ territoireId: equipe.territoireId })
      .set(comme(equipe.agents.cadre));
    expect(resultats.status).toBe(200);
    const mois = new Date().toISOString().slice(0, 7);
    expect(resultats.body.items).toEqual([
      expect.objectContaining({ jalon: 'cloture', mois, envoyes: 1, reponses: 1, tauxReponse: 1, accueil: null }),
      expect.objectContaining({ jalon: 'orientation', mois, envoyes: 1, reponses: 1, commentaires: 1, accueil: null }),
    ]);
    const csv = await request(app)
      .get('/pilotage/satisfaction/export')
      .query({ territoireId: equipe.territoireId, format: 'csv' })
      .set(comme(equipe.agents.cadre));
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Taux de réponse');
    expect(csv.text).not.toContain('Merci');
  });

  it('montre les moyennes à partir de 5 réponses, jamais une réponse seule', async () => {
    const territoireId = equipe.territoireId;
    const mois = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    const { parcoursId, usagerId } = await nouvellePersonne();
    const jetons: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      await s.db.envoiQuestionnaire.create({
        data: { id: `essai-${id}`, departement: 'loiret', territoireId, jalon: 'accueil', mois },
      });
      const lien = await s.db.lienUsager.create({
        data: {
          id,
          parcoursId,
          usagerId,
          portee: 'questionnaire',
          envoiQuestionnaireId: `essai-${id}`,
          expireLe: new Date(Date.now() + JOUR),
        },
      });
      jetons.push(signerJeton(lien, SECRET_LIEN_DEVELOPPEMENT));
    }
    const lire = async () =>
      (
        (await request(app).get('/pilotage/satisfaction').query({ territoireId }).set(comme(equipe.agents.cadre)))
          .body as { items: { jalon: string }[] }
      ).items.find((l) => l.jalon === 'accueil');
    for (const [i, j] of jetons.slice(0, 4).entries())
      await request(app)
        .post('/espace/questionnaire')
        .set('X-Lien-Usager', j)
        .send({ notes: { accueil: 2 + (i % 2) } })
        .expect(200);
    expect(await lire()).toMatchObject({ envoyes: 5, reponses: 4, tauxReponse: 0.8, accueil: null });
    await request(app)
      .post('/espace/questionnaire')
      .set('X-Lien-Usager', jetons[4]!)
      .send({ notes: { accueil: 5 } })
      .expect(200);
    expect(await lire()).toMatchObject({ envoyes: 5, reponses: 5, tauxReponse: 1, accueil: 3, clarte: null });
    // Another territoire's cadre sees nothing of it.
    const autre = await nouvelleEquipe(s.db);
    const refus = await request(app)
      .get('/pilotage/satisfaction')
      .query({ territoireId })
      .set(comme(autre.agents.cadre));
    expect(refus.status).toBe(404);
  });

  it('ne montre rien par un lien révoqué, expiré ou contrefait, et limite les ouvertures', async () => {
    const { parcoursId, usagerId } = await nouvellePersonne();
    const [lien] = await smsDe(parcoursId, 'lien_parcours');
    const jeton = jetonDe(lien!.texte)!;
    expect((await espace(jeton)).status).toBe(200);

    // Forged: another signature, or a token signed with another secret.
    const forge = `${jeton.slice(0, 40)}${jeton[40] === 'A' ? 'B' : 'A'}${jeton.slice(41)}`;
    expect((await espace(forge)).status).toBe(404);
    const ligne = await s.db.lienUsager.findFirstOrThrow({ where: { parcoursId, portee: 'parcours' } });
    expect((await espace(signerJeton(ligne, 'un-autre-secret-de-trente-deux-caracteres'))).status).toBe(404);
    // Expired: a link of the same parcours whose date passed.
    const expire = await s.db.lienUsager.create({
      data: { id: randomUUID(), parcoursId, usagerId, portee: 'parcours', expireLe: new Date(Date.now() + 1_500) },
    });
    const jetonExpire = signerJeton(expire, SECRET_LIEN_DEVELOPPEMENT);
    expect((await espace(jetonExpire)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_600));
    const perime = await espace(jetonExpire);
    expect(perime.status).toBe(404);
    expect(JSON.stringify(perime.body)).not.toMatch(/Léa|evaluation|referent/);

    // Revoked on an agent's request (a partner may not; another territoire's cadre does not see the parcours).
    const autre = await nouvelleEquipe(s.db);
    const chemin = `/parcours/${parcoursId}/liens/revocation`;
    expect((await request(app).post(chemin).set(comme(autre.agents.cadre))).status).toBe(404);
    expect((await request(app).post(chemin).set(comme(equipe.agents.partenaire))).status).toBe(403);
    const revocation = await request(app).post(chemin).set(comme(equipe.agents.cadre));
    expect(revocation.status).toBe(200);
    expect(revocation.body.revoques).toBe(2);
    const revoque = await espace(jeton);
    expect(revoque.status).toBe(404);
    expect(revoque.body.erreur.message).toContain('plus valide');
    const refus = await s.db.auditAcces.findMany({ where: { moyen: 'lien', usagers: { has: usagerId }, statut: 404 } });
    expect(refus.map((r) => r.route)).toEqual(['GET /espace', 'GET /espace']);
    // Forged tokens name nobody, and are journaled too.
    expect(
      await s.db.auditAcces.count({ where: { moyen: 'lien', usagers: { isEmpty: true }, statut: 404 } }),
    ).toBeGreaterThanOrEqual(2);

    // STOP: the reply ends SMS for this person (delivery checks smsStopLe against the consent's date).
    expect(await fournisseur.notifier(lien!, 'reply', 'STOP')).toBe(200);
    expect((await s.db.usager.findUniqueOrThrow({ where: { id: usagerId } })).smsStopLe).not.toBeNull();
    // A forged callback is refused.
    const sansSecret = await request(app).post('/sms/evenements').send({ messageId: 1, event: 'unsubscribe' });
    expect(sansSecret.status).toBe(401);

    // Openings are limited per address and minute.
    let dernier = 200;
    for (let i = 0; i < 40 && dernier !== 429; i++) dernier = (await espace(forge)).status;
    expect(dernier).toBe(429);
  });

  it('renvoie après une panne du fournisseur, et pas deux fois un SMS qu’il avait déjà accepté', async () => {
    // The provider fails once: the delivery is retried (durable backoff, skipped) and one SMS leaves.
    fournisseur.panne(1);
    const { parcoursId, usagerId } = await nouvellePersonne();
    await s.env.sleep(2 * 60_000);
    const recus = await smsDe(parcoursId, 'lien_parcours');
    expect(recus).toHaveLength(1);
    const envoi = await attendre(
      async () => (await s.db.envoiSms.findFirst({ where: { parcoursId, statut: 'accepte' } })) ?? null,
      'SMS accepté',
    );
    expect(envoi).toMatchObject({ idFournisseur: String(recus[0]!.messageId), derniereErreur: 'Brevo 503' });
    expect(envoi.tentatives).toBe(2);

    // A process that died after the provider accepted a message, before recording it: the retry asks the
    // provider's event log for the message's tag and does not send it again.
    const cle = `essai-${randomUUID()}`;
    await s.db.notification.create({
      data: {
        cle,
        parcoursId,
        modele: 'rappel_rendez_vous',
        destinataire: { role: 'usager', usagerId },
        donnees: { le: new Date(Date.now() + 2 * JOUR).toISOString(), lieu: 'Orléans', objet: 'Bilan' },
        statut: 'envoye',
      },
    });
    await s.db.envoiSms.create({ data: { cle, parcoursId, statut: 'en_cours' } });
    const sms = fournisseurBrevo({ url: fournisseur.url, cleApi: fournisseur.cleApi, expediteur: 'CD45' });
    const numero = numeroInternational((await s.db.usager.findUniqueOrThrow({ where: { id: usagerId } })).telephone!)!;
    const { idFournisseur } = await sms.envoyer({ a: numero, texte: 'Rappel', reference: cle });
    const avant = fournisseur.recus.length;
    const { livrerNotifications } = createNotificationActivities({
      db: s.db,
      mailer: { envoyer: () => Promise.reject(new Error('aucun courriel attendu')), fermer: () => undefined },
      annuaire: () => Promise.resolve([]),
      urlApplication: 'https://social.loiret.invalid',
      sms,
      secretLien: SECRET_LIEN_DEVELOPPEMENT,
    });
    await new MockActivityEnvironment().run(livrerNotifications, { cles: [cle] });
    expect(fournisseur.recus.length).toBe(avant);
    expect(await s.db.envoiSms.findUniqueOrThrow({ where: { cle } })).toMatchObject({
      statut: 'accepte',
      idFournisseur,
    });
  });
});
