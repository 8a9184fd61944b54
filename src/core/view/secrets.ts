/**
 * Which captured values are secrets the panel masks until the user reveals them. The list is the
 * redaction module's (one source of truth for "what is a secret"), plus token fields and headers.
 */
import { PROFILES, jsonLength, mapJsonSecrets, maskKindFor } from '../redact';
import { ownEntry } from '../rules';

/** Is the string value under this JSON key a secret (password, code, Session, SECRET_HASH, token, …)? */
export function isSecretKey(key: string, value?: string): boolean {
  return maskKindFor(key, value) !== undefined;
}

/** Is this HTTP header a secret (Authorization, cookies, security tokens)? */
export function isSecretHeader(name: string): boolean {
  return ownEntry(PROFILES.share.headers, name.toLowerCase()) !== undefined;
}

/** What a masked value shows: its length only, never a character of it. */
export function maskedText(value: string | { length: number }): string {
  return `••••••• (${value.length} chars)`;
}

/**
 * A JSON body for display with every secret masked (deep copy; the input is untouched): the export's
 * walk and rules, so a code sent as a number, every `Logins` token, identity-pool credentials and a
 * CUSTOM_CHALLENGE ANSWER (by the body's ChallengeName) are masked here too.
 * Used for the Raw tab and for "copy" of a body that is not revealed.
 */
export function maskJson(value: unknown): unknown {
  return mapJsonSecrets(value, (item) => maskedText(typeof item === 'string' ? item : { length: typeof item === 'object' ? jsonLength(item) : String(item).length }));
}

/** A body text masked for display: JSON with secrets masked, else the text (non-JSON bodies carry no keys to mask). */
export function maskBodyText(text: string): string {
  try {
    return JSON.stringify(maskJson(JSON.parse(text) as unknown), null, 2);
  } catch {
    return text;
  }
}
