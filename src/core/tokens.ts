/**
 * ID and access tokens decoded as jwt-decode decodes them (no signature check: the panel explains,
 * it does not authorize). Refresh tokens are JWEs (5 parts, encrypted): recognised and said to be
 * undecodable. Claim sets: cognito-protocol.md, "Formats" [JV].
 *
 * jwt-decode stays the decoder of record: a part is first read by `fastPart` (one native atob and
 * one JSON.parse, ~10× faster than jwt-decode's per-character UTF-8 path, which dominated the
 * analysis of token-heavy captures), and whenever the fast path is not sure to agree — not
 * base64, bad padding, bytes that are not UTF-8, not JSON — jwt-decode decodes the part, so its
 * result and its error messages are what people see.
 */
import { jwtDecode } from 'jwt-decode';
import { isObject } from './json';

export type TokenKind = 'id' | 'access' | 'refresh';

export interface JwtToken {
  kind: 'jwt';
  raw: string;
  header: Record<string, unknown>;
  /** `token_use` claim: "id" or "access" for Cognito tokens. Every other claim: `tokenClaims`. */
  use: string | null;
  /** `origin_jti` claim: the same in every token refreshed from one sign-in [KC-REVOKE]; null when absent. */
  originJti: string | null;
  /** Epoch ms from `iat` / `exp` / `auth_time`, null when absent. */
  issuedAt: number | null;
  expiresAt: number | null;
  authTime: number | null;
  /** The capture time the relative times are measured from (epoch ms). */
  capturedAt: number;
  /** expiresAt − capturedAt: positive while valid, negative once expired. */
  expiresInMs: number | null;
}

export interface EncryptedToken {
  kind: 'encrypted';
  raw: string;
  /** The JWE protected header, which is plain base64url JSON, e.g. {"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}. */
  header: Record<string, unknown> | null;
  reason: string;
}

export interface MalformedToken {
  kind: 'malformed';
  raw: string;
  reason: string;
}

export type DecodedToken = JwtToken | EncryptedToken | MalformedToken;

function seconds(claims: Record<string, unknown>, name: string): number | null {
  const value = claims[name];
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : null;
}

const atob = (globalThis as { atob?: (text: string) => string }).atob;

/** Undefined: the fast path does not know; ask jwt-decode. */
const UNSURE = undefined;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * A JWT part (base64url JSON) read the way jwt-decode reads it: base64url → base64 with padding,
 * atob, bytes as UTF-8, JSON.parse. Returns UNSURE where jwt-decode would throw or fall back to
 * reading the bytes as Latin-1, so those cases keep its exact behaviour.
 */
function fastPart(part: string | undefined): unknown {
  if (part === undefined || atob === undefined) return UNSURE;
  let base64 = part.replaceAll('-', '+').replaceAll('_', '/');
  const rest = base64.length % 4;
  if (rest === 1) return UNSURE;
  if (rest !== 0) base64 += rest === 2 ? '==' : '=';
  try {
    let text = atob(base64);
    // escape() turns bytes ≥ 0x80 into %XX, so decodeURIComponent reads them as UTF-8 exactly as
    // jwt-decode's b64DecodeUnicode does; invalid UTF-8 throws here and goes to jwt-decode.
    if (NON_ASCII.test(text)) text = decodeURIComponent(escape(text));
    return JSON.parse(text) as unknown;
  } catch {
    return UNSURE;
  }
}

/**
 * Headers read by the fast path, by their base64url text. A pool signs with one or two keys, so a
 * capture's thousands of tokens carry a handful of distinct headers: each is decoded once and the
 * object shared (decoded tokens are read, never changed). Bounded: cleared when it grows past
 * HEADERS_KEPT (a capture of made-up tokens), which only costs decoding again.
 */
const HEADERS_KEPT = 256;
const headers = new Map<string, unknown>();

function fastHeader(part: string | undefined): unknown {
  if (part === undefined) return UNSURE;
  const known = headers.get(part);
  if (known !== undefined) return known;
  const header = fastPart(part);
  // Only objects: anything else is decoded again by the caller's path (and turned down there).
  if (isObject(header)) {
    if (headers.size >= HEADERS_KEPT) headers.clear();
    headers.set(part, header);
  }
  return header;
}

/**
 * One part of a JWT (0 header, 1 payload; `part` its text), fast when possible; throws
 * jwt-decode's error otherwise.
 */
function decodePart(token: string, part: string, index: 0 | 1): unknown {
  const fast = index === 0 ? fastHeader(part) : fastPart(part);
  return fast !== UNSURE ? fast : jwtDecode<unknown>(token, { header: index === 0 });
}

