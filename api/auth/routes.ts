import express from 'express';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { Db } from '../../infra/prisma';
import type { Logger } from '../../infra/logger';
import { identifiant } from '../../domain/validation';
import { HttpError } from '../errors';
import type { AgentsDeveloppement } from '../contrat';
import type { AgentActif } from './agents';
import type { ConfigAuth } from './configuration';
import type { Oidc } from './oidc';
import { limiteConnexions } from './protections';
import { COOKIE_SESSION, detruire, enregistrer, ouvrirSession } from './sessions';

const agentDevSchema = z.object({ agentId: identifiant });

/** /auth/* routes: sign-in through the provider and its callback, sign-out; the development sign-in in dev mode. */
export function routesAuth(
  cfg: ConfigAuth,
  deps: { db: Db; departement: string; logger: Logger },
  agentActif: AgentActif,
  fournisseur: Oidc,
): express.Router {
  const { db } = deps;
  const limiteur = limiteConnexions(cfg);
  const configurationOidc = () => fournisseur.configuration();
  const routes = express.Router();
  if (cfg.mode === 'oidc') {
    routes.get('/auth/connexion', limiteur, async (req, res) => {
      const config = await configurationOidc();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      req.session.oidc = { verifier, state, nonce };
      await enregistrer(req);
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${cfg.urlApplication}/auth/callback`,
        scope: cfg.oidc!.scope,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      res.redirect(303, url.href);
    });

    routes.get('/auth/callback', limiteur, async (req, res) => {
      const transaction = req.session.oidc;
      if (!transaction) throw new HttpError(400, 'connexion_expiree', 'Connexion expirée : recommencez.');
      delete req.session.oidc;
      const config = await configurationOidc();
      let jetons: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        jetons = await oidc.authorizationCodeGrant(config, new URL(req.originalUrl, cfg.urlApplication), {
          pkceCodeVerifier: transaction.verifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        deps.logger.warn({ err }, 'connexion OIDC refusée');
        throw new HttpError(401, 'connexion_refusee', 'Connexion refusée par le fournisseur d’identité.');
      }
      const claims = jetons.claims()!;
      const email =
        typeof claims.email === 'string'
          ? claims.email
          : (await oidc.fetchUserInfo(config, jetons.access_token, claims.sub)).email;
      const agent = typeof email === 'string' ? await agentActif({ email }, 'session') : undefined;
      if (!agent)
        throw new HttpError(403, 'agent_inconnu', 'Aucun agent actif du département ne correspond à ce compte.');
      await ouvrirSession(req, res, agent.id, jetons.id_token);
      res.redirect(303, '/');
    });
  }

  if (cfg.mode === 'dev') {
    routes.post('/auth/dev', limiteur, async (req, res) => {
      const r = agentDevSchema.safeParse(req.body ?? {});
      if (!r.success) throw new HttpError(400, 'donnees_invalides', 'Identifiant d’agent invalide.');
      const agent = await agentActif({ id: r.data.agentId }, 'session');
      if (!agent) throw new HttpError(401, 'non_authentifie', 'Agent inconnu ou inactif.');
      await ouvrirSession(req, res, agent.id);
      res.json({ agentId: agent.id });
    });
    routes.get('/auth/dev/agents', async (_req, res) => {
      const agents = await db.agent.findMany({
        where: { departement: deps.departement, actif: true },
        orderBy: [{ nom: 'asc' }, { prenom: 'asc' }],
      });
      const corps: AgentsDeveloppement = {
        items: agents.map((a) => ({
          agentId: a.id,
          prenom: a.prenom,
          nom: a.nom,
          roles: a.roles,
          equipeId: a.equipeId,
        })),
      };
      res.json(corps);
    });
  }

  routes.post('/auth/deconnexion', async (req, res) => {
    const idToken = req.session?.idToken;
    if (req.session) await detruire(req);
    res.clearCookie(COOKIE_SESSION, { httpOnly: true, sameSite: 'lax', secure: cfg.cookieSecure, path: '/' });
    let redirection = '/connexion';
    if (cfg.mode === 'oidc' && idToken) {
      redirection = oidc.buildEndSessionUrl(await configurationOidc(), {
        id_token_hint: idToken,
        post_logout_redirect_uri: `${cfg.urlApplication}/connexion`,
      }).href;
    }
    res.json({ redirection });
  });
  return routes;
}
