/**
 * The embedded mail server (and the tests' catcher) survives a client hanging up in the middle of a message, as a
 * worker killed while sending does: the error is reported, the process stays up, the next message is received.
 */
import net from 'node:net';
import { createSmtpMailer } from '../../infra/mailer';
import { startSmtpSink, type MessageRecu } from '../../infra/smtp-sink';

/** Speaks SMTP up to the middle of a message's body, then resets the connection (RST, as a killed process). */
async function raccrocherAuMilieu(port: number): Promise<void> {
  const socket = net.connect({ host: '127.0.0.1', port });
  const lignes = ['EHLO essai', 'MAIL FROM:<a@essai.invalid>', 'RCPT TO:<b@essai.invalid>', 'DATA'];
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    let recu = '';
    socket.on('data', (d: Buffer) => {
      recu += d.toString();
      // Each command once the previous answer arrived; after DATA's 354, half a body and a reset.
      if (/^354 /m.test(recu)) {
        socket.write('Subject: coupé\r\n\r\nla moitié d’un');
        setTimeout(() => {
          socket.resetAndDestroy();
          resolve();
        }, 50);
      } else if (/\r\n$/.test(recu) && !/^\d{3}-/m.test(recu.split('\r\n').at(-2) ?? '')) {
        const ligne = lignes.shift();
        recu = '';
        if (ligne) socket.write(`${ligne}\r\n`);
      }
    });
  });
}

describe('Serveur SMTP local', () => {
  it('un client qui raccroche au milieu d’un message ne le fait pas tomber', async () => {
    const recus: MessageRecu[] = [];
    const erreurs: Error[] = [];
    const smtp = await startSmtpSink(
      (m) => void recus.push(m),
      0,
      (err) => erreurs.push(err),
    );
    try {
      const port = Number(new URL(smtp.url).port);
      await raccrocherAuMilieu(port);
      await new Promise((r) => setTimeout(r, 200));
      expect(erreurs.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ECONNRESET']);

      const mailer = createSmtpMailer(smtp.url, 'test@parcours-solidarites.invalid');
      try {
        await mailer.envoyer({
          a: ['c@essai.invalid'],
          sujet: 'Après la coupure',
          texte: 'Bien reçu.',
          messageId: '<apres-coupure@essai.invalid>',
        });
      } finally {
        mailer.fermer();
      }
      expect(recus.map((m) => m.a)).toEqual([['c@essai.invalid']]);
    } finally {
      await smtp.stop();
    }
  });
});
