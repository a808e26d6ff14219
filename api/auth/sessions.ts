import type { Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { Db } from '../../infra/prisma';
import type { ConfigAuth } from './configuration';

/** What a session holds: the signed-in agent, and the OIDC transaction while signing in. */
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

/** The session middleware: cookie `ps.sid`, sessions stored server-side in PostgreSQL. */
export function sessionsAgents(cfg: ConfigAuth, db: Db): RequestHandler {
  return session({
    name: COOKIE_SESSION,
    secret: cfg.sessionSecret,
    store: new MagasinSessions(db, cfg.sessionDureeMs),
    resave: false,
    saveUninitialized: false,
    // Lax, not Strict: the provider's redirect back to /auth/callback is a cross-site navigation that must
    // carry the cookie holding state, nonce and PKCE verifier. Writes are protected by the origin check.
    cookie: { httpOnly: true, sameSite: 'lax', secure: cfg.cookieSecure, maxAge: cfg.sessionDureeMs, path: '/' },
  });
}

export const regenerer = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err as Error) : resolve())));
// Saved before answering: express-session would otherwise save while the response is already on its way,
// and the browser's next request (the redirect, or /auth/session) could arrive before the session exists.
export const enregistrer = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err as Error) : resolve())));
export const detruire = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err as Error) : resolve())));

export async function ouvrirSession(req: Request, res: Response, agentId: string, idToken?: string): Promise<void> {
  // A fresh session id at sign-in: an id planted before sign-in (fixation) is worth nothing after it.
  await regenerer(req);
  req.session.agentId = agentId;
  if (idToken) req.session.idToken = idToken;
  await enregistrer(req);
  res.setHeader('Cache-Control', 'no-store');
}
