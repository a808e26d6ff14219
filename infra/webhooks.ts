/**
 * Deliveries to partners' systems over HTTP, signed as Standard Webhooks says (https://www.standardwebhooks.com):
 * `webhook-id` (the event id), `webhook-timestamp` (Unix seconds of this attempt) and `webhook-signature`
 * (`v1,` + base64 of HMAC-SHA256 over `<id>.<timestamp>.<body>` with the subscription's secret). Receivers
 * verify it with the same library in their language, rejecting timestamps more than 5 minutes off.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new subscription's secret (`whsec_` + 32 random bytes in base64), the form the libraries read. */
export const nouveauSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** The signature headers of one attempt. */
export function entetesSignees(secret: string, id: string, corps: string, maintenant = new Date()) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(maintenant.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, maintenant, corps),
  };
}

/** Verifies a received delivery (what a receiver does); throws on a wrong signature or a stale timestamp. */
export function verifierSignature(secret: string, corps: string, entetes: Record<string, string>): void {
  // Only the signature: the body's parsing is the receiver's business.
  new Webhook(secret).verify(corps, entetes, { jsonParse: false });
}

/** A receiver that does not answer within this time has failed this attempt (it never holds anything else). */
export const DELAI_HTTP_MS = 10_000;

/** The answer of one attempt: its HTTP status, or the network error (refused, reset, timeout). */
export type Reponse = { statut: number } | { erreur: string };

/** Posts one signed delivery; never throws (a failed attempt is an answer too). */
export async function posterWebhook(
  url: string,
  secret: string,
  envoi: { id: string; type: string; corps: string; tentative: number },
  delaiMs = DELAI_HTTP_MS,
): Promise<Reponse> {
  try {
    const r = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Parcours-Solidarites-Webhooks/1',
        'x-parcours-evenement': envoi.type,
        'x-parcours-tentative': String(envoi.tentative),
        ...entetesSignees(secret, envoi.id, envoi.corps),
      },
      body: envoi.corps,
      redirect: 'manual',
      signal: AbortSignal.timeout(delaiMs),
    });
    // The body is not read beyond what the connection needs: a receiver's answer carries nothing for us.
    await r.body?.cancel();
    return { statut: r.status };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    if (err instanceof Error && err.name === 'TimeoutError') return { erreur: `Pas de réponse en ${delaiMs / 1000} s` };
    return { erreur: cause ?? (err instanceof Error ? err.message : String(err)) };
  }
}
