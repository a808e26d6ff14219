import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpError } from '../errors';
import type { ConfigAuth } from './configuration';
import { COOKIE_SESSION } from './sessions';

/**
 * Cookie sessions are sent by the browser whatever page triggers the request: a write that rides on the
 * cookie must come from the application's own origin (Origin header, else Sec-Fetch-Site). Bearer and Dev
 * headers are never added by a browser on its own, so they need no such check.
 */
export function verificationOrigine(cfg: ConfigAuth): RequestHandler {
  const origineAttendue = new URL(cfg.urlApplication).origin;
  return (req, _res, next) => {
    if (
      ['GET', 'HEAD', 'OPTIONS'].includes(req.method) ||
      req.header('authorization') ||
      !req.headers.cookie?.includes(`${COOKIE_SESSION}=`)
    ) {
      next();
      return;
    }
    const origine = req.header('origin');
    const memeHote = (o: string) => {
      try {
        return new URL(o).host === req.get('host');
      } catch {
        return false;
      }
    };
    const ok = origine
      ? origine === origineAttendue || memeHote(origine)
      : req.header('sec-fetch-site') === 'same-origin';
    next(ok ? undefined : new HttpError(403, 'origine_refusee', 'Requête refusée : origine inconnue.'));
  };
}

/** Requests per client address and minute, beyond which the answer is a 429 with this code and message. */
export function limiteParMinute(limite: number, code: string, message: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limite,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new HttpError(429, code, message)),
  });
}

/** Sign-in attempts per address and minute. */
export const limiteConnexions = (cfg: ConfigAuth): RequestHandler =>
  limiteParMinute(
    cfg.limiteConnexions,
    'trop_de_tentatives',
    'Trop de tentatives de connexion. Réessayez dans une minute.',
  );
