/**
 * Authentication. Screens: OpenID Connect sign-in (ProConnect or the département's provider, authorization
 * code + PKCE with openid-client), then a server-side session (express-session, sessions in PostgreSQL) whose
 * cookie is httpOnly. API clients: `Authorization: Bearer <access token>` from the same provider, checked by
 * introspection. In both cases the agent is the active Agent row with the signed-in email.
 * Development mode (no provider configured, never in production): POST /auth/dev and `Authorization: Dev <id>`.
 */
import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import session from 'express-session';
import { rateLimit } from 'express-rate-limit';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { Env } from '../infra/env';
import type { Db } from '../infra/prisma';
import type { Logger } from '../infra/logger';
import type { AgentConnecte } from './acces';
import { ROLES, type Role } from '../domain/organisation/referentiel';
import { HttpError } from './errors';

export interface ConfigAuth {
  mode: 'dev' | 'oidc';
  /** Base URL of the application as browsers reach it (redirect URIs, origin check). */
  urlApplication: string;
  sessionSecret: string;
  sessionDureeMs: number;
  cookieSecure: boolean;
  /** Sign-in attempts per IP and minute. */
  limiteConnexions: number;
  oidc?: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    scope: string;
    audience?: string;
    autoriserHttp: boolean;
  };
}

/**
 * Auth configuration from the environment. Dev mode only when asked or when no issuer is configured, and
 * never with NODE_ENV=production: production refuses to start rather than run without real sign-in.
 */
