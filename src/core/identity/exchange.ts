/**
 * An identity-pool call read into what the panel shows: pool, identity id, Logins (provider and
 * decoded token, never the value), role asked for, and the credentials' expiry (never the keys).
 * Field names and formats: identity-pools.md "Browser-relevant operations", "Formats and limits".
 * Bad input is read as far as it goes, with the reason kept; nothing throws.
 */
import type { CognitoCall, IdentityCredentials, IdentityExchange, IdentityLogin } from '../model';
import { isObject, str } from '../json';
import { bodyObject } from '../body';
import { decodeToken } from '../tokens';
import { fingerprint } from '../fingerprint';
import { isMasked } from '../redact/mask';

/** A token of this capture's user-pool flows, found by its value. */
export type IssuedLookup = (value: string) => IdentityLogin['issued'];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * `AccessKeyId` is an identifier sent in clear with every signed request; keep `ASIA` + the last 4
 * so later requests stay recognisable (identity-pools.md "Masking"). Never the SecretKey.
 */
export function maskAccessKeyId(value: string): string {
  // Already masked by an export (redact/): keep its own form, which shows the same ends.
  if (isMasked(value)) return value;
  return value.length > 8 ? `${value.slice(0, 4)}…${value.slice(-4)}` : '…';
}

function readCredentials(value: unknown): IdentityCredentials | null {
  if (value === undefined) return null;
  if (!isObject(value)) return { accessKeyId: null, expiresAt: null, expirationProblem: `Credentials is ${describe(value)}, not an object` };
  const keyId = str(value, 'AccessKeyId');
  const expiration = value.Expiration;
  // The JSON protocol sends timestamps as epoch seconds in a JSON number [CI; A6 parses Expiration * 1000].
  const ok = typeof expiration === 'number' && Number.isFinite(expiration);
  return {
    accessKeyId: keyId !== undefined ? maskAccessKeyId(keyId) : null,
    expiresAt: ok ? expiration * 1000 : null,
    expirationProblem: ok ? null : expiration === undefined ? 'Credentials has no Expiration' : `Expiration is ${describe(expiration)}, not epoch seconds as a JSON number`,
  };
}

export function readExchange(call: CognitoCall, lookup: IssuedLookup): IdentityExchange {
  const request = bodyObject(call.request);
  const response = bodyObject(call.response);
  const loginsValue = request.Logins;
  const logins: IdentityLogin[] = [];
  let loginsProblem: string | null = null;
  if (isObject(loginsValue)) {
    for (const [provider, value] of Object.entries(loginsValue)) {
      const token = decodeToken(value, call.startedAt);
      logins.push({
        provider,
        token,
        fingerprint: typeof value === 'string' ? fingerprint(value) : '',
        issued: typeof value === 'string' ? lookup(value.trim()) : null,
      });
    }
  } else if (loginsValue !== undefined) {
    loginsProblem = `Logins is ${describe(loginsValue)}, not an object of provider → token`;
  }
  const token = str(response, 'Token');
  return {
    identityPoolId: str(request, 'IdentityPoolId') ?? null,
    identityIdSent: str(request, 'IdentityId') ?? null,
    identityIdReturned: str(response, 'IdentityId') ?? null,
    loginsSent: loginsValue !== undefined,
    logins,
    loginsProblem,
    customRoleArn: str(request, 'CustomRoleArn') ?? null,
    credentials: readCredentials(response.Credentials),
    openIdToken: token !== undefined ? fingerprint(token) : null,
  };
}

/** True when the exchange carries at least one login (a signed-in identity rather than a guest). */
export function hasLogins(exchange: IdentityExchange): boolean {
  return exchange.logins.length > 0;
}
