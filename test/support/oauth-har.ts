/**
 * Synthetic managed-login captures shaped like the reference's Amplify v6 flow
 * (managed-login-oauth2.md §2.1): authorize 302 → /login → POST /login 302 → callback →
 * POST /oauth2/token, with Cognito's response headers and cookies. Options break one thing
 * at a time, so each check has a capture that must trigger it and one that must not.
 */
import { createHash } from 'node:crypto';
import type { HarEntry, HarHeader } from '../../src/core/har';
import { jwt } from '../fixtures/builders/tokens';

export const DOMAIN = 'https://auth.example.com';
export const APP = 'http://localhost:3000';
export const CLIENT = '4vbkq3ut1ggmdt1v8lbm1v8f6h';
export const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123';
export const T0 = Date.parse('2026-03-01T10:00:00.000Z');

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export interface EntryOptions {
  method?: string;
  status?: number;
  at: number;
  requestHeaders?: HarHeader[];
  responseHeaders?: HarHeader[];
  form?: Record<string, string>;
  json?: unknown;
  location?: string;
  resourceType?: string;
}

const COGNITO_HEADERS = (): HarHeader[] => [
  { name: 'x-amz-cognito-request-id', value: '3f1c2a9e-7d2b-4c55-9a57-0f6e3b0d1c11' },
  { name: 'set-cookie', value: 'XSRF-TOKEN=0c7e5b8a-1111-2222-3333-444455556666; Path=/; Secure; HttpOnly; SameSite=Lax' },
];

export function entry(url: string, o: EntryOptions): HarEntry {
  const responseHeaders = [...(o.responseHeaders ?? [])];
  if (o.location) responseHeaders.push({ name: 'location', value: o.location });
  const form = o.form ? new URLSearchParams(o.form).toString() : undefined;
  const text = o.json === undefined ? '' : JSON.stringify(o.json);
  return {
    startedDateTime: new Date(o.at).toISOString(),
    time: 40,
    request: {
      method: o.method ?? (form ? 'POST' : 'GET'),
      url,
      headers: [...(o.requestHeaders ?? []), ...(form ? [{ name: 'content-type', value: 'application/x-www-form-urlencoded' }] : [])],
      ...(form ? { postData: { mimeType: 'application/x-www-form-urlencoded', text: form } } : {}),
    },
    response: {
      status: o.status ?? (o.location ? 302 : 200),
      headers: o.json === undefined ? responseHeaders : [...responseHeaders, { name: 'content-type', value: 'application/json;charset=UTF-8' }],
      content: { size: text.length, mimeType: o.json === undefined ? 'text/html' : 'application/json', text },
      ...(o.location ? { redirectURL: o.location } : {}),
    } as HarEntry['response'],
    _resourceType: o.resourceType ?? (o.method === 'POST' || form ? 'fetch' : 'document'),
  };
}

export interface SignInOptions {
  /** redirect_uri on the token request (default: the authorize one). */
  tokenRedirectUri?: string;
  redirectUri?: string;
  /** Verifier the token request sends (default: the one hashed into the challenge). */
  tokenVerifier?: string | null;
  method?: string | null;
  state?: string;
  callbackState?: string | null;
  scope?: string;
  grantedScope?: string;
  nonce?: string;
  tokenNonce?: string;
  tokenClient?: string;
  basic?: string;
  /** Minutes between callback and token request. */
  exchangeDelayMin?: number;
  /** The token endpoint's answer: 200 with tokens, or an error code. */
  tokenError?: string;
  exchangeTwice?: boolean;
  at?: number;
  withIdToken?: boolean;
  seed?: string;
}

export function tokensFor(o: { client?: string; scope?: string; nonce?: string; at: number; seed: string; issuer?: string }) {
  const iat = Math.floor(o.at / 1000);
  const common = { sub: 'a1b2c3d4-0000-4000-8000-000000000001', iss: o.issuer ?? ISSUER, iat, exp: iat + 3600, auth_time: iat, origin_jti: `oj-${o.seed}` };
  const id = jwt({ kid: 'k1', alg: 'RS256' }, { ...common, aud: o.client ?? CLIENT, token_use: 'id', 'cognito:username': 'alice', email: 'alice@example.com', ...(o.nonce ? { nonce: o.nonce } : {}), jti: `id-${o.seed}` }, `id:${o.seed}`);
  const access = jwt({ kid: 'k1', alg: 'RS256' }, { ...common, client_id: o.client ?? CLIENT, token_use: 'access', scope: o.scope ?? 'openid email', username: 'alice', jti: `ac-${o.seed}` }, `ac:${o.seed}`);
  const refresh = `eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.${o.seed}key.${o.seed}iv.${o.seed}cipher.${o.seed}tag`;
  return { id, access, refresh };
}

