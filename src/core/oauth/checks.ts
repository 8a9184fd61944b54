/**
 * The managed-login checks (managed-login-oauth2.md §3) over linked flows. Each check finds facts
 * and returns findings; OAUTH_RULES (rules.ts) gives their severity and standing advice, and the
 * error tables (errors.ts) explain every OAuth error code. Secrets never appear in messages:
 * codes, verifiers and tokens are named by fingerprint only.
 */
import type { Diagnostic, Severity } from '../model';
import { decodeToken, tokenClaims, type JwtToken } from '../tokens';
import { decodeBase64Text } from '../base64';
import { fingerprint } from '../fingerprint';
import { isObject, str } from '../json';
import type { OAuthEntry, OAuthFlow } from './model';
import { OAUTH_RULES, type OAuthDiagnosticCode } from './rules';
import { explainOAuthError } from './errors';
import { requestParam } from './entries';
import { originPath, param, parseAddress, parseUrl } from './url';
import { atHash, issuerRegions, prefixDomainRegion } from './token-binding';
import { s256Challenge } from './sha256';
import { diffUris } from './uri-diff';
import { decodeSafe } from './link';
import { hasMaskedPart, isRedacted, maskedVerifier } from './masked';
import { TOKEN_ACCEPTED_ANYWAY, TOKEN_REQUEST_RULES, tokenAccepted } from './server-answer';
import { handedOut, type HandedOut } from './issued';
import { appendAll } from '../long-lists';

/** Cognito authorization codes live 5 minutes (§3 rule 9). */
export const CODE_LIFETIME_MS = 5 * 60_000;

interface OAuthFinding {
  entry: number;
  code: OAuthDiagnosticCode;
  message: string;
  /** Specific advice, put before the rule's standing hint. */
  detail?: string;
  keys?: string[];
  /** Overrides the table's severity where the reference grades one rule (e.g. state: encoding-only is info). */
  severity?: Severity;
}

interface FlowFacts {
  flow: OAuthFlow;
  authorize: OAuthEntry | null;
  callbacks: OAuthEntry[];
  tokens: OAuthEntry[];
}

function facts(flow: OAuthFlow): FlowFacts {
  const of = (kind: OAuthEntry['kind']) => flow.steps.map((s) => s.entry).filter((e) => e.kind === kind);
  return { flow, authorize: of('authorize')[0] ?? null, callbacks: of('callback'), tokens: of('token') };
}

const codeExchanges = (f: FlowFacts) => f.tokens.filter((t) => requestParam(t, 'grant_type') === 'authorization_code');
const jwt = (token: unknown): JwtToken | null => (token && typeof token === 'object' && (token as { kind?: string }).kind === 'jwt' ? (token as JwtToken) : null);
const claimsOf = (token: unknown): Record<string, unknown> | undefined => {
  const decoded = jwt(token);
  return decoded ? tokenClaims(decoded) : undefined;
};

function checkRedirectUri(f: FlowFacts): OAuthFinding[] {
  const out: OAuthFinding[] = [];
  const sent = f.authorize ? param(f.authorize.query, 'redirect_uri') : undefined;
  if (f.authorize && sent) {
    const url = parseUrl(sent);
    const loopback = url.host === '127.0.0.1' || url.host === '[::1]';
    if (url.scheme === 'http' && url.host !== 'localhost') {
      out.push({
        entry: f.authorize.entry, code: 'redirect-uri-scheme',
        message: `redirect_uri ${sent} uses http on a host other than localhost.`,
        detail: loopback ? 'Secondary sources say Cognito also accepts http for 127.0.0.1 and [::1]; this is UNVERIFIED.' : undefined,
        severity: loopback ? 'info' : undefined,
      });
    }
  }
  if (!sent) return out;
  for (const token of codeExchanges(f)) {
    const used = requestParam(token, 'redirect_uri');
    if (used === sent) continue;
    if (used === undefined) {
      out.push({ entry: token.entry, code: 'redirect-uri-mismatch', message: `The token request sends no redirect_uri; the authorize request sent ${sent}.`, keys: ['redirect_uri'] });
      continue;
    }
    const diff = diffUris(sent, used);
    out.push({
      entry: token.entry, code: 'redirect-uri-mismatch', keys: diff.kinds,
      message: `redirect_uri differs (${diff.kinds.join(', ')}): authorize sent ${diff.marked.first}, the token request sends ${diff.marked.second}.`,
    });
  }
  return out;
}

