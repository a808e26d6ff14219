/**
 * Sending SMS: a provider interface and its adapter for Brevo's transactional SMS API (the REST shape used by
 * French public bodies: POST /v3/transactionalSMS/sms with an `api-key` header). Brevo takes no idempotency
 * key: each message carries our outbox key as its `tag`, and a delivery retried after a crash asks Brevo's
 * event log for that tag before sending again (activities/notifications.ts).
 */
import type { Env } from './env';

export interface Sms {
  /** International number without "+" (33612345678). */
  a: string;
  texte: string;
  /** Our key of the message (outbox key): the provider's tag. */
  reference: string;
}

export interface FournisseurSms {
  /** Sends; resolves with the provider's message id. Throws ErreurSms (definitive) or any error (to retry). */
  envoyer(sms: Sms): Promise<{ idFournisseur: string }>;
  /** The provider's id of a message it already accepted with this reference, if any. */
  dejaAccepte(reference: string, a: string): Promise<{ idFournisseur: string } | null>;
}

/** A refusal that a retry will not change (invalid number, content refused): the message is marked failed. */
export class ErreurSms extends Error {}

export interface ConfigBrevo {
  /** https://api.brevo.com, or the local fake provider in tests. */
  url: string;
  cleApi: string;
  /** Sender name shown on the phone (11 letters or digits at most). */
  expediteur: string;
  /** Where Brevo posts delivery statuses and replies (with its credentials: https://brevo:<secret>@host/…). */
  urlEvenements?: string;
}

const DELAI_MS = 15_000;

/** The provider the environment configures (Brevo with BREVO_API_KEY), or none. */
export function fournisseurSmsDepuis(env: Env): FournisseurSms | undefined {
  if (!env.BREVO_API_KEY) return undefined;
  if (!env.SMS_WEBHOOK_SECRET) throw new Error('SMS_WEBHOOK_SECRET est requis avec BREVO_API_KEY.');
  const retour = new URL('/sms/evenements', env.URL_APPLICATION);
  retour.username = 'brevo';
  retour.password = env.SMS_WEBHOOK_SECRET;
  return fournisseurBrevo({
    url: env.BREVO_URL,
    cleApi: env.BREVO_API_KEY,
    expediteur: env.SMS_EXPEDITEUR,
    urlEvenements: retour.toString(),
  });
}

export function fournisseurBrevo(cfg: ConfigBrevo): FournisseurSms {
  const appeler = async (chemin: string, init: RequestInit = {}) => {
    const r = await fetch(`${cfg.url}${chemin}`, {
      ...init,
      headers: { 'api-key': cfg.cleApi, accept: 'application/json', 'content-type': 'application/json' },
      signal: AbortSignal.timeout(DELAI_MS),
    });
    const corps = (await r.json().catch(() => ({}))) as Record<string, unknown> & { message?: string; code?: string };
    if (r.status >= 400 && r.status < 500 && r.status !== 429)
      throw new ErreurSms(`Brevo ${r.status} : ${corps.message ?? corps.code ?? 'refusé'}`);
    if (!r.ok) throw new Error(`Brevo ${r.status}`);
    return corps;
  };
  return {
    async envoyer({ a, texte, reference }) {
      const corps = await appeler('/v3/transactionalSMS/sms', {
        method: 'POST',
        body: JSON.stringify({
          type: 'transactional',
          sender: cfg.expediteur,
          recipient: a,
          content: texte,
          tag: reference,
          unicodeEnabled: false,
          ...(cfg.urlEvenements ? { webUrl: cfg.urlEvenements } : {}),
        }),
      });
      return { idFournisseur: String(corps.messageId) };
    },
    async dejaAccepte(reference, a) {
      const q = new URLSearchParams({ tags: reference, phoneNumber: a, days: '30', limit: '10' });
      const corps = (await appeler(`/v3/transactionalSMS/statistics/events?${q.toString()}`)) as {
        events?: { messageId?: number | string; event?: string }[];
      };
      const e = corps.events?.find((x) => x.messageId !== undefined && x.event !== 'rejected');
      return e ? { idFournisseur: String(e.messageId) } : null;
    },
  };
}

/** A French or international number as providers want it (33612345678), or null when it cannot be one. */
export function numeroInternational(telephone: string): string | null {
  const n = telephone.replace(/[\s.-]/g, '');
  if (/^0[1-9]\d{8}$/.test(n)) return `33${n.slice(1)}`;
  if (/^\+\d{8,15}$/.test(n)) return n.slice(1);
  if (/^00\d{8,15}$/.test(n)) return n.slice(2);
  return null;
}
