// A real OpenID Connect issuer (oidc-provider) for the browser test of the console's production sign-in.
// Usage: node oidc-issuer.mjs <port> <redirect uri> <audience>; prints "ready" once it listens.
import Provider from 'oidc-provider';

const [port, redirectUri, audience] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const people = { 'h-001': { name: '王志强', role: 'handler', orgUnit: '市委组织部' } };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'console',
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  clientBasedCORS: () => true,
  cookies: { keys: ['browser-test-cookie-key'] },
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: people[sub]?.name ?? sub }) }),
  extraTokenClaims: (_ctx, token) => people[token.accountId] ?? {},
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'openid profile',
        audience,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
provider.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
