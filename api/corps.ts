import express, { type RequestHandler } from 'express';

/** Deepest nesting of a JSON body: far more than any schema of the contract, far less than a stack. */
export const PROFONDEUR_MAX = 32;

/**
 * The nesting depth of a JSON text, read iteratively in one pass over its bytes (strings skipped), so that it
 * is known before anything walks the parsed value recursively.
 */
export function profondeurJson(texte: Buffer): number {
  let profondeur = 0;
  let max = 0;
  let dansChaine = false;
  for (let i = 0; i < texte.length; i++) {
    const c = texte[i];
    if (dansChaine) {
      if (c === 0x5c)
        i++; // backslash: the next byte is escaped
      else if (c === 0x22) dansChaine = false;
    } else if (c === 0x22) dansChaine = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++profondeur);
    else if (c === 0x7d || c === 0x5d) profondeur--;
  }
  return max;
}

/** The methods whose bodies the API reads (its routes declare bodies on these only). */
const AVEC_CORPS = new Set(['POST', 'PATCH', 'PUT']);

/**
 * The JSON body parser: size and depth bounded; its refusals are 4xx (see errors.ts). A body sent with another
 * method is not read: such a request is answered as the document says (never 413 or 415 on a GET).
 */
export function corpsJson(limit = '100kb'): RequestHandler {
  const lire = express.json({
    limit,
    verify: (_req, _res, buf) => {
      if (profondeurJson(buf) > PROFONDEUR_MAX)
        throw Object.assign(new Error('JSON trop imbriqué'), { status: 400, type: 'entity.too.deep' });
    },
  });
  return (req, res, next) => (AVEC_CORPS.has(req.method) ? lire(req, res, next) : next());
}
