// A real OpenID Connect provider for the tests (npm oidc-provider), on 127.0.0.1.
//
// Started by sso/tests/provider.py. It listens on a free port, prints "listening <issuer>" and
// serves until killed. Configuration comes from the environment:
//   (redirect URIs: our callback on the test client's host or any local port, see CALLBACK)
//   OIDC_CLOCK_OFFSET_MS the test process's clock shift (make test-future moves Python's clock;
//                        the provider's moves with it, so its tokens are not issued "a year ago")
//   OIDC_ACCOUNTS        JSON: {"login": {"email": ..., "email_verified": bool, "amr": [...], ...}}
// Clients: "lscb" (id_tokens live an hour) and "lscb-short-lived" (id_tokens live 1 second, for
// the expired-token test). Both authenticate with client_secret_post and the secret below.
// The login page is the provider's own (a plain form: account name and password); every test
// account's password is "provider-pass". Consent is granted without asking (a first-party app).
import http from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

const offset = Number(process.env.OIDC_CLOCK_OFFSET_MS || 0);
if (offset) {
  const realNow = Date.now;
  Date.now = () => realNow() + offset;
}

const SECRET = 'test-client-secret-of-enough-length';
const PASSWORD = 'provider-pass';
// The test client's callback, or the live server's (its port is known only once it runs).
const CALLBACK = /^http:\/\/(testserver|localhost:\d+|127\.0\.0\.1:\d+)\/accounts\/sso\/callback\/$/;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function loginPage(uid, error) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider: sign in</title></head>
<body><main><h1>Test identity provider</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="login">Account name</label> <input id="login" name="login" type="text" autocomplete="username"></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password"></p>
<p><button type="submit">Sign in</button></p>
</form></main></body></html>`;
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; if (body.length > 10000) req.destroy(); });
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(body))));
    req.on('error', reject);
  });
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const client = (clientId) => ({
    client_id: clientId,
    client_secret: SECRET,
    redirect_uris: ['http://testserver/accounts/sso/callback/'],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  });
  const provider = new Provider(issuer, {
    clients: [client('lscb'), client('lscb-short-lived')],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-key-one', 'test-cookie-key-two'] },
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: {
      IdToken: (ctx, token, clientOf) => (clientOf && clientOf.clientId === 'lscb-short-lived' ? 1 : 3600),
      AccessToken: 3600,
      AuthorizationCode: 600,
      Interaction: 3600,
      Session: 3600,
      Grant: 3600,
    },
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const { amr, ...claims } = account;
          return { sub: id, ...claims };
        },
      };
    },
  });

  provider.Client.prototype.redirectUriAllowed = (uri) => CALLBACK.test(uri);
  const oidc = provider.callback();
  server.on('request', async (req, res) => {
    const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
    if (!match) return oidc(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'consent') {
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
        grant.addOIDCScope(details.params.scope);
        const grantId = await grant.save();
        return await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      }
      if (req.method === 'POST' && match[2]) {
        const form = await readForm(req);
        const account = accounts[form.login];
        if (!account || form.password !== PASSWORD) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(loginPage(details.uid, 'Wrong account name or password.'));
        }
        const login = { accountId: form.login, amr: account.amr || ['pwd'] };
        return await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginPage(details.uid));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end(`interaction failed: ${error.message}`);
    }
  });
  process.stdout.write(`listening ${issuer}\n`);
});
