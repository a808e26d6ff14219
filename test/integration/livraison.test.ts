/**
 * Deliveries are off the Update path: while the mail server hangs (accepts, never answers), steps answer and
 * unrelated parcours open as usual; when it is back, each message goes out once.
 */
import net from 'node:net';
import request from 'supertest';
import { createSmtpMailer } from '../../infra/mailer';
import { freePort } from '../../infra/postgres';
import { startSmtpSink, type MessageRecu } from '../../infra/smtp-sink';
import { attendre } from '../support/attendre';
import { comme, nouvelleEquipe } from '../support/parcours';
import { startStack, type Stack } from '../support/stack';

const accueil = { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true };

describe('Courriels hors du chemin des actions', () => {
  let s: Stack;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  let port: number;
  let muet: net.Server;
  const sockets: net.Socket[] = [];
  let mailer: ReturnType<typeof createSmtpMailer>;

  beforeAll(async () => {
    port = await freePort();
    // A mail server that accepts connections and never says a word.
    muet = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => muet.listen(port, '127.0.0.1', r));
    mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, 'test@parcours-solidarites.invalid');
    s = await startStack({ deps: { mailer } });
    equipe = await nouvelleEquipe(s.db);
  });
  afterAll(async () => {
    await s.stop();
    mailer.fermer();
  });

  const ouvrir = async (nom: string) => {
    const r = await request(s.app)
      .post('/parcours')
      .set(comme(equipe.agents.accueil))
      .send({
        usager: { nom, prenom: 'Courriel' },
        accueil,
        routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Essai de livraison' },
      });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };

  it('répond aux actions pendant la panne, puis livre chaque message une fois', async () => {
    const p = await ouvrir('Panne');
    const relance = await request(s.app)
      .post(`/parcours/${p.id}/relance`)
      .set(comme(equipe.agents.cadre))
      .send({ message: 'Merci de prévoir l’évaluation.' });
    expect(relance.status).toBe(200);
    // The Update answered although its email is not out: the mail server has not even greeted.
    const message = await s.db.notification.findFirstOrThrow({
      where: { parcoursId: p.id, modele: 'relance_manuelle' },
    });
    expect(message.statut).toBe('a_envoyer');
    const enAttente = await request(s.app).get(`/parcours/${p.id}/messages`).set(comme(equipe.agents.cadre));
    // The link to the person's page went nowhere: this person gave no email and no phone.
    expect(enAttente.body.items).toEqual([
      expect.objectContaining({ modele: 'lien_parcours', destinataire: 'usager', statut: 'sans_destinataire' }),
      expect.objectContaining({ modele: 'relance_manuelle', statut: 'a_envoyer', envoyeLe: null }),
    ]);
    // And the parcours' own worker is free: another parcours opens and acts meanwhile.
    const autre = await ouvrir('Pendant');
    expect(
      (
        await request(s.app)
          .post(`/parcours/${autre.id}/suspension`)
          .set(comme(equipe.agents.cadre))
          .send({ motif: 'Absence' })
      ).status,
    ).toBe(200);
    expect((await s.db.notification.findUniqueOrThrow({ where: { cle: message.cle } })).statut).toBe('a_envoyer');
    // Operators see the backlog; the API stays ready (nothing waits on the mail server).
    expect((await request(s.app).get('/health')).status).toBe(200);
    const sante = await request(s.app).get('/health/detail').set(comme(equipe.agents.administrateur));
    expect(sante.body.livraisons).toMatchObject({ ok: true, enRetard: false });
    expect(sante.body.livraisons.enAttente).toBeGreaterThanOrEqual(1);

    // The mail server comes back on the same address: the retried delivery goes through, once.
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((r) => muet.close(() => r()));
    const recus: MessageRecu[] = [];
    const smtp = await startSmtpSink((m) => {
      recus.push(m);
    }, port);
    try {
      const envoye = await attendre(
        async () => {
          const n = await s.db.notification.findUniqueOrThrow({ where: { cle: message.cle } });
          return n.statut === 'envoye' ? n : null;
        },
        'la livraison après le retour du serveur de courriel',
        150_000,
      );
      expect(envoye.tentatives).toBeGreaterThanOrEqual(2);
      // The parcours' delivery log tells the same story.
      const journal = await request(s.app).get(`/parcours/${p.id}/messages`).set(comme(equipe.agents.cadre));
      expect(journal.body.items).toEqual([
        expect.objectContaining({ modele: 'lien_parcours', statut: 'sans_destinataire' }),
        expect.objectContaining({ modele: 'relance_manuelle', destinataire: 'evaluateur', statut: 'envoye' }),
      ]);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(recus.filter((m) => m.a.includes(equipe.emails.evaluateur))).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  }, 240_000);
});
