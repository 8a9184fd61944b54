/**
 * Masking one value: a string by its kind, any other JSON value (a code sent as a number, a
 * password in an array) by the same kind over its text. Idempotent: a masked value is returned unchanged.
 */
import { isObject } from '../json';
import { fingerprint } from '../fingerprint';
import { PROFILES, type MaskKind, type RedactionProfile } from './rules';
import { define, jsonLength, mapJson } from './walk';
import { s256Mask } from './s256-marker';
import { jwtPayload } from '../tokens';

const MASK = /^‹redacted/;

/** Is this text already a mask (so masking it again must leave it as it is)? */
export function isMasked(text: string): boolean {
  return MASK.test(text);
}

function base64UrlJson(value: unknown): string {
  const json = JSON.stringify(value);
  const bytes = encodeURIComponent(json).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const b64 = (globalThis as { btoa: (s: string) => string }).btoa(bytes);
  return b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A claim's text for its fingerprint (a string as itself, so masking twice changes nothing); a claim too deep to print is counted instead. */
function claimText(claim: unknown): string {
  if (typeof claim === 'string') return claim;
  try {
    return JSON.stringify(claim) ?? 'null';
  } catch {
    return `${jsonLength(claim)}`;
  }
}

/**
 * Header and claims of a JWT, signature gone. With `claimsAllowed` (strict), every other claim is
 * replaced by its fingerprint: unknown claims are masked by default. Undefined when not a JWT.
 */
function maskJwt(value: string, profile: RedactionProfile): string | undefined {
  const parts = value.split('.');
  if (parts.length !== 3) return undefined;
  try {
    // jwt-decode's result, through the fast path that decodes tokens for the analysis (tokens.ts).
    const claims = jwtPayload(value);
    if (!isObject(claims)) return undefined;
    let payload = parts[1]!;
    const allowed = profile.claimsAllowed;
    if (allowed) {
      const kept: Record<string, unknown> = {};
      for (const [name, claim] of Object.entries(claims)) {
        // define(): a "__proto__" claim stays a claim (assignment would set the prototype and lose it).
        define(kept, name, allowed.includes(name) ? mapJson(claim, () => undefined) : maskValue(claimText(claim), 'fingerprint', profile));
      }
      payload = base64UrlJson(kept);
    } else if (profile.claims.length > 0) {
      const kept: Record<string, unknown> = {};
      for (const [name, claim] of Object.entries(claims)) {
        define(kept, name, profile.claims.includes(name) ? maskValue(claimText(claim), 'fingerprint', profile) : claim);
      }
      payload = base64UrlJson(kept);
    }
    // Header and claims stay readable (jwt-decode still works); the signature is gone.
    return `${parts[0]}.${payload}.‹redacted-signature›`;
  } catch {
    return undefined;
  }
}

/** Masks one secret string. Idempotent: a masked value is returned unchanged. */
export function maskValue(value: string, kind: MaskKind, profile: RedactionProfile = PROFILES.share): string {
  if (MASK.test(value)) return value;
  // X-Amz-Credential is `<AccessKeyId>/<date>/<region>/<service>/aws4_request`: only the key id is masked.
  const slash = kind === 'accessKeyId' ? value.indexOf('/') : -1;
  if (slash > 0) return maskValue(value.slice(0, slash), kind, profile) + value.slice(slash);
  if (kind === 'length') return `‹redacted ${value.length} chars›`;
  if (kind === 's256') return s256Mask(value);
  if (kind === 'jwt') {
    const masked = maskJwt(value, profile);
    if (masked !== undefined) return masked;
  }
  if (kind === 'fingerprint') return `‹redacted ${value.length} chars #${fingerprint(value)}›`;
  if (value.length <= 12) return `‹redacted ${value.length} chars›`;
  if (kind === 'accessKeyId' || profile.opaqueEnds) return `‹redacted ${value.length} chars ${value.slice(0, 4)}…${value.slice(-4)} #${fingerprint(value)}›`;
  return `‹redacted ${value.length} chars #${fingerprint(value)}›`;
}

/**
 * Masks any JSON value under a secret key, whatever its type: numbers and booleans by their text,
 * objects and arrays whole (only their size stays). `null` carries nothing and stays.
 */
export function maskAny(value: unknown, kind: MaskKind, profile: RedactionProfile = PROFILES.share): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return maskValue(value, kind, profile);
  if (typeof value === 'number' || typeof value === 'boolean') return maskValue(String(value), kind === 'jwt' ? 'length' : kind, profile);
  return `‹redacted ${Array.isArray(value) ? 'array' : 'object'}, ${jsonLength(value)} chars›`;
}