/** One managed-login sign-in as Amplify v6 does it; returns its HAR entries. */
export function managedLoginSignIn(options: SignInOptions = {}): HarEntry[] {
  const seed = options.seed ?? 's1';
  const t = options.at ?? T0;
  const redirectUri = options.redirectUri ?? `${APP}/callback`;
  const verifier = `verifier${seed}`.padEnd(64, 'x');
  const state = options.state ?? `State${seed}abcdefghijklmnopqrstuvwxyz`.slice(0, 32);
  const scope = options.scope ?? 'openid email';
  const code = `c0de${seed}-218a-44c6-b61e-338f24eef205`;
  const params = new URLSearchParams({ redirect_uri: redirectUri, response_type: 'code', client_id: CLIENT, scope, ...(options.nonce ? { nonce: options.nonce } : {}), state });
  if (options.method !== null) params.set('code_challenge', s256(verifier));
  if (options.method !== null) params.set('code_challenge_method', options.method ?? 'S256');
  const query = params.toString();
  const callbackState = options.callbackState === undefined ? state : options.callbackState;
  const callback = `${redirectUri}?code=${code}${callbackState === null ? '' : `&state=${encodeURIComponent(callbackState)}`}`;
  const entries: HarEntry[] = [
    entry(`${DOMAIN}/oauth2/authorize?${query}`, { at: t, location: `${DOMAIN}/login?${query}`, responseHeaders: COGNITO_HEADERS() }),
    entry(`${DOMAIN}/login?${query}`, { at: t + 100, responseHeaders: COGNITO_HEADERS() }),
    entry(`${DOMAIN}/login?${query}`, { at: t + 5_000, method: 'POST', form: { _csrf: 'csrf-value', username: 'alice', password: 'Secret-Passw0rd!', cognitoAsfData: 'asf' }, location: callback, responseHeaders: [...COGNITO_HEADERS(), { name: 'set-cookie', value: 'cognito="H4sIAAAAAAAAAsession"; Max-Age=3600; Path=/; Secure; HttpOnly' }], resourceType: 'document' }),
    entry(callback, { at: t + 5_200 }),
  ];
  const tokenAt = t + 5_500 + (options.exchangeDelayMin ?? 0) * 60_000;
  const tokenForm: Record<string, string> = { grant_type: 'authorization_code', code, client_id: options.tokenClient ?? CLIENT, redirect_uri: options.tokenRedirectUri ?? redirectUri };
  if (options.tokenVerifier !== null) tokenForm.code_verifier = options.tokenVerifier ?? verifier;
  const tokens = tokensFor({ scope: options.grantedScope ?? scope, nonce: options.tokenNonce ?? options.nonce, at: tokenAt, seed });
  const ok = { access_token: tokens.access, ...(options.withIdToken === false ? {} : { id_token: tokens.id }), refresh_token: tokens.refresh, token_type: 'Bearer', expires_in: 3600 };
  const requestHeaders = options.basic ? [{ name: 'Authorization', value: `Basic ${Buffer.from(options.basic).toString('base64')}` }] : [];
  const exchange = (at: number, error: string | undefined) =>
    entry(`${DOMAIN}/oauth2/token`, { at, form: tokenForm, requestHeaders, status: error ? 400 : 200, json: error ? { error } : ok, responseHeaders: COGNITO_HEADERS() });
  entries.push(exchange(tokenAt, options.tokenError));
  if (options.exchangeTwice) entries.push(exchange(tokenAt + 300, 'invalid_grant'));
  return entries;
}

export function har(entries: HarEntry[]) {
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } };
}

/** A user-pool API call (X-Amz-Target) to cognito-idp, as the browser sends it after a managed-login sign-in. */
export function idpCall(operation: string, at: number, request: unknown, response: unknown = {}, status = 200): HarEntry {
  return {
    startedDateTime: new Date(at).toISOString(), time: 50,
    request: {
      method: 'POST', url: 'https://cognito-idp.eu-west-1.amazonaws.com/',
      headers: [{ name: 'X-Amz-Target', value: `AWSCognitoIdentityProviderService.${operation}` }, { name: 'Content-Type', value: 'application/x-amz-json-1.1' }],
      postData: { mimeType: 'application/x-amz-json-1.1', text: JSON.stringify(request) },
    },
    response: { status, headers: [], content: { size: 0, mimeType: 'application/x-amz-json-1.1', text: JSON.stringify(response) } },
  } as HarEntry;
}
