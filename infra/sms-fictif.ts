/**
 * A local SMS provider speaking Brevo's transactional SMS API: it keeps the messages instead of sending them,
 * answers the event log by tag, and posts delivery statuses and replies to the message's webUrl as Brevo does.
 * The tests' provider, and `npm start`'s when no real one is configured.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsRecu {
  messageId: number;
  a: string;
  texte: string;
  tag: string;
  expediteur: string;
  webUrl?: string;
}

export interface FournisseurFictif {
  url: string;
  cleApi: string;
  recus: SmsRecu[];
  /** Posts an event of a sent message to its webUrl (delivered, hardBounce…), as Brevo's webhook does. */
  notifier(m: SmsRecu, evenement: string, reply?: string): Promise<number>;
  /** The next `n` sends answer 503 (an outage). */
  panne(n: number): void;
  stop(): Promise<void>;
}

export async function demarrerFournisseurFictif(cleApi = 'cle-fictive', port = 0): Promise<FournisseurFictif> {
  const recus: SmsRecu[] = [];
  let pannes = 0;
  let prochain = 1_000_000;
  const repondre = (res: http.ServerResponse, statut: number, corps: unknown) => {
    res.writeHead(statut, { 'content-type': 'application/json' }).end(JSON.stringify(corps));
  };
  const server = http.createServer((req, res) => {
    const morceaux: Buffer[] = [];
    req.on('data', (c: Buffer) => morceaux.push(c));
    req.on('end', () => {
      if (req.headers['api-key'] !== cleApi)
        return repondre(res, 401, { code: 'unauthorized', message: 'Key not found' });
      const url = new URL(req.url ?? '/', 'http://fictif');
      if (req.method === 'POST' && url.pathname === '/v3/transactionalSMS/sms') {
        if (pannes > 0) {
          pannes--;
          return repondre(res, 503, { code: 'unavailable' });
        }
        const b = JSON.parse(Buffer.concat(morceaux).toString('utf8') || '{}') as Record<string, string>;
        if (!/^\d{8,15}$/.test(b.recipient ?? ''))
          return repondre(res, 400, { code: 'invalid_parameter', message: 'Invalid phone number' });
        const m: SmsRecu = {
          messageId: prochain++,
          a: b.recipient!,
          texte: b.content ?? '',
          tag: b.tag ?? '',
          expediteur: b.sender ?? '',
          ...(b.webUrl ? { webUrl: b.webUrl } : {}),
        };
        recus.push(m);
        return repondre(res, 201, { reference: `ref-${m.messageId}`, messageId: m.messageId, smsCount: 1 });
      }
      if (req.method === 'GET' && url.pathname === '/v3/transactionalSMS/statistics/events') {
        const tags = url.searchParams.get('tags');
        const events = recus
          .filter((m) => m.tag === tags)
          .map((m) => ({ phoneNumber: m.a, messageId: m.messageId, event: 'sent', tag: m.tag }));
        return repondre(res, 200, { events });
      }
      return repondre(res, 404, { code: 'not_found' });
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    cleApi,
    recus,
    async notifier(m, evenement, reply) {
      if (!m.webUrl) throw new Error('Message sans webUrl');
      const u = new URL(m.webUrl);
      const auth = u.username
        ? `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`
        : '';
      u.username = '';
      u.password = '';
      const r = await fetch(u, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({
          messageId: m.messageId,
          to: m.a,
          msg_status: evenement,
          event: evenement,
          tag: m.tag,
          date: new Date().toISOString(),
          ...(reply ? { reply } : {}),
        }),
      });
      return r.status;
    },
    panne: (n) => {
      pannes = n;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
