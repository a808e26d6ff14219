import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { AgentConnecte } from '../acces';
import { HttpError } from '../errors';
import type { ConfigAuth } from './configuration';
import type { AgentActif } from './agents';

export interface Oidc {
  configuration(): Promise<oidc.Configuration>;
  agentDuJeton(jeton: string): Promise<AgentConnecte | undefined>;
}

/** The OpenID Connect provider: its discovered configuration, and the agents behind bearer tokens. */
export function fournisseurOidc(cfg: ConfigAuth, agentActif: AgentActif): Oidc {
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
  return { configuration: configurationOidc, agentDuJeton };
}
