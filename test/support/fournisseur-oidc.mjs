/**
 * A real OpenID Connect provider for the tests (the `oidc-provider` package, as used by identity providers in
 * production), started in its own Node process: it is an ES module and runs outside jest's module system.
 * Argument: a JSON configuration { port, clientId, clientSecret, redirectUri, postLogoutRedirectUri, accessTokenTtl }.
 * Sign-in page: POST /interaction/<uid>/login with `login=<email>` signs that email in and grants the scopes.
 * Prints "pret <issuer>" on stdout when listening.
 */
import process from 'node:process';
import { URLSearchParams } from 'node:url';
import Provider from 'oidc-provider';

const cfg = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${cfg.port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: cfg.clientId,
      client_secret: cfg.clientSecret,
      redirect_uris: [cfg.redirectUri],
      post_logout_redirect_uris: [cfg.postLogoutRedirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, email: id, email_verified: true }) }),
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  features: {
    devInteractions: { enabled: false },
    introspection: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  ttl: { AccessToken: cfg.accessTokenTtl, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['cle-de-test-uniquement'] },
});

async function lireCorps(req) {
  let corps = '';
  for await (const morceau of req) corps += morceau;
  return new URLSearchParams(corps);
}

provider.use(async (ctx, next) => {
  const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(ctx.path);
  if (!m) return next();
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = `<form method="post" action="/interaction/${m[1]}/login"><input name="login"><button>Connexion</button></form>`;
    return undefined;
  }
  const login = (await lireCorps(ctx.req)).get('login');
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  ctx.respond = false;
  await provider.interactionFinished(
    ctx.req,
    ctx.res,
    { login: { accountId: login }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
  return undefined;
});

provider.listen(cfg.port, '127.0.0.1', () => {
  process.stdout.write(`pret ${issuer}\n`);
});
