/**
 * Which captured values are secrets the panel masks until the user reveals them. The list is the
 * redaction module's (one source of truth for "what is a secret"), plus token fields and headers.
 */
import { PROFILES } from '../redact';
import { ownEntry } from '../rules';

/** ChallengeName-shaped ANSWER values (SELECT_MFA_TYPE, SELECT_CHALLENGE) are what one debugs, not secrets. */
const CHALLENGE_NAME = /^[A-Z][A-Z_]*$/;

/** Is the string value under this JSON key a secret (password, code, Session, SECRET_HASH, token, …)? */
export function isSecretKey(key: string, value?: string): boolean {
  if (key === 'ANSWER') return value === undefined || !CHALLENGE_NAME.test(value);
  return ownEntry(PROFILES.share.keys, key) !== undefined;
}

/** Is this HTTP header a secret (Authorization, cookies, security tokens)? */
export function isSecretHeader(name: string): boolean {
  return ownEntry(PROFILES.share.headers, name.toLowerCase()) !== undefined;
}

/** What a masked value shows: its length only, never a character of it. */
export function maskedText(value: string): string {
  return `••••••• (${value.length} chars)`;
}

/**
 * A JSON body for display with every secret string masked (deep copy; the input is untouched).
 * Used for the Raw tab and for "copy" of a body that is not revealed.
 */
export function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const masked = typeof item === 'string' && isSecretKey(key, item) ? maskedText(item) : maskJson(item);
    // defineProperty: a captured "__proto__" key stays a plain key.
    Object.defineProperty(out, key, { value: masked, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A body text masked for display: JSON with secrets masked, else the text (non-JSON bodies carry no keys to mask). */
export function maskBodyText(text: string): string {
  try {
    return JSON.stringify(maskJson(JSON.parse(text) as unknown), null, 2);
  } catch {
    return text;
  }
}
