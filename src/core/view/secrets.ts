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

/**
 * What a captured value shows until revealed, or null when it holds no secret. The one walk for
 * every table of the panel (Request, Response, "Other fields"), the same as the Raw tab's: a
 * string or number under a secret key is masked whole; an object or array (AuthParameters sent
 * under a misspelled AuthFlow, a nested field) is shown as JSON with its secrets masked inside.
 */
export function maskedDisplay(key: string, value: unknown): string | null {
  // Walked under its own key, so a secret key masks whatever it holds (an array, an object, a number).
  const wrapper: Record<string, unknown> = {};
  Object.defineProperty(wrapper, key, { value, enumerable: true, writable: true, configurable: true });
  return maskedFrom(value, ownValue(maskJson(wrapper), key));
}

/** A value's text as the tables show it: strings as they are, anything else as JSON. */
export function displayText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/**
 * What a value shows until revealed, given what the masking walk made of it (walked with its whole
 * body, so context counts: a CUSTOM_CHALLENGE ANSWER by the body's ChallengeName); null when the
 * walk left it as it was.
 */
export function maskedFrom(value: unknown, masked: unknown): string | null {
  const shown = displayText(masked);
  return shown === displayText(value) ? null : shown;
}

/** An own property's value, "__proto__" included (the walk defines such keys as data). */
export function ownValue(object: unknown, key: string): unknown {
  return object !== null && typeof object === 'object' ? Object.getOwnPropertyDescriptor(object, key)?.value : undefined;
}

/**
 * A body text masked for display: JSON with secrets masked. A body that is not JSON has no keys to
 * tell a secret by, and an unparseable Cognito body is typically JSON with an unquoted password:
 * it is masked whole (its length shown) until revealed.
 */
export function maskBodyText(text: string): string {
  try {
    return JSON.stringify(maskJson(JSON.parse(text) as unknown), null, 2);
  } catch {
    return text === '' ? '' : `${maskedText(text)}: not JSON, masked whole until revealed`;
  }
}
