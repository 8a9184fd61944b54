/**
 * A real, certified OpenID provider (`oidc-provider`) on loopback, dressed as a Cognito user-pool
 * domain (managed-login-oauth2.md): Cognito's endpoint paths, a sign-in page at /login that takes
 * the authorize query, PKCE with S256 only and required, exact redirect_uri match, single-use codes
 * living 5 minutes, JWT access tokens with `client_id` and `scope`, tokens issued by a
 * `cognito-idp` style issuer, and Cognito's response habits where the reference documents them:
 * `x-amz-cognito-request-id` and an XSRF-TOKEN cookie on every answer (§1), token errors as a bare
 * `{"error":"…"}` (§4.3), and `unauthorized_client` for a redirect_uri that differs from the
 * authorize request's (§3 rule 2, [SO-UNAUTH]) where oidc-provider says invalid_grant.
 * The only code of ours is that thin dress; the protocol is oidc-provider's.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { ParameterizedContext } from 'koa';

export const POOL_REGION = 'us-east-1';
export const POOL_ID = `${POOL_REGION}_L00pBack1`;
/** A Cognito-shaped issuer (the double cannot serve it; tokens only name it). */
export const ISSUER = `https://cognito-idp.${POOL_REGION}.amazonaws.com/${POOL_ID}`;
export const CLIENT_ID = '7loopbackpublicclient0test';
export const USER = { username: 'alice', password: 'Correct-Horse-9', sub: 'a1b2c3d4-0000-4000-8000-00000000a11c', email: 'alice@example.com' };

export interface OAuthDouble {
  /** `http://127.0.0.1:<port>` (`https://` with `tls`): the "user-pool domain". */
  url: string;
  /** `127.0.0.1:<port>`: what Amplify's `oauth.domain` takes (it adds `https://` itself). */
  host: string;
  close(): Promise<void>;
}

/** Cognito's sign-in page, reduced: the classic hosted UI's field names (§2.1 step 2). */
function loginPage(query: string, failed: boolean): string {
  return `<!doctype html><title>Signin</title>${failed ? '<p id="loginErrorMessage">Incorrect username or password.</p>' : ''}
<form name="cognitoSignInForm" method="post" action="/login?${query.replace(/"/g, '&quot;')}">
<input type="hidden" name="_csrf" value="csrf-${randomUUID()}"><input name="username"><input name="password" type="password">
<input type="hidden" name="cognitoAsfData" value=""><input name="signInSubmitButton" type="submit" value="Sign in"></form>`;
}

async function readForm(ctx: ParameterizedContext): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export interface OAuthDoubleOptions {
  redirectUris: string[];
  /** Serve HTTPS with this key and certificate (Amplify v6 only speaks https to the domain). */
  tls?: { key: string; cert: string };
}

export async function startOAuthDouble(options: OAuthDoubleOptions): Promise<OAuthDouble> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'double-1', alg: 'RS256', use: 'sig' };
  const configuration: Configuration = {
    clients: [{ client_id: CLIENT_ID, token_endpoint_auth_method: 'none', redirect_uris: options.redirectUris, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }],
    jwks: { keys: [jwk] },
    routes: { authorization: '/oauth2/authorize', token: '/oauth2/token', userinfo: '/oauth2/userInfo', revocation: '/oauth2/revoke', end_session: '/logout', jwks: '/.well-known/jwks.json' },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'offline_access', 'aws.cognito.signin.user.admin'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['cognito:username'] },
    // Cognito: codes live 5 minutes (§3 rule 9), tokens an hour.
    ttl: { AuthorizationCode: 300, AccessToken: 3600, IdToken: 3600, RefreshToken: 30 * 86400, Interaction: 3600, Session: 3600, Grant: 3600 },
    cookies: { keys: ['double-cookie-key'] },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      // JWT access tokens carrying client_id and scope, as Cognito's do.
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:cognito:userpool',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid email profile aws.cognito.signin.user.admin', accessTokenFormat: 'jwt', audience: CLIENT_ID }),
      },
    },
    // Cognito always returns a refresh token from the code grant.
    issueRefreshToken: (_ctx, client) => Promise.resolve(client.grantTypeAllowed('refresh_token')),
    // The sign-in page is /login with the authorize query, as Cognito's authorize → /login redirect (§2.1 step 1).
    interactions: {
      url: (ctx) => {
        const params = Object.entries(ctx.oidc.params ?? {}).filter((pair): pair is [string, string] => typeof pair[1] === 'string');
        return `/login?${new URLSearchParams(params).toString()}`;
      },
    },
    // Cognito's token endpoint answers any origin (§2.1 step 6: Access-Control-Allow-Origin: *).
    clientBasedCORS: () => true,
    findAccount: (_ctx, sub) => Promise.resolve(sub === USER.sub ? { accountId: sub, claims: () => ({ sub, email: USER.email, email_verified: true, 'cognito:username': USER.username }) } : undefined),
    // Managed login never asks for consent: grant what was asked.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId });
      const scope = String(ctx.oidc.params?.scope ?? '');
      grant.addOIDCScope(scope);
      grant.addOIDCClaims(['email', 'email_verified', 'cognito:username']);
      grant.addResourceScope('urn:cognito:userpool', scope);
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      // Cognito's /error page text (§4.2).
      ctx.type = 'html';
      ctx.body = `<!doctype html><p>An error was encountered with the requested page.</p><!-- ${String(out.error)} -->`;
    },
  };
  const provider = new Provider(ISSUER, configuration);
  const rewrite = new WeakMap<object, string>();
  provider.on('grant.error', (ctx: KoaContextWithOIDC, error: { error_detail?: string }) => {
    if (error.error_detail === 'authorization code redirect_uri mismatch') rewrite.set(ctx, 'unauthorized_client');
  });
  provider.use(async (ctx, next) => {
    ctx.set('x-amz-cognito-request-id', randomUUID());
    ctx.cookies.set('XSRF-TOKEN', randomUUID(), { path: '/', httpOnly: true, sameSite: 'lax', signed: false, overwrite: true });
    if (ctx.path === '/login') {
      await handleLogin(provider, ctx);
      return;
    }
    await next();
    if (ctx.path === '/oauth2/token' && ctx.status >= 400 && ctx.body && typeof ctx.body === 'object' && 'error' in ctx.body) {
      ctx.body = { error: rewrite.get(ctx) ?? String((ctx.body as { error: unknown }).error) };
    }
  });
  const server: Server = options.tls ? createTlsServer(options.tls, provider.callback()) : createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function handleLogin(provider: Provider, ctx: ParameterizedContext): Promise<void> {
  const query = ctx.querystring;
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = loginPage(query, false);
    return;
  }
  const form = await readForm(ctx);
  if (form.get('username') !== USER.username || form.get('password') !== USER.password) {
    ctx.type = 'html';
    ctx.body = loginPage(query, true);
    return;
  }
  ctx.respond = false;
  ctx.res.setHeader('Set-Cookie', [`cognito="H4sI${randomUUID()}"; Max-Age=3600; Path=/; HttpOnly`]);
  await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: USER.sub } }, { mergeWithLastSubmission: false });
}
