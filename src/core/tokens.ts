/**
 * ID and access tokens decoded with jwt-decode (no signature check: the panel explains, it does not
 * authorize). Refresh tokens are JWEs (5 parts, encrypted): recognised and said to be undecodable.
 * Claim sets: cognito-protocol.md, "Formats" [JV].
 */
import { jwtDecode } from 'jwt-decode';
import { isObject } from './json';

export type TokenKind = 'id' | 'access' | 'refresh';

export interface JwtToken {
  kind: 'jwt';
  raw: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** `token_use` claim: "id" or "access" for Cognito tokens. */
  use: string | null;
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

function decodeHeaderOnly(raw: string): Record<string, unknown> | null {
  try {
    const header = jwtDecode<Record<string, unknown>>(raw, { header: true });
    return isObject(header) ? header : null;
  } catch {
    return null;
  }
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
  const token = raw.trim();
  if (token === '') return { kind: 'malformed', raw, reason: 'empty token' };
  const parts = token.split('.');
  if (parts.length === 5) {
    return { kind: 'encrypted', raw, header: decodeHeaderOnly(token), reason: 'encrypted (JWE, 5 parts): only Cognito can read it' };
  }
  if (parts.length !== 3) return { kind: 'malformed', raw, reason: partsReason(parts.length) };
  let header: unknown;
  let claims: unknown;
  try {
    header = jwtDecode(token, { header: true });
    claims = jwtDecode(token);
  } catch (error) {
    const why = error instanceof Error ? `: ${error.message.replace(/^Invalid token specified: /, '')}` : '';
    return { kind: 'malformed', raw, reason: `cannot be decoded${why}; it may be cut short or edited` };
  }
  if (!isObject(header) || !isObject(claims)) return { kind: 'malformed', raw, reason: 'cannot be read: its header or payload is not a JSON object' };
  const expiresAt = seconds(claims, 'exp');
  return {
    kind: 'jwt',
    raw,
    header,
    claims,
    use: typeof claims.token_use === 'string' ? claims.token_use : null,
    issuedAt: seconds(claims, 'iat'),
    expiresAt,
    authTime: seconds(claims, 'auth_time'),
    capturedAt,
    expiresInMs: expiresAt !== null && Number.isFinite(capturedAt) ? expiresAt - capturedAt : null,
  };
}

/** "in 59 min", "3 h ago": a token time relative to the capture, for people. */
export function relativeTime(ms: number): string {
  const abs = Math.abs(ms);
  const unit = abs < 60_000 ? `${Math.round(abs / 1000)} s` : abs < 3_600_000 ? `${Math.round(abs / 60_000)} min` : abs < 172_800_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.round(abs / 86_400_000)} d`;
  return ms >= 0 ? `in ${unit}` : `${unit} ago`;
}
