/**
 * Authentication. Screens: OpenID Connect sign-in (ProConnect or the département's provider, authorization
 * code + PKCE with openid-client), then a server-side session (express-session, sessions in PostgreSQL) whose
 * cookie is httpOnly. API clients: `Authorization: Bearer <access token>` from the same provider, checked by
 * introspection. In both cases the agent is the active Agent row with the signed-in email.
 * Development mode (no provider configured, never in production): POST /auth/dev and `Authorization: Dev <id>`.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Db } from '../../infra/prisma';
import type { Logger } from '../../infra/logger';
import { HttpError } from '../errors';
import { agentsActifs } from './agents';
import type { ConfigAuth } from './configuration';
import { fournisseurOidc } from './oidc';
import { verificationOrigine } from './protections';
import { routesAuth } from './routes';
import { sessionsAgents } from './sessions';

export { configurationAuth, type ConfigAuth } from './configuration';
export { COOKIE_SESSION } from './sessions';

export interface Authentification {
  /** Session cookie, agent resolution (session, bearer, dev) and the origin check of cookie-borne writes. */
  middlewares: RequestHandler[];
  /** /auth/* routes: sign-in, callback, sign-out (and the development sign-in in dev mode). */
  routes: Router;
}

export function authentification(
  cfg: ConfigAuth,
  deps: { db: Db; departement: string; logger: Logger },
): Authentification {
  // Whatever built this configuration, a production process never serves the development sign-in.
  if (cfg.mode === 'dev' && process.env.NODE_ENV === 'production')
    throw new Error('AUTH_MODE=dev est interdit en production (NODE_ENV=production).');
  const agentActif = agentsActifs(deps.db, deps.departement);
  const fournisseur = fournisseurOidc(cfg, agentActif);
  const agentDuJeton = (jeton: string) => fournisseur.agentDuJeton(jeton);

  const resoudreAgent: RequestHandler = (req, _res, next) => {
    const autorisation = req.header('authorization');
    const resoudre = async (): Promise<void> => {
      // Basic credentials are never an agent's: they authenticate a machine's callback (the SMS provider's,
      // api/routes/sms.ts), checked by its route; elsewhere they leave the request anonymous (401).
      if (autorisation && !/^basic\s/i.test(autorisation)) {
        const [schema, valeur] = autorisation.split(/\s+/, 2);
        if (schema?.toLowerCase() === 'bearer' && valeur && cfg.mode === 'oidc') {
          req.agent = await agentDuJeton(valeur).catch((err: unknown) => {
            deps.logger.warn({ err }, 'vérification du jeton impossible');
            return undefined;
          });
        } else if (schema === 'Dev' && valeur && cfg.mode === 'dev') {
          req.agent = await agentActif({ id: valeur }, 'dev');
        }
        // Any other Authorization header authenticates nobody (401 on protected routes).
        if (!req.agent) throw new HttpError(401, 'non_authentifie', 'Jeton invalide ou expiré.');
        return;
      }
      const id = req.session?.agentId;
      if (id) req.agent = await agentActif({ id }, 'session');
    };
    resoudre().then(() => next(), next);
  };

  return {
    middlewares: [sessionsAgents(cfg, deps.db), verificationOrigine(cfg), resoudreAgent],
    routes: routesAuth(cfg, deps, agentActif, fournisseur),
  };
}

/** For handlers outside route(): 401 unless an agent is resolved. */
export function exigerAgent(req: Request, _res: Response, next: NextFunction): void {
  next(req.agent ? undefined : new HttpError(401, 'non_authentifie', 'Authentification requise.'));
}