export function configurationAuth(env: Env): ConfigAuth {
  const production = env.NODE_ENV === 'production';
  const mode = env.AUTH_MODE ?? (env.OIDC_ISSUER ? 'oidc' : production ? undefined : 'dev');
  if (!mode)
    throw new Error('Production : OIDC_ISSUER, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET sont requis (AUTH_MODE=oidc).');
  if (mode === 'dev' && production) throw new Error('AUTH_MODE=dev est interdit en production (NODE_ENV=production).');
  if (production && (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32))
    throw new Error('Production : SESSION_SECRET (32 caractères au moins) est requis.');
  if (mode === 'oidc' && (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
    throw new Error('AUTH_MODE=oidc requiert OIDC_ISSUER, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET.');
  }
  return {
    mode,
    urlApplication: env.URL_APPLICATION.replace(/\/$/, ''),
    // Outside production a per-process secret is enough: sessions simply end when the process restarts.
    sessionSecret:
      env.SESSION_SECRET ?? createHash('sha256').update(`${process.pid}:${Date.now()}:${Math.random()}`).digest('hex'),
    sessionDureeMs: env.SESSION_DUREE_MINUTES * 60_000,
    cookieSecure: production || env.URL_APPLICATION.startsWith('https:'),
    limiteConnexions: env.LIMITE_CONNEXIONS_MINUTE,
    oidc:
      mode === 'oidc'
        ? {
            issuer: env.OIDC_ISSUER!,
            clientId: env.OIDC_CLIENT_ID!,
            clientSecret: env.OIDC_CLIENT_SECRET!,
            scope: env.OIDC_SCOPE,
            audience: env.OIDC_AUDIENCE,
            autoriserHttp: !production,
          }
        : undefined,
  };
}

declare module 'express-session' {
  interface SessionData {
    agentId?: string;
    idToken?: string;
    oidc?: { verifier: string; state: string; nonce: string };
  }
}

export const COOKIE_SESSION = 'ps.sid';

/** express-session store on the SessionAgent table (same PostgreSQL, through Prisma: no second pool). */
class MagasinSessions extends session.Store {
  constructor(
    private readonly db: Db,
    private readonly dureeMs: number,
  ) {
    super();
  }

  private fin(sess: session.SessionData): Date {
    return sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(Date.now() + this.dureeMs);
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    this.db.sessionAgent.findUnique({ where: { sid } }).then(
      (r) => cb(null, r && r.expire > new Date() ? (r.sess as unknown as session.SessionData) : null),
      (err: unknown) => cb(err),
    );
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const donnees = JSON.parse(JSON.stringify(sess)) as object;
    this.db.sessionAgent
      .upsert({
        where: { sid },
        create: { sid, sess: donnees, expire: this.fin(sess) },
        update: { sess: donnees, expire: this.fin(sess) },
      })
      .then(
        () => cb?.(),
        (err: unknown) => cb?.(err),
      );
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.db.sessionAgent.deleteMany({ where: { sid } }).then(
      () => cb?.(),
      (err: unknown) => cb?.(err),
    );
  }

  // No touch(): the stored expiry is set at sign-in, so a session ends after SESSION_DUREE_MINUTES whatever its use.
}

const agentDevSchema = z.object({ agentId: z.string().regex(/^[\w.@-]{1,100}$/, 'Identifiant d’agent invalide.') });

export interface Authentification {
  /** Session cookie, agent resolution (session, bearer, dev) and the origin check of cookie-borne writes. */
  middlewares: RequestHandler[];
  /** /auth/* routes: sign-in, callback, sign-out (and the development sign-in in dev mode). */
  routes: express.Router;
}

export function authentification(
  cfg: ConfigAuth,
  deps: { db: Db; departement: string; logger: Logger },
): Authentification {
  const { db } = deps;
  // Whatever built this configuration, a production process never serves the development sign-in.
  if (cfg.mode === 'dev' && process.env.NODE_ENV === 'production')
    throw new Error('AUTH_MODE=dev est interdit en production (NODE_ENV=production).');

  async function agentActif(
    where: { id: string } | { email: string },
    moyen: AgentConnecte['moyen'],
  ): Promise<AgentConnecte | undefined> {
    const a =
      'id' in where
        ? await db.agent.findUnique({
            where: { id: where.id },
            include: { equipe: { select: { territoireId: true } } },
          })
        : await db.agent.findFirst({
            where: { email: { equals: where.email, mode: 'insensitive' } },
            include: { equipe: { select: { territoireId: true } } },
          });
    if (!a || !a.actif || a.departement !== deps.departement) return undefined;
    return {
      id: a.id,
      email: a.email,
      prenom: a.prenom,
      nom: a.nom,
      departement: a.departement,
      equipeId: a.equipeId,
      territoireId: a.equipe?.territoireId ?? null,
      moyen,
      roles: a.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    };
  }

  // OIDC discovery happens once, lazily (the provider may start after the API); a failure is retried.
  let configuration: Promise<oidc.Configuration> | undefined;
  const configurationOidc = (): Promise<oidc.Configuration> => {
    const o = cfg.oidc;
    if (!o) return Promise.reject(new HttpError(404, 'introuvable', 'Route introuvable.'));
    configuration ??= oidc
      .discovery(
        new URL(o.issuer),
        o.clientId,
        o.clientSecret,
        undefined,
        o.autoriserHttp && o.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        configuration = undefined;
        throw err;
      });
    return configuration;
  };

  // Bearer tokens: introspected, then the agent from the userinfo email; cached until expiry, 60 s at most.
  const jetons = new Map<string, { agentId: string; jusqua: number }>();
  async function agentDuJeton(jeton: string): Promise<AgentConnecte | undefined> {
    const cle = createHash('sha256').update(jeton).digest('hex');
    const connu = jetons.get(cle);
    if (connu && connu.jusqua > Date.now()) return agentActif({ id: connu.agentId }, 'bearer');
    jetons.delete(cle);
    const config = await configurationOidc();
    const intro = await oidc.tokenIntrospection(config, jeton);
    const exp = typeof intro.exp === 'number' ? intro.exp * 1000 : 0;
    if (!intro.active || exp <= Date.now() || !intro.sub) return undefined;
    const aud = cfg.oidc?.audience;
    if (aud && !(Array.isArray(intro.aud) ? intro.aud : [intro.aud]).includes(aud)) return undefined;
    const info = await oidc.fetchUserInfo(config, jeton, intro.sub);
    if (typeof info.email !== 'string') return undefined;
    const agent = await agentActif({ email: info.email }, 'bearer');
    if (agent) {
      if (jetons.size > 10_000) jetons.clear();
      jetons.set(cle, { agentId: agent.id, jusqua: Math.min(exp, Date.now() + 60_000) });
    }
    return agent;
  }

  const sessions = session({
    name: COOKIE_SESSION,
    secret: cfg.sessionSecret,
    store: new MagasinSessions(db, cfg.sessionDureeMs),
    resave: false,
    saveUninitialized: false,
    // Lax, not Strict: the provider's redirect back to /auth/callback is a cross-site navigation that must
    // carry the cookie holding state, nonce and PKCE verifier. Writes are protected by the origin check.
    cookie: { httpOnly: true, sameSite: 'lax', secure: cfg.cookieSecure, maxAge: cfg.sessionDureeMs, path: '/' },
  });

  const resoudreAgent: RequestHandler = (req, _res, next) => {
    const autorisation = req.header('authorization');
    const resoudre = async (): Promise<void> => {
      if (autorisation) {
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

  // Cookie sessions are sent by the browser whatever page triggers the request: a write that rides on the
  // cookie must come from the application's own origin (Origin header, else Sec-Fetch-Site). Bearer and Dev
  // headers are never added by a browser on its own, so they need no such check.
  const origineAttendue = new URL(cfg.urlApplication).origin;
  const verifierOrigine: RequestHandler = (req, _res, next) => {
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

  const limiteur = rateLimit({
    windowMs: 60_000,
    limit: cfg.limiteConnexions,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new HttpError(429, 'trop_de_tentatives', 'Trop de tentatives de connexion. Réessayez dans une minute.')),
  });

  const regenerer = (req: Request) =>
    new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err as Error) : resolve())));
  // Saved before answering: express-session would otherwise save while the response is already on its way,
  // and the browser's next request (the redirect, or /auth/session) could arrive before the session exists.
  const enregistrer = (req: Request) =>
    new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err as Error) : resolve())));
  const detruire = (req: Request) =>
    new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err as Error) : resolve())));

  async function ouvrirSession(req: Request, res: Response, agentId: string, idToken?: string): Promise<void> {
    // A fresh session id at sign-in: an id planted before sign-in (fixation) is worth nothing after it.
    await regenerer(req);
    req.session.agentId = agentId;
    if (idToken) req.session.idToken = idToken;
    await enregistrer(req);
    res.setHeader('Cache-Control', 'no-store');
  }

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
      res.json({
        items: agents.map((a) => ({
          agentId: a.id,
          prenom: a.prenom,
          nom: a.nom,
          roles: a.roles,
          equipeId: a.equipeId,
        })),
      });
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

  return { middlewares: [sessions, verifierOrigine, resoudreAgent], routes };
}

/** For handlers outside route(): 401 unless an agent is resolved. */
export function exigerAgent(req: Request, _res: Response, next: NextFunction): void {
  next(req.agent ? undefined : new HttpError(401, 'non_authentifie', 'Authentification requise.'));
}
