/**
 * The token of a person's link (no account): the link's id and its expiry, signed with HMAC-SHA-256 under a
 * secret of the département (LIEN_USAGER_SECRET). Compact enough for an SMS (48 characters). The signature
 * proves the link was issued here; the LienUsager row says whether it is still valid (revocation).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const TAILLE_SIGNATURE = 16;

const signature = (corps: Buffer, secret: string) =>
  createHmac('sha256', secret).update(corps).digest().subarray(0, TAILLE_SIGNATURE);

export function signerJeton(lien: { id: string; expireLe: Date }, secret: string): string {
  const corps = Buffer.alloc(20);
  Buffer.from(lien.id.replace(/-/g, ''), 'hex').copy(corps, 0);
  corps.writeUInt32BE(Math.floor(lien.expireLe.getTime() / 1000), 16);
  return Buffer.concat([corps, signature(corps, secret)]).toString('base64url');
}

/**
 * The link a genuine token designates and its expiry (checked by the caller, so that an expired opening is still
 * journaled with its person), or null when the token is malformed or forged.
 */
export function lireJeton(jeton: string, secret: string): { id: string; expireLe: Date } | null {
  if (!/^[A-Za-z0-9_-]{48}$/.test(jeton)) return null;
  const brut = Buffer.from(jeton, 'base64url');
  const corps = brut.subarray(0, 20);
  if (!timingSafeEqual(brut.subarray(20), signature(corps, secret))) return null;
  const hex = corps.subarray(0, 16).toString('hex');
  return {
    id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    expireLe: new Date(corps.readUInt32BE(16) * 1000),
  };
}
