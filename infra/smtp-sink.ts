import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface MessageRecu {
  de: string;
  a: string[];
  brut: string;
}

export interface RunningSmtp {
  url: string;
  stop: () => Promise<void>;
}

/**
 * A real local SMTP server that accepts everything: the embedded default when no SMTP_URL is configured
 * (messages are kept, not relayed) and the tests' mail catcher.
 */
export async function startSmtpSink(
  onMessage: (m: MessageRecu) => void | Promise<void>,
  port = 0,
  onError: (err: Error) => void = () => undefined,
): Promise<RunningSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        Promise.resolve(
          onMessage({
            de: from ? from.address : '',
            a: session.envelope.rcptTo.map((r) => r.address),
            brut: Buffer.concat(chunks).toString('utf8'),
          }),
        ).then(
          () => callback(),
          (err: Error) => callback(err),
        );
      });
    },
  });
  // A client hanging up in the middle of a message (a worker killed while sending) is an 'error' event: without a
  // listener it would bring the whole process down. The client did not get its 250, so it sends again.
  server.on('error', onError);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const { port: actual } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
