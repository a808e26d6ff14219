/**
 * OpenID Connect against a real provider started locally (oidc-provider, test/support/fournisseur-oidc.mjs):
 * sign-in by authorization code + PKCE, session cookie, origin check of cookie-borne writes, sign-out,
 * bearer access tokens for API clients and their expiry, rate limit of sign-in, production refusals.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type http from 'node:http';
import { authDev, startStack, testLogger, type Stack } from '../support/stack';
import { nouvelAgent } from '../support/parcours';
import { freePort } from '../../infra/postgres';
import { authentification, configurationAuth } from '../../api/auth';
import { loadEnv } from '../../infra/env';

const CLIENT = { clientId: 'parcours-solidarites', clientSecret: 'secret-du-client-de-test' };
const TTL_JETON_S = 3;

/** Cookies per origin, as a browser would keep them (paths ignored: harmless here). */
class Navigateur {
  private readonly jar = new Map<string, Map<string, string>>();

  async aller(url: string, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = [...(this.jar.get(u.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await fetch(u, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), ...(cookies ? { cookie: cookies } : {}) },
    });
    for (const c of r.headers.getSetCookie()) {
      const [paire] = c.split(';') as [string];
      const i = paire.indexOf('=');
      const jar = this.jar.get(u.origin) ?? new Map<string, string>();
      const valeur = paire.slice(i + 1);
      if (valeur === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(paire.slice(0, i));
      else jar.set(paire.slice(0, i), valeur);
      this.jar.set(u.origin, jar);
    }
    return r;
  }

  cookie(origine: string, nom: string): string | undefined {
    return this.jar.get(origine)?.get(nom);
  }
}

const suivant = (r: Response, base: string) => new URL(r.headers.get('location')!, base).href;

describe('Connexion OpenID Connect (fournisseur réel, local)', () => {
  let s: Stack;
  let fournisseur: ChildProcess;
  let serveur: http.Server;
  let issuer: string;
  let app: string;
  let agentEmail: string;
  let agentId: string;

  beforeAll(async () => {
    const [portApp, portOidc] = [await freePort(), await freePort()];
    app = `http://127.0.0.1:${portApp}`;
    fournisseur = spawn(
      process.execPath,
      [
        path.join(__dirname, '../support/fournisseur-oidc.mjs'),
        JSON.stringify({
          port: portOidc,
          ...CLIENT,
          redirectUri: `${app}/auth/callback`,
          postLogoutRedirectUri: `${app}/connexion`,
          accessTokenTtl: TTL_JETON_S,
        }),
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    issuer = await new Promise<string>((resolve, reject) => {
      fournisseur.once('exit', (code) => reject(new Error(`fournisseur OIDC arrêté (${code})`)));
      fournisseur.stdout!.on('data', (d: Buffer) => {
        const m = /pret (\S+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
    });
    s = await startStack({
      auth: {
        mode: 'oidc',
        urlApplication: app,
        sessionSecret: 'secret-de-session-de-test',
        sessionDureeMs: 3_600_000,
        cookieSecure: false,
        limiteConnexions: 20,
        oidc: { issuer, ...CLIENT, scope: 'openid email', autoriserHttp: true },
      },
    });
    serveur = await new Promise((resolve) => {
      const x = s.app.listen(portApp, '127.0.0.1', () => resolve(x));
    });
    agentId = await nouvelAgent(s.db, ['cadre'], null, 'cadre-oidc');
    agentEmail = `${agentId}@cd45.invalid`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      serveur.close(() => resolve());
      serveur.closeAllConnections();
    });
    fournisseur.kill();
    await s.stop();
  });

  /** The provider's sign-in page: the person signs in as `email`; returns the redirect back to the application. */
  async function seConnecterChezLeFournisseur(nav: Navigateur, authorize: string, email: string): Promise<string> {
    const versInteraction = await nav.aller(authorize);
    expect(versInteraction.status).toBe(303);
    const interaction = suivant(versInteraction, issuer);
    const apresLogin = await nav.aller(`${interaction}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `login=${encodeURIComponent(email)}`,
    });
    expect(apresLogin.status).toBe(303);
    const reprise = await nav.aller(suivant(apresLogin, issuer));
    expect(reprise.status).toBe(303);
    return suivant(reprise, issuer);
  }

  /** The screens' sign-in: /auth/connexion → provider → /auth/callback → session cookie. */
  async function connexion(email: string) {
    const nav = new Navigateur();
    const debut = await nav.aller(`${app}/auth/connexion`);
    expect(debut.status).toBe(303);
    const authorize = suivant(debut, app);
    expect(authorize.startsWith(`${issuer}/auth?`)).toBe(true);
    expect(new URL(authorize).searchParams.get('code_challenge_method')).toBe('S256');
    const retour = await seConnecterChezLeFournisseur(nav, authorize, email);
    expect(retour.startsWith(`${app}/auth/callback?`)).toBe(true);
    const fin = await nav.aller(retour);
    return { nav, fin };
  }

  it('connecte l’agent par le fournisseur : session en cookie httpOnly, agent de la base, écritures de la même origine seulement', async () => {
    const { nav, fin } = await connexion(agentEmail);
    expect(fin.status).toBe(303);
    expect(fin.headers.get('location')).toBe('/');
    const setCookie = fin.headers.getSetCookie().find((c) => c.startsWith('ps.sid='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const moi = await nav.aller(`${app}/auth/session`);
    expect(moi.status).toBe(200);
    expect(await moi.json()).toMatchObject({ agentId, roles: ['cadre'], moyen: 'session', mode: 'oidc' });
    expect((await nav.aller(`${app}/parcours`)).status).toBe(200);

    // A write riding on the cookie must come from the application's origin (CSRF).
    const usager = JSON.stringify({ nom: 'Origine', prenom: 'Test' });
    const json = { 'content-type': 'application/json' };
    expect((await nav.aller(`${app}/usagers`, { method: 'POST', headers: json, body: usager })).status).toBe(403);
    expect(
      (
        await nav.aller(`${app}/usagers`, {
          method: 'POST',
          headers: { ...json, origin: 'https://ailleurs.example' },
          body: usager,
        })
      ).status,
    ).toBe(403);
    expect(
      (await nav.aller(`${app}/usagers`, { method: 'POST', headers: { ...json, origin: app }, body: usager })).status,
    ).toBe(201);

    // Security headers and no development sign-in in OIDC mode.
    expect(moi.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(moi.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      (await fetch(`${app}/auth/dev`, { method: 'POST', headers: json, body: JSON.stringify({ agentId }) })).status,
    ).toBe(404);
    expect((await fetch(`${app}/auth/session`, { headers: { authorization: `Dev ${agentId}` } })).status).toBe(401);
  });

  it('déconnecte : la session est détruite côté serveur et la fin de session du fournisseur est proposée', async () => {
    const { nav } = await connexion(agentEmail);
    const ancien = nav.cookie(new URL(app).origin, 'ps.sid')!;
    const r = await nav.aller(`${app}/auth/deconnexion`, { method: 'POST', headers: { origin: app } });
    expect(r.status).toBe(200);
    const { redirection } = (await r.json()) as { redirection: string };
    expect(redirection.startsWith(`${issuer}/session/end?`)).toBe(true);
    expect(new URL(redirection).searchParams.get('id_token_hint')).toBeTruthy();
    // The old cookie, replayed, opens nothing: the session is gone from the store.
    expect((await fetch(`${app}/auth/session`, { headers: { cookie: `ps.sid=${ancien}` } })).status).toBe(401);
  });

  it('termine la session à son expiration', async () => {
    const { nav, fin } = await connexion(agentEmail);
    expect({ status: fin.status, corps: fin.status === 303 ? null : await fin.text() }).toEqual({
      status: 303,
      corps: null,
    });
    expect((await nav.aller(`${app}/auth/session`)).status).toBe(200);
    const sid = decodeURIComponent(nav.cookie(new URL(app).origin, 'ps.sid')!)
      .replace(/^s:/, '')
      .split('.')[0]!;
    await s.db.sessionAgent.update({ where: { sid }, data: { expire: new Date(Date.now() - 1000) } });
    expect((await nav.aller(`${app}/auth/session`)).status).toBe(401);
  });

  it('refuse un compte sans agent actif, et un retour du fournisseur falsifié', async () => {
    const { fin } = await connexion('inconnu@ailleurs.invalid');
    expect(fin.status).toBe(403);
    expect(((await fin.json()) as { erreur: { code: string } }).erreur.code).toBe('agent_inconnu');

    const nav = new Navigateur();
    const debut = await nav.aller(`${app}/auth/connexion`);
    const retour = new URL(await seConnecterChezLeFournisseur(nav, suivant(debut, app), agentEmail));
    retour.searchParams.set('state', 'falsifie');
    const r = await nav.aller(retour.href);
    expect(r.status).toBe(401);
    expect(JSON.stringify(await r.json())).not.toMatch(/stack|at .*\.js/);
  });

  it('accepte le jeton d’accès du fournisseur (Bearer) d’un client d’API, puis le refuse à son expiration', async () => {
    // An API client obtains its own access token (authorization code + PKCE), then calls the API with it.
    const nav = new Navigateur();
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${issuer}/auth`);
    for (const [k, v] of Object.entries({
      client_id: CLIENT.clientId,
      response_type: 'code',
      scope: 'openid email',
      redirect_uri: `${app}/auth/callback`,
      state: 'etat-client',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }))
      authorize.searchParams.set(k, v);
    const code = new URL(await seConnecterChezLeFournisseur(nav, authorize.href, agentEmail)).searchParams.get('code')!;
    const jeton = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${app}/auth/callback`,
        code_verifier: verifier,
      }),
    });
    expect(jeton.status).toBe(200);
    const { access_token: acces } = (await jeton.json()) as { access_token: string };
    const bearer = { authorization: `Bearer ${acces}` };

    const moi = await fetch(`${app}/auth/session`, { headers: bearer });
    expect(moi.status).toBe(200);
    expect(await moi.json()).toMatchObject({ agentId, moyen: 'bearer' });
    // No origin check for bearer calls: a browser never adds this header by itself.
    expect(
      (
        await fetch(`${app}/usagers`, {
          method: 'POST',
          headers: { ...bearer, 'content-type': 'application/json' },
          body: JSON.stringify({ nom: 'Jeton', prenom: 'Test' }),
        })
      ).status,
    ).toBe(201);
    expect((await fetch(`${app}/auth/session`, { headers: { authorization: `Bearer ${acces}x` } })).status).toBe(401);

    await new Promise((r) => setTimeout(r, (TTL_JETON_S + 1) * 1000));
    const expire = await fetch(`${app}/auth/session`, { headers: bearer });
    expect(expire.status).toBe(401);
    expect(((await expire.json()) as { erreur: { code: string } }).erreur.code).toBe('non_authentifie');
  });

  it('limite les tentatives de connexion par adresse (429)', async () => {
    let statut = 0;
    for (let i = 0; i < 25 && statut !== 429; i++)
      statut = (await fetch(`${app}/auth/connexion`, { redirect: 'manual' })).status;
    expect(statut).toBe(429);
  });

  it('refuse la connexion de développement en production, et exige un fournisseur et un secret de session', () => {
    const base = { URL_APPLICATION: 'https://parcours.departement.fr' };
    expect(() =>
      configurationAuth(loadEnv({ ...base, NODE_ENV: 'production', AUTH_MODE: 'dev', SESSION_SECRET: 'x'.repeat(40) })),
    ).toThrow(/interdit en production/);
    expect(() =>
      configurationAuth(loadEnv({ ...base, NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })),
    ).toThrow(/OIDC_ISSUER/);
    expect(() =>
      configurationAuth(
        loadEnv({ ...base, NODE_ENV: 'production', OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' }),
      ),
    ).toThrow(/SESSION_SECRET/);
    const prod = configurationAuth(
      loadEnv({
        ...base,
        NODE_ENV: 'production',
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'c',
        OIDC_CLIENT_SECRET: 's',
        SESSION_SECRET: 'x'.repeat(40),
      }),
    );
    expect(prod).toMatchObject({ mode: 'oidc', cookieSecure: true, oidc: { autoriserHttp: false } });
    expect(configurationAuth(loadEnv({ NODE_ENV: 'development' })).mode).toBe('dev');
    // Even a development configuration built by hand is refused by a production process.
    const avant = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => authentification(authDev, { db: s.db, departement: 'loiret', logger: testLogger })).toThrow(
        /interdit en production/,
      );
    } finally {
      process.env.NODE_ENV = avant;
    }
  });
});