function decodeHeaderOnly(token: string, header: string): Record<string, unknown> | null {
  try {
    const decoded = decodePart(token, header, 0);
    return isObject(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

/**
 * Where the first two dots of `token` are and how many it has: what `token.split('.')` tells,
 * without cutting every part out of a token of a kilobyte or two (an analysis decodes every token
 * a capture issued; the split was a fifth of the decoding).
 */
function dotsOf(token: string): { count: number; first: number; second: number } {
  let count = 0;
  let first = -1;
  let second = -1;
  for (let at = token.indexOf('.'); at >= 0; at = token.indexOf('.', at + 1)) {
    if (count === 0) first = at;
    else if (count === 1) second = at;
    count++;
  }
  return { count, first, second };
}

/** Printable ASCII, which String.prototype.trim never removes. */
const printable = (code: number): boolean => code > 32 && code < 127;

/** `raw.trim()`, without the call for a token that starts and ends with printable ASCII (every real one). */
function trimmed(raw: string): string {
  return raw.length > 0 && printable(raw.charCodeAt(0)) && printable(raw.charCodeAt(raw.length - 1)) ? raw : raw.trim();
}

/**
 * The payload of `token`, a value with exactly two dots, as `jwtDecode(token)` returns it (and its
 * error when it cannot), through the fast path: what `tokenClaims` reads, and redaction to rewrite
 * a token's claims.
 */
export function jwtPayload(token: string): unknown {
  const dots = dotsOf(token);
  return decodePart(token, token.slice(dots.first + 1, dots.second), 1);
}

/**
 * Why a value with the wrong number of parts cannot be decoded, in words for people: placeholders
 * ("REDACTED", "<token>") and values cut short in a pasted HAR are the usual reasons. Refresh
 * tokens are 5-part JWEs and never decodable; that is not an error (see the `encrypted` kind).
 */
function partsReason(count: number): string {
  const parts = count === 1 ? '1 part' : `${count} dot-separated parts`;
  return `cannot be decoded: this value has ${parts}, but an ID or access token (a JWT) has 3 and a refresh token (an encrypted JWE) has 5 — it may be a placeholder, cut short, or masked before the HAR was saved`;
}

export function decodeToken(raw: unknown, capturedAt: number): DecodedToken {
  if (typeof raw !== 'string') {
    // Never String(raw): a JSON object like {"toString":1} throws when converted.
    const what = raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw;
    return { kind: 'malformed', raw: `(${what})`, reason: `not a string but ${what}` };
  }
  const token = trimmed(raw);
  if (token === '') return { kind: 'malformed', raw, reason: 'empty token' };
  const dots = dotsOf(token);
  if (dots.count === 4) {
    return { kind: 'encrypted', raw, header: decodeHeaderOnly(token, token.slice(0, dots.first)), reason: 'encrypted (JWE, 5 parts): only Cognito can read it' };
  }
  if (dots.count !== 2) return { kind: 'malformed', raw, reason: partsReason(dots.count + 1) };
  let header: unknown;
  let claims: unknown;
  try {
    header = decodePart(token, token.slice(0, dots.first), 0);
    claims = decodePart(token, token.slice(dots.first + 1, dots.second), 1);
  } catch (error) {
    const why = error instanceof Error ? `: ${error.message.replace(/^Invalid token specified: /, '')}` : '';
    return { kind: 'malformed', raw, reason: `cannot be decoded${why}; it may be cut short or edited` };
  }
  if (!isObject(header) || !isObject(claims)) return { kind: 'malformed', raw, reason: 'cannot be read: its header or payload is not a JSON object' };
  const expiresAt = seconds(claims, 'exp');
  // The claims themselves are not kept (tokenClaims): a plain object of the facts analyses read.
  return {
    kind: 'jwt',
    raw,
    header,
    use: typeof claims.token_use === 'string' ? claims.token_use : null,
    originJti: typeof claims.origin_jti === 'string' ? claims.origin_jti : null,
    issuedAt: seconds(claims, 'iat'),
    expiresAt,
    authTime: seconds(claims, 'auth_time'),
    capturedAt,
    expiresInMs: expiresAt !== null && Number.isFinite(capturedAt) ? expiresAt - capturedAt : null,
  };
}

/**
 * The same decoded token seen at another time (a token a sign-in issued, later sent by a call):
 * what `decodeToken(token.raw, capturedAt)` returns, without decoding again. Header and claims
 * are shared, not copied: decoded tokens are read, never changed.
 */
export function tokenAt(token: DecodedToken, capturedAt: number): DecodedToken {
  if (token.kind !== 'jwt' || Object.is(token.capturedAt, capturedAt)) return token;
  const { expiresAt } = token;
  const seen: JwtToken = { ...token, capturedAt, expiresInMs: expiresAt !== null && Number.isFinite(capturedAt) ? expiresAt - capturedAt : null };
  firstDecoded.set(seen, firstDecoded.get(token) ?? token);
  return seen;
}

/** The token `tokenAt` copied each copy from (transitively): the copies share its claims. */
const firstDecoded = new WeakMap<JwtToken, JwtToken>();
/** Claims read so far, by the token first decoded; kept while it is. */
const claimsRead = new WeakMap<JwtToken, Record<string, unknown>>();

/**
 * Every claim of a decoded JWT, decoded from its text when first asked (the Tokens tab, a report,
 * the few checks that read a claim beyond the facts `decodeToken` keeps) and kept while the token is.
 *
 * Why not on the token: an analysis decodes every token a capture issued (their expiry is
 * checked), and keeping each claim set made claims a quarter of what an analysis kept
 * alive (what young-generation collections copy, again and again): on a Cognito-dense capture of
 * 10,000 entries, not keeping them cut what the analysis keeps from 15.9 to 13.2 MB. Decoding
 * again is the same function over the same text (fast path or jwt-decode): the same claims.
 */
export function tokenClaims(token: JwtToken): Record<string, unknown> {
  const first = firstDecoded.get(token) ?? token;
  let claims = claimsRead.get(first);
  if (claims === undefined) {
    let decoded: unknown;
    try {
      // Trimmed as decodeToken did: a JWT, so exactly two dots.
      decoded = jwtPayload(trimmed(first.raw));
    } catch {
      decoded = undefined;
    }
    // An object when the token was decoded, so an object now: the guard only narrows the type.
    claimsRead.set(first, (claims = isObject(decoded) ? decoded : {}));
  }
  return claims;
}

/** "in 59 min", "3 h ago": a token time relative to the capture, for people. */
export function relativeTime(ms: number): string {
  const abs = Math.abs(ms);
  const unit = abs < 60_000 ? `${Math.round(abs / 1000)} s` : abs < 3_600_000 ? `${Math.round(abs / 60_000)} min` : abs < 172_800_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.round(abs / 86_400_000)} d`;
  return ms >= 0 ? `in ${unit}` : `${unit} ago`;
}
