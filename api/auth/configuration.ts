import { createHash } from 'node:crypto';
import type { Env } from '../../infra/env';

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
