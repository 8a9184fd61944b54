/**
 * Which captured values are secrets the panel masks until the user reveals them. The list is the
 * redaction module's (one source of truth for "what is a secret"), plus token fields and headers.
 */
import { PROFILES, mapJsonStrings, maskKindFor } from '../redact';
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
export function maskedText(value: string): string {
  return `••••••• (${value.length} chars)`;
}

/**
 * A JSON body for display with every secret string masked (deep copy; the input is untouched).
 * Used for the Raw tab and for "copy" of a body that is not revealed.
 */
export function maskJson(value: unknown): unknown {
  return mapJsonStrings(value, (key, item) => (isSecretKey(key, item) ? maskedText(item) : undefined));
}

/** A body text masked for display: JSON with secrets masked, else the text (non-JSON bodies carry no keys to mask). */
export function maskBodyText(text: string): string {
  try {
    return JSON.stringify(maskJson(JSON.parse(text) as unknown), null, 2);
  } catch {
    return text;
  }
}
