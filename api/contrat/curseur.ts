/**
 * The cursor of a keyset page (`apres=`): base64url of `{ t: order, k: position }` — the last row's sort key and
 * id. Opaque to clients (they pass back `suivant`); validated field by field, since it comes back from outside.
 */
import { CLES, type Position, type Tri } from '../../domain/parcours/tris';
import { z } from './zod';

export const MESSAGE_CURSEUR = 'Curseur de page invalide : reprendre la liste depuis sa première page.';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const valide = (tri: Tri, k: unknown): k is Position =>
  Array.isArray(k) &&
  k.length === CLES[tri].length &&
  CLES[tri].every((cle, i) => {
    const v: unknown = k[i];
    if (v === null) return !!cle.nullable;
    if (cle.type === 'booleen') return typeof v === 'boolean';
    if (cle.type === 'uuid') return typeof v === 'string' && UUID.test(v);
    return typeof v === 'string' && INSTANT.test(v) && Number.isFinite(Date.parse(v));
  });

// btoa/atob rather than Buffer: the screens' build reads this contract too. The JSON is ASCII (ids, ISO dates).
export const encoderCurseur = (tri: Tri, k: Position): string =>
  btoa(JSON.stringify({ t: tri, k }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function decoder(s: string): { t: Tri; k: Position } | null {
  try {
    const c = JSON.parse(atob(s.replace(/-/g, '+').replace(/_/g, '/'))) as { t?: unknown; k?: unknown };
    return typeof c.t === 'string' && c.t in CLES && valide(c.t as Tri, c.k) ? { t: c.t as Tri, k: c.k } : null;
  } catch {
    return null;
  }
}

/** The `apres` query parameter: decoded into its order and position, or a 400 naming the field. */
export const curseur = z
  .string()
  .max(400, MESSAGE_CURSEUR)
  .regex(/^[A-Za-z0-9_-]+$/, MESSAGE_CURSEUR)
  .transform((s, ctx) => {
    const c = decoder(s);
    if (!c) {
      ctx.addIssue({ code: 'custom', message: MESSAGE_CURSEUR });
      return z.NEVER;
    }
    return c;
  })
  .describe('Curseur de la page suivante : la valeur `suivant` de la page précédente, tel quel');
