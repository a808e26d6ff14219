import nodemailer from 'nodemailer';

export interface Courriel {
  a: string[];
  sujet: string;
  texte: string;
  /** Stable Message-ID derived from the outbox key: the same message keeps the same identity. */
  messageId: string;
  /** Files joined to the message (a letter as PDF). */
  pieces?: { nom: string; type: string; contenu: Buffer }[];
}

export interface Mailer {
  envoyer(c: Courriel): Promise<void>;
  fermer(): void;
}

/** SMTP delivery (nodemailer) to the server named by an smtp:// or smtps:// URL. */
export function createSmtpMailer(url: string, expediteur: string): Mailer {
  // A server that accepts the connection and never answers must not hold a delivery for minutes.
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
  return {
    async envoyer(c) {
      await transport.sendMail({
        from: expediteur,
        to: c.a,
        subject: c.sujet,
        text: c.texte,
        messageId: c.messageId,
        attachments: c.pieces?.map((p) => ({ filename: p.nom, contentType: p.type, content: p.contenu })),
      });
    },
    fermer: () => transport.close(),
  };
}