/** What the checks of one analysis share: an index of the challenges, and each token decoded once. */
interface CheckContext {
  /** Which authorize request sent a given code_challenge: to name the attempt a wrong verifier belongs to. */
  challenges: ReadonlyMap<string, number>;
  /** A token's claims when it is a JWT (null otherwise), decoded once per analysis (several checks read one token). */
  jwtOf(raw: string, capturedAt: number): JwtToken | null;
}

function checkContext(challenges: ReadonlyMap<string, number>): CheckContext {
  const decoded = new Map<string, JwtToken | null>();
  return {
    challenges,
    jwtOf(raw, capturedAt) {
      let token = decoded.get(raw);
      if (token === undefined) {
        // Only the claims and header are read here, so the capture time the first decoding used does not matter.
        token = jwt(decodeToken(raw, capturedAt));
        decoded.set(raw, token);
      }
      return token;
    },
  };
}

function checkPkce(f: FlowFacts, { challenges }: CheckContext): OAuthFinding[] {
  const out: OAuthFinding[] = [];
  if (!f.authorize) return out;
  const challenge = param(f.authorize.query, 'code_challenge');
  const method = param(f.authorize.query, 'code_challenge_method');
  if (challenge === undefined) return out;
  if (method !== 'S256') {
    out.push({ entry: f.authorize.entry, code: 'pkce-method', keys: [method ?? '(none)'], message: method === undefined ? 'code_challenge is sent without code_challenge_method.' : `code_challenge_method is ${method}, not S256.` });
  }
  for (const token of codeExchanges(f)) {
    const verifier = requestParam(token, 'code_verifier');
    if (verifier === undefined || verifier === '') {
      out.push({ entry: token.entry, code: 'pkce-verifier-missing', keys: ['code_verifier'], message: 'The authorize request sent a code_challenge, but this token request has no code_verifier.' });
      continue;
    }
    // A shared export masks the verifier but keeps its S256 (redact/s256-marker.ts, managed-login-oauth2.md §5);
    // an export masked without it (older files, or masked by other tools) leaves nothing to hash.
    const masked = maskedVerifier(verifier);
    if (isRedacted(verifier) && (!masked || method === 'plain')) continue;
    const computed = masked ? masked.s256 : method === 'plain' ? verifier : s256Challenge(verifier);
    if (computed !== challenge) {
      const other = challenges.get(computed);
      const named = masked ? 'code_verifier (masked in this export, its S256 kept)' : `code_verifier (fingerprint ${fingerprint(verifier)})`;
      out.push({
        entry: token.entry, code: 'pkce-mismatch',
        message: `${named} hashes to ${computed}, but the authorize request's code_challenge is ${challenge}.${other !== undefined && other !== f.authorize.entry ? ` It is the verifier of another sign-in attempt (the authorize request of entry #${other}).` : ''}`,
      });
    }
    const length = masked ? masked.length : verifier.length;
    // A masked verifier shows its length only: its characters cannot be judged.
    const oddCharacters = !masked && !/^[A-Za-z0-9\-._~]*$/.test(verifier);
    if (length < 43 || length > 128 || oddCharacters) {
      out.push({ entry: token.entry, code: 'pkce-verifier-format', message: `code_verifier has ${length} characters${oddCharacters ? ' including characters outside [A-Za-z0-9-._~]' : ''}; RFC 7636 asks for 43 to 128.` });
    }
  }
  return out;
}

function checkState(f: FlowFacts): OAuthFinding[] {
  const out: OAuthFinding[] = [];
  const sent = f.authorize ? param(f.authorize.query, 'state') : undefined;
  if (sent === undefined) return out;
  for (const callback of f.callbacks) {
    const back = param(callback.query, 'state');
    if (back === sent) continue;
    if (back === undefined) {
      out.push({ entry: callback.entry, code: 'state-mismatch', keys: ['state'], message: 'The callback carries no state, though the authorize request sent one.' });
    } else if (decodeSafe(back) === decodeSafe(sent)) {
      out.push({ entry: callback.entry, code: 'state-mismatch', severity: 'info', message: 'The callback\'s state differs from the authorize request\'s only in its encoding; equal after decoding (Cognito re-encodes state on some paths).' });
    } else {
      out.push({ entry: callback.entry, code: 'state-mismatch', keys: ['state'], message: `The callback's state (fingerprint ${fingerprint(back)}) is not the authorize request's (fingerprint ${fingerprint(sent)}).` });
    }
  }
  return out;
}

/** Code reuse and lifetime: across all flows, since a replayed code may have been linked anywhere. */
function checkCodes(flows: readonly FlowFacts[]): OAuthFinding[] {
  const out: OAuthFinding[] = [];
  const issued = new Map<string, number>();
  const used = new Map<string, OAuthEntry>();
  const exchanges: OAuthEntry[] = [];
  for (const f of flows) {
    for (const step of f.flow.steps) {
      const e = step.entry;
      const code = e.kind === 'callback' ? param(e.query, 'code') : undefined;
      if (code !== undefined && !issued.has(code)) issued.set(code, e.startedAt);
      const loc = e.location ? parseUrl(e.location) : null;
      const fromLocation = loc ? param(loc.query, 'code') : undefined;
      // The 302 that carried the code was answered at the end of its entry.
      if (fromLocation !== undefined && !issued.has(fromLocation)) issued.set(fromLocation, e.startedAt + e.duration);
    }
    appendAll(exchanges, codeExchanges(f));
  }
  exchanges.sort((a, b) => (a.startedAt - b.startedAt) || (a.entry - b.entry));
  for (const token of exchanges) {
    const code = requestParam(token, 'code');
    if (code === undefined) continue;
    const first = used.get(code);
    if (first) {
      out.push({ entry: token.entry, code: 'code-reused', message: `This authorization code (fingerprint ${fingerprint(code)}) was already exchanged by entry #${first.entry}.` });
    } else {
      used.set(code, token);
    }
    const at = issued.get(code);
    if (at !== undefined && Number.isFinite(at) && Number.isFinite(token.startedAt) && token.startedAt - at > CODE_LIFETIME_MS) {
      out.push({ entry: token.entry, code: 'code-expired', message: `The code is exchanged ${Math.round((token.startedAt - at) / 1000)} s after the callback; Cognito codes live 5 minutes.` });
    }
  }
  return out;
}

function checkClient(f: FlowFacts): OAuthFinding[] {
  const out: OAuthFinding[] = [];
  const authorizeClient = f.authorize ? param(f.authorize.query, 'client_id') : undefined;
  for (const token of f.tokens) {
    const bodyClient = requestParam(token, 'client_id');
    const basicClient = token.basicClientId ?? undefined;
    const hasSecret = token.basicSent || requestParam(token, 'client_secret') !== undefined;
    if (token.error?.code === 'invalid_client' && !hasSecret) {
      out.push({ entry: token.entry, code: 'client-auth-missing', keys: ['Authorization'], message: 'The token endpoint answered invalid_client and the request carries no client authentication (no Basic header, no client_secret).' });
    }
    if (basicClient !== undefined && bodyClient !== undefined && basicClient !== bodyClient) {
      out.push({ entry: token.entry, code: 'client-mismatch', keys: ['Authorization', 'client_id'], message: `The Basic credentials are for client ${basicClient}, the body names client ${bodyClient}.` });
    }
    const tokenClient = basicClient ?? bodyClient;
    if (authorizeClient !== undefined && tokenClient !== undefined && tokenClient !== authorizeClient) {
      out.push({ entry: token.entry, code: 'client-mismatch', keys: ['client_id'], message: `The token request is for client ${tokenClient}, the authorize request was for ${authorizeClient}.` });
    }
  }
  const expected = authorizeClient ?? f.flow.clientId ?? undefined;
  const issuer = f.flow.tokens.issuedBy;
  if (expected !== undefined && issuer !== null) {
    const aud = str(claimsOf(f.flow.tokens.id), 'aud');
    const accessClient = str(claimsOf(f.flow.tokens.access), 'client_id');
    if (aud !== undefined && aud !== expected) out.push({ entry: issuer, code: 'client-mismatch', keys: ['aud'], message: `The ID token's aud is ${aud}, not the flow's client ${expected}.` });
    if (accessClient !== undefined && accessClient !== expected) out.push({ entry: issuer, code: 'client-mismatch', keys: ['client_id'], message: `The access token's client_id is ${accessClient}, not the flow's client ${expected}.` });
  }
  return out;
}

function checkScopes(f: FlowFacts): OAuthFinding[] {
  const requested = f.authorize ? param(f.authorize.query, 'scope') : undefined;
  const issuer = f.flow.tokens.issuedBy;
  if (requested === undefined || issuer === null) return [];
  const asked = requested.split(/\s+/).filter((s) => s !== '');
  const out: OAuthFinding[] = [];
  const scopeClaim = str(claimsOf(f.flow.tokens.access), 'scope');
  if (scopeClaim !== undefined) {
    const granted = new Set(scopeClaim.split(/\s+/));
    const missing = asked.filter((s) => !granted.has(s));
    if (missing.length > 0) out.push({ entry: issuer, code: 'scope-not-granted', keys: missing, message: `Requested but not granted: ${missing.join(' ')} (the access token's scope is "${scopeClaim}").` });
  }
  if (asked.includes('openid') && f.flow.tokens.id === null && f.flow.grant !== 'refresh_token') {
    out.push({ entry: issuer, code: 'scope-not-granted', keys: ['openid'], message: 'openid was requested, but no ID token was returned.' });
  }
  const needOpenid = asked.filter((s) => s === 'email' || s === 'phone' || s === 'profile');
  if (!asked.includes('openid') && f.authorize) {
    out.push({
      entry: f.authorize.entry, code: 'scope-not-granted', keys: ['openid'],
      message: `The scope has no openid, so Cognito returns no ID token${needOpenid.length > 0 ? ` and ignores ${needOpenid.join(', ')}` : ''}.`,
    });
  }
  return out;
}

/**
 * §3 rule 16 judges the ID token the authorization gave: the code exchange's, or the implicit redirect's.
 * A refresh's ID token answers no authorize request (the nonce rule is OIDC Core §3.1.3.7's, for the
 * token the authentication returned), so a refresh that returns one without the nonce is no mismatch.
 */
function checkNonce(f: FlowFacts, ctx: CheckContext): OAuthFinding[] {
  const signIn = issuedTogether(f).find((issued) => issued.id !== undefined && !(issued.entry.kind === 'token' && requestParam(issued.entry, 'grant_type') === 'refresh_token'));
  const id = signIn?.id === undefined ? null : ctx.jwtOf(signIn.id, signIn.entry.startedAt);
  const issuer = signIn ? signIn.entry.entry : null;
  if (!id || issuer === null || !f.authorize) return [];
  const sent = param(f.authorize.query, 'nonce');
  const got = str(tokenClaims(id), 'nonce');
  if (sent !== undefined && got !== sent) {
    return [{ entry: issuer, code: 'nonce-mismatch', keys: ['nonce'], message: got === undefined ? 'The authorize request sent a nonce, but the ID token has none.' : 'The ID token\'s nonce is not the one the authorize request sent.' }];
  }
  if (sent === undefined && got !== undefined) {
    return [{ entry: issuer, code: 'nonce-mismatch', severity: 'info', keys: ['nonce'], message: 'The ID token carries a nonce the authorize request did not send (reported for Cognito, UNVERIFIED).' }];
  }
  return [];
}

/**
 * §3 rule 18: after an implicit sign-in, "any use of a refresh token from that flow": a refresh_token grant,
 * or a revoke, joined to the flow by its client (no refresh token of the capture matched: the flow has none).
 */
function checkImplicitRefresh(f: FlowFacts): OAuthFinding[] {
  if (f.flow.grant !== 'token') return [];
  const out: OAuthFinding[] = [];
  for (const { entry } of f.flow.steps) {
    if (entry.kind === 'token' && requestParam(entry, 'grant_type') === 'refresh_token') {
      out.push({ entry: entry.entry, code: 'implicit-no-refresh', message: 'A refresh is attempted for a client whose sign-in used the implicit grant (response_type=token), which never returns a refresh token.' });
    } else if (entry.kind === 'revoke') {
      out.push({ entry: entry.entry, code: 'implicit-no-refresh', message: 'A refresh token is revoked for a client whose sign-in used the implicit grant (response_type=token), which never returns one: this token is not from that sign-in (revoke takes only refresh tokens).' });
    }
  }
  return out;
}

/** ID and access tokens handed out together, entry by entry (issued.ts): a token response, an implicit redirect's fragment. */
function issuedTogether(f: FlowFacts): HandedOut[] {
  return f.flow.steps.flatMap(({ entry }) => handedOut(entry)).filter((tokens) => tokens.id !== undefined || tokens.access !== undefined);
}

/** §3 rule 17: the ID token's at_hash must be the hash of the access token it came with (warning). */
function checkAtHash(f: FlowFacts, ctx: CheckContext): OAuthFinding[] {
  const out: OAuthFinding[] = [];
  for (const { entry, id, access } of issuedTogether(f)) {
    const idToken = id === undefined ? null : ctx.jwtOf(id, entry.startedAt);
    const claimed = idToken ? str(tokenClaims(idToken), 'at_hash') : undefined;
    // Nothing to compare: no at_hash, or the access token's signature is masked or was cut when a HAR was cleaned
    // by hand ("REDACTED"): the hash covers the whole token. A real signature is at least 32 bytes of base64url.
    if (!idToken || claimed === undefined || access === undefined || hasMaskedPart(access)) continue;
    if (!/^[A-Za-z0-9_-]{43,}$/.test(access.split('.')[2] ?? '')) continue;
    // OIDC hashes with the SHA-2 of the ID token's own algorithm; Cognito signs RS256. Other sizes: not judged.
    const alg = typeof idToken.header.alg === 'string' ? idToken.header.alg : '';
    if (!/256$/.test(alg)) continue;
    const computed = atHash(access);
    if (computed !== claimed) {
      out.push({
        entry: entry.entry, code: 'at-hash-mismatch', keys: ['at_hash'],
        // The computed hash is not shown: it is derived from the whole access token, signature included, which output masks.
        message: `The ID token's at_hash is ${claimed}, but BASE64URL of the first 16 bytes of the SHA-256 of the access token returned with it is not: the two were not issued together.`,
      });
    }
  }
  return out;
}

/** §3 rule 19 for one token seen at `entry` (a host of the user-pool domain): iss region = pool id prefix = domain region. */
function regionFindings(ctx: CheckContext, entry: OAuthEntry, tokens: readonly (string | undefined)[], seen: Set<string>): OAuthFinding[] {
  const out: OAuthFinding[] = [];
  const domainRegion = prefixDomainRegion(parseAddress(entry.url).host);
  for (const raw of tokens) {
    const token = raw === undefined ? null : ctx.jwtOf(raw, entry.startedAt);
    const iss = token ? str(tokenClaims(token), 'iss') : undefined;
    const regions = iss === undefined ? undefined : issuerRegions(iss);
    if (!regions) continue;
    const add = (message: string, keys: string[]) => {
      if (seen.has(message)) return;
      seen.add(message);
      out.push({ entry: entry.entry, code: 'issuer-region-mismatch', keys, message });
    };
    if (regions.host !== regions.pool) add(`The token's issuer ${iss} is in region ${regions.host}, but its pool id ${regions.poolId} is in ${regions.pool}.`, ['iss']);
    if (domainRegion !== undefined && domainRegion !== regions.host) {
      add(`The user-pool domain ${parseAddress(entry.url).host} is in region ${domainRegion}, but the token's issuer ${iss} is in ${regions.host}.`, ['iss', 'host']);
    }
  }
  return out;
}

function checkIssuerRegion(f: FlowFacts, ctx: CheckContext): OAuthFinding[] {
  const seen = new Set<string>();
  return issuedTogether(f).flatMap(({ entry, id, access }) => regionFindings(ctx, entry, [id, access], seen));
}

/** The text of an entry's response body (HTML pages come base64-encoded from Firefox), or ''. */
function responseText(entry: OAuthEntry): string {
  const content: unknown = entry.har.response?.content;
  if (!isObject(content) || typeof content.text !== 'string') return '';
  return content.encoding === 'base64' ? (decodeBase64Text(content.text) ?? '') : content.text;
}

/** Checks of one entry, wherever it sits (a flow's step, or standalone: a userInfo call or sign-out with no sign-in). */
type EntryCheck = (entry: OAuthEntry, ctx: CheckContext) => OAuthFinding[];

/** §3 rule 15, §2.6: userInfo takes an access token with the openid scope; InitiateAuth's tokens have none. */
const checkUserInfoToken: EntryCheck = (entry, ctx) => {
  if (entry.kind !== 'userInfo' || entry.bearer === null) return [];
  const token = ctx.jwtOf(entry.bearer, entry.startedAt);
  if (!token) return [];
  // The server's answer outranks the rule: an accepted call keeps the finding, as a warning.
  const accepted = entry.status >= 200 && entry.status < 300;
  const finding = (message: string, keys: string[]): OAuthFinding[] => [{
    entry: entry.entry, code: 'userinfo-no-openid', keys,
    message: `${message}${accepted ? ' The endpoint answered it all the same here, although Cognito documents that it refuses such tokens.' : ''}`,
    severity: accepted ? 'warning' : undefined,
  }];
  if (token.use === 'id') return finding('The Bearer token sent to userInfo is an ID token (token_use id); userInfo takes the access token.', ['token_use']);
  if (token.use !== 'access') return [];
  const scope = str(tokenClaims(token), 'scope');
  const scopes = scope === undefined ? [] : scope.split(/\s+/).filter((s) => s !== '');
  if (scopes.includes('openid')) return [];
  if (scope === undefined) return finding('The access token sent to userInfo has no scope claim, so no openid scope.', ['openid']);
  const apiSignIn = scopes.length > 0 && scopes.every((s) => s === 'aws.cognito.signin.user.admin');
  return finding(`The access token sent to userInfo has scope "${scope}", without openid.${apiSignIn ? ' That is the scope of a token from InitiateAuth (the API sign-in), which userInfo always refuses.' : ''}`, ['openid']);
};

/** §3 rule 19 for a token sent to userInfo: a token of another region's pool cannot be this domain's. */
const checkUserInfoRegion: EntryCheck = (entry, ctx) => (entry.kind === 'userInfo' && entry.bearer !== null ? regionFindings(ctx, entry, [entry.bearer], new Set()) : []);

/** Cognito's page for a sign-out it refuses (§4.2). */
const LOGOUT_REFUSED = /Required String parameter '?redirect_uri'? is not present/i;

/**
 * §3 rule 21, §2.7: `/logout?client_id=…&logout_uri=…` redirects to logout_uri when it is an allowed
 * sign-out URL, else shows an error page. The `redirect_uri` form (continue to /login) is not judged.
 */
const checkLogoutTarget: EntryCheck = (entry) => {
  if (entry.kind !== 'logout' || /\/saml2\/logout\/*$/i.test(entry.path)) return [];
  const logoutUri = param(entry.query, 'logout_uri');
  if (logoutUri === undefined && param(entry.query, 'redirect_uri') !== undefined) return [];
  // Cognito's own words first, then the status, then where the redirect went (compared on scheme, host, port and path).
  // Only a redirect that stays on the user-pool domain (its /error or /login page) shows a refusal: with SAML single
  // logout, /logout first sends the browser to the IdP and reaches logout_uri later (§2.7).
  let refused: string | undefined;
  const location = entry.location;
  if (entry.status >= 200 && LOGOUT_REFUSED.test(responseText(entry))) refused = 'Cognito\'s page says "Required String parameter \'redirect_uri\' is not present"';
  else if (entry.status >= 400) refused = `Cognito answered ${entry.status}`;
  else if (entry.status >= 300 && location !== null && parseAddress(location).origin === entry.origin && (logoutUri === undefined || originPath(location) !== originPath(logoutUri))) {
    refused = `Cognito redirected to ${originPath(location)}${logoutUri === undefined ? '' : ', not to logout_uri'}`;
  }
  if (refused === undefined) return [];
  return [{
    entry: entry.entry, code: 'logout-uri-not-allowed', keys: ['logout_uri'],
    message: logoutUri === undefined
      ? `The sign-out request sends no logout_uri (nor redirect_uri); ${refused}.`
      : `The sign-out request asks to return to ${logoutUri}; ${refused}: it is not one of the app client's allowed sign-out URLs, or it is badly encoded.`,
  }];
};

/** A note the capture left on a body it does not hold (the extension's `content.comment`), cut short. */
function captureNote(content: unknown): string | undefined {
  if (!isObject(content) || typeof content.comment !== 'string') return undefined;
  const note = content.comment.trim().replace(/[.\s]+$/, '');
  return note === '' ? undefined : note.length > 160 ? `${note.slice(0, 159)}…` : note;
}

/**
 * §6 "Extension API": a token or userInfo call answered 2xx whose body the capture does not hold (no
 * text, or blank). Not a body a redacted export dropped on purpose: strict writes `‹redacted body, N chars›`
 * in its place (src/core/redact/entry.ts), so that case stays quiet rather than blaming the browser.
 */
const checkBodyCaptured: EntryCheck = (entry) => {
  if ((entry.kind !== 'token' && entry.kind !== 'userInfo') || entry.status < 200 || entry.status >= 300) return [];
  const content: unknown = entry.har.response?.content;
  const text = isObject(content) && typeof content.text === 'string' ? content.text : '';
  if (/\S/.test(text)) return [];
  const note = captureNote(content);
  const what = entry.kind === 'token'
    ? 'so the tokens it returned cannot be shown or checked (user, expiry, scopes, nonce, at_hash); a sign-in whose only token answer is missing shows as pending'
    : 'so the user attributes it returned cannot be shown';
  return [{
    entry: entry.entry, code: 'token-body-not-captured', keys: [entry.kind],
    message: `The ${entry.kind} response (${entry.status}) has no body in this capture${note ? ` (${note})` : ''}, ${what}. The server answered ${entry.status}: the gap is the capture's.`,
    // Without the extension's note the HAR came from elsewhere: one saved without response bodies looks the same.
    detail: note ? undefined : 'A HAR saved without response bodies looks the same.',
  }];
};

/**
 * §2.4: a client_credentials token request in a browser capture ships the app client's secret to the
 * browser. How it was sent is named (never its value); with none visible, an export may have removed
 * the Authorization header (Chrome's sanitized export does, §6), and the grant needs one all the same.
 */
const checkClientCredentials: EntryCheck = (entry) => {
  if (entry.kind !== 'token' || requestParam(entry, 'grant_type') !== 'client_credentials') return [];
  const sent = [entry.basicSent ? 'an Authorization: Basic header' : null, requestParam(entry, 'client_secret') !== undefined ? 'client_secret in the body' : null].filter((s) => s !== null);
  const client = entry.basicClientId ?? requestParam(entry, 'client_id');
  const clientText = client ? ` of app client ${client}` : '';
  return [{
    entry: entry.entry, code: 'client-credentials-in-browser', keys: ['grant_type', ...(entry.basicSent ? ['Authorization'] : []), ...(requestParam(entry, 'client_secret') !== undefined ? ['client_secret'] : [])],
    message: sent.length > 0
      ? `The browser sent a client_credentials token request with the client secret${clientText} (${sent.join(' and ')}): the secret ships with the page.`
      : `The browser sent a client_credentials token request${clientText}; the grant needs the client secret, which none of the request shows here (an export may have removed the Authorization header), so the page holds it.`,
  }];
};

const ENTRY_CHECKS: readonly EntryCheck[] = [checkUserInfoToken, checkUserInfoRegion, checkLogoutTarget, checkBodyCaptured, checkClientCredentials];

function checkAuthorizeCaptured(f: FlowFacts): OAuthFinding[] {
  if (f.authorize) return [];
  const first = f.callbacks[0] ?? codeExchanges(f)[0];
  if (!first) return [];
  return [{ entry: first.entry, code: 'authorize-not-captured', message: 'No authorize request in the capture for this sign-in, so state, PKCE and redirect_uri cannot be checked.' }];
}

function checkErrors(f: FlowFacts): OAuthFinding[] {
  const out: OAuthFinding[] = [];
  for (const { entry } of f.flow.steps) {
    if (!entry.error) continue;
    const explained = explainOAuthError(entry.kind, entry.error);
    const described = entry.error.description ? ` (${entry.error.description})` : '';
    const where = entry.kind === 'error-page' ? 'Cognito\'s error page shows' : entry.kind === 'callback' ? 'The callback carries' : `The ${entry.kind} response is`;
    out.push({
      entry: entry.entry, code: 'oauth-error', keys: [entry.error.code],
      message: `${where} ${entry.error.code}${described}.${explained ? ` ${explained.cause}` : ''}`,
      detail: explained?.fix,
    });
  }
  return out;
}

const FLOW_CHECKS: readonly ((f: FlowFacts, ctx: CheckContext) => OAuthFinding[])[] = [
  checkAuthorizeCaptured, checkRedirectUri, checkPkce, checkState, checkClient, checkScopes, checkNonce, checkAtHash, checkIssuerRegion,
  checkImplicitRefresh, checkErrors,
];

/** An error about a token request the endpoint accepted becomes a warning that says so (server-answer.ts). */
function serverOutranks(finding: OAuthFinding, entry: OAuthEntry | undefined): OAuthFinding {
  if (!TOKEN_REQUEST_RULES.has(finding.code) || !tokenAccepted(entry) || (finding.severity ?? OAUTH_RULES[finding.code].severity) !== 'error') return finding;
  return { ...finding, severity: 'warning', detail: finding.detail ? `${TOKEN_ACCEPTED_ANYWAY} ${finding.detail}` : TOKEN_ACCEPTED_ANYWAY };
}

function toDiagnostic(finding: OAuthFinding, flow: string | null): Diagnostic {
  const rule = OAUTH_RULES[finding.code];
  return {
    entry: finding.entry,
    flow,
    code: finding.code,
    severity: finding.severity ?? rule.severity,
    message: finding.message,
    hint: finding.detail ? `${finding.detail} ${finding.code === 'oauth-error' ? '' : rule.hint}`.trim() : rule.hint,
    keys: finding.keys ?? [],
    reasons: {},
  };
}

export function checkOAuthFlows(flows: readonly OAuthFlow[], standalone: readonly OAuthEntry[]): Diagnostic[] {
  const all = flows.map(facts);
  const flowOf = new Map<number, string>();
  for (const f of all) for (const s of f.flow.steps) flowOf.set(s.entry.entry, f.flow.id);
  const challenges = new Map<string, number>();
  for (const f of all) {
    const challenge = f.authorize ? param(f.authorize.query, 'code_challenge') : undefined;
    if (f.authorize && challenge !== undefined) challenges.set(challenge, f.authorize.entry);
  }
  const findings: { finding: OAuthFinding; flow: string | null }[] = [];
  const ctx = checkContext(challenges);
  const byIndex = new Map<number, OAuthEntry>();
  for (const f of all) for (const { entry } of f.flow.steps) byIndex.set(entry.entry, entry);
  for (const entry of standalone) byIndex.set(entry.entry, entry);
  for (const f of all) for (const check of FLOW_CHECKS) for (const finding of check(f, ctx)) findings.push({ finding, flow: f.flow.id });
  for (const finding of checkCodes(all)) findings.push({ finding, flow: flowOf.get(finding.entry) ?? null });
  const loose: FlowFacts = { flow: { id: '', grant: null, clientId: null, redirectUri: null, user: null, outcome: 'pending', steps: standalone.map((entry) => ({ entry, link: 'unlinked' as const })), tokens: { id: null, access: null, refresh: null, issuedBy: null }, idTokenFingerprints: [], startedAt: Number.NaN, endedAt: Number.NaN }, authorize: null, callbacks: [], tokens: [] };
  for (const finding of checkErrors(loose)) findings.push({ finding, flow: null });
  for (const f of all) for (const { entry } of f.flow.steps) for (const check of ENTRY_CHECKS) for (const finding of check(entry, ctx)) findings.push({ finding, flow: f.flow.id });
  for (const entry of standalone) for (const check of ENTRY_CHECKS) for (const finding of check(entry, ctx)) findings.push({ finding, flow: null });
  // Per entry, the cause before the symptom: the error the server answered comes after what explains it.
  const last = (d: Diagnostic) => (d.code === 'oauth-error' ? 1 : 0);
  return findings.map(({ finding, flow }) => toDiagnostic(serverOutranks(finding, byIndex.get(finding.entry)), flow)).sort((a, b) => a.entry - b.entry || last(a) - last(b));
}
