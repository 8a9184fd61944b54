/**
 * Masks secrets in captured Cognito traffic so it can be shared: passwords, codes, Sessions,
 * SECRET_HASH, SRP claims, tokens, client secrets, auth headers. What stays is what debugging
 * needs: lengths, the ends of opaque values, a fingerprint (the same Session masks the same way,
 * so a redacted HAR still links into the same chains), and token headers and claims.
 *
 * Profiles are data (SAML-tracer's idea): `share` for a bug report, `strict` also hides who the
 * user is and drops bodies of non-Cognito requests.
 */
import type { Har, HarEntry, HarHeader } from './har';
import { headerValue } from './har';
import { isObject } from './json';
import { ownEntry } from './rules';
import { cognitoOperation } from './calls';
import { fingerprint } from './fingerprint';
import { decodeBase64Text } from './base64';
import { jwtDecode } from 'jwt-decode';

/**
 * How a value is masked: `length` keeps only its length (passwords, codes); `opaque` its ends and
 * a fingerprint (long random values: Sessions, hashes); `fingerprint` only length and fingerprint
 * (who the user is: the ends of an email would give it away, the fingerprint still links flows);
 * `jwt` a token's header and claims.
 */
export type MaskKind = 'length' | 'opaque' | 'fingerprint' | 'jwt';

export interface RedactionProfile {
  name: string;
  /** JSON keys (anywhere in a Cognito body) and how to mask their string values. */
  keys: Readonly<Record<string, MaskKind>>;
  /** Key prefixes, e.g. `userAttributes.` for NEW_PASSWORD_REQUIRED's attribute keys. */
  keyPrefixes: Readonly<Record<string, MaskKind>>;
  /** Header names (lower case) to mask, in every entry. */
  headers: Readonly<Record<string, MaskKind>>;
  /** Claims hidden inside otherwise readable tokens. */
  claims: readonly string[];
  /** Remove request and response bodies of entries that are not Cognito calls. */
  dropOtherBodies: boolean;
}

const SECRET_KEYS: Record<string, MaskKind> = {
  PASSWORD: 'length', NEW_PASSWORD: 'length', Password: 'length', PreviousPassword: 'length', ProposedPassword: 'length',
  TemporaryPassword: 'length', ClientSecret: 'length', SecretCode: 'length',
  SMS_MFA_CODE: 'length', SMS_OTP_CODE: 'length', EMAIL_OTP_CODE: 'length', SOFTWARE_TOKEN_MFA_CODE: 'length',
  UserCode: 'length', ConfirmationCode: 'length', MFACode: 'length',
  Session: 'opaque', SECRET_HASH: 'opaque', SecretHash: 'opaque', SECRET_BLOCK: 'opaque', PASSWORD_CLAIM_SECRET_BLOCK: 'opaque',
  PASSWORD_CLAIM_SIGNATURE: 'opaque', REFRESH_TOKEN: 'opaque', RefreshToken: 'opaque', DEVICE_SECRET: 'length',
  DeviceSecret: 'length', CREDENTIAL: 'opaque', DeviceGroupKey: 'opaque',
  IdToken: 'jwt', AccessToken: 'jwt',
};

const SECRET_HEADERS: Record<string, MaskKind> = {
  authorization: 'opaque', cookie: 'opaque', 'set-cookie': 'opaque', 'x-amz-security-token': 'opaque',
};

/**
 * Who the user is. The fingerprint keeps flows linkable after redaction; note that a fingerprint of
 * an email can be matched against a list of guessed emails, so `strict` hides identity from a
 * casual reader, not from someone who already suspects who it is.
 */
const IDENTITY_KEYS: Record<string, MaskKind> = {
  USERNAME: 'fingerprint', Username: 'fingerprint', USER_ID_FOR_SRP: 'fingerprint', CODE_DELIVERY_DESTINATION: 'fingerprint',
  Destination: 'fingerprint', userAttributes: 'fingerprint',
  // Attribute lists (SignUp, AdminCreateUser, UpdateUserAttributes) are [{ Name, Value }].
  Value: 'fingerprint',
};

export const PROFILES: Readonly<Record<'share' | 'strict', RedactionProfile>> = {
  share: { name: 'share', keys: SECRET_KEYS, keyPrefixes: {}, headers: SECRET_HEADERS, claims: [], dropOtherBodies: false },
  strict: {
    name: 'strict',
    keys: { ...SECRET_KEYS, ...IDENTITY_KEYS },
    keyPrefixes: { 'userAttributes.': 'fingerprint' },
    headers: SECRET_HEADERS,
    claims: ['email', 'phone_number', 'name', 'given_name', 'family_name', 'address', 'birthdate', 'cognito:username', 'username', 'identities'],
    dropOtherBodies: true,
  },
};

/** ChallengeName-shaped values (upper case and underscores). */
function isChallengeName(value: string): boolean {
  return /^[A-Z][A-Z_]*$/.test(value);
}

const MASK = /^‹redacted/;

function base64UrlJson(value: unknown): string {
  const json = JSON.stringify(value);
  const bytes = encodeURIComponent(json).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const b64 = (globalThis as { btoa: (s: string) => string }).btoa(bytes);
  return b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Masks one secret value. Idempotent: a masked value is returned unchanged. */
export function maskValue(value: string, kind: MaskKind, profile: RedactionProfile = PROFILES.share): string {
  if (MASK.test(value)) return value;
  if (kind === 'length') return `‹redacted ${value.length} chars›`;
  if (kind === 'jwt') {
    const parts = value.split('.');
    if (parts.length === 3) {
      try {
        const claims = jwtDecode<unknown>(value);
        if (isObject(claims)) {
          const kept: Record<string, unknown> = {};
          for (const [name, claim] of Object.entries(claims)) {
            kept[name] = profile.claims.includes(name) ? maskValue(JSON.stringify(claim), 'opaque', profile) : claim;
          }
          // Header and claims stay readable (jwt-decode still works); the signature is gone.
          return `${parts[0]}.${profile.claims.length > 0 ? base64UrlJson(kept) : parts[1]}.‹redacted-signature›`;
        }
      } catch {
        // Not a decodable JWT: fall through to the opaque mask.
      }
    }
  }
  if (kind === 'fingerprint') return `‹redacted ${value.length} chars #${fingerprint(value)}›`;
  if (value.length <= 12) return `‹redacted ${value.length} chars›`;
  return `‹redacted ${value.length} chars ${value.slice(0, 4)}…${value.slice(-4)} #${fingerprint(value)}›`;
}

function prefixKind(profile: RedactionProfile, key: string): MaskKind | undefined {
  for (const [prefix, kind] of Object.entries(profile.keyPrefixes)) if (key.startsWith(prefix)) return kind;
  return undefined;
}

/** Sets a key as data even when it is "__proto__" (JSON.parse makes such own keys; `=` would not). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * How to mask a string under `key`, or undefined to keep it: the one rule for "what is a secret",
 * used by exports and by the panel's display. ANSWER is a challenge name for SELECT_MFA_TYPE /
 * SELECT_CHALLENGE (kept: it is what one debugs) but the user's secret answer for CUSTOM_CHALLENGE
 * (masked); with no value known, ANSWER counts as secret.
 */
export function maskKindFor(key: string, value: string | undefined, profile: RedactionProfile = PROFILES.share): MaskKind | undefined {
  if (key === 'ANSWER') return value !== undefined && isChallengeName(value) ? undefined : 'length';
  return ownEntry(profile.keys, key) ?? prefixKind(profile, key);
}

/**
 * Deep copy of a JSON value in which `mask(key, value)` replaces each string it returns text for.
 * Keys stay data even when they are "__proto__".
 */
export function mapJsonStrings(value: unknown, mask: (key: string, value: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => mapJsonStrings(item, mask));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const masked = typeof item === 'string' ? mask(key, item) : undefined;
    define(out, key, masked ?? mapJsonStrings(item, mask));
  }
  return out;
}

/** Deep copy of a JSON value with every secret key's string value masked. */
export function redactJson(value: unknown, profile: RedactionProfile = PROFILES.share): unknown {
  return mapJsonStrings(value, (key, item) => {
    const kind = maskKindFor(key, item, profile);
    return kind ? maskValue(item, kind, profile) : undefined;
  });
}

function redactHeaders(headers: unknown, profile: RedactionProfile): HarHeader[] {
  if (!Array.isArray(headers)) return [];
  return headers.map((header: unknown) => {
    if (!isObject(header) || typeof header.name !== 'string' || typeof header.value !== 'string') return header as HarHeader;
    const kind = ownEntry(profile.headers, header.name.toLowerCase());
    return kind ? { ...header, name: header.name, value: maskValue(header.value, kind, profile) } : (header as unknown as HarHeader);
  });
}

function redactBodyText(text: string, cognito: boolean, profile: RedactionProfile): string {
  if (!cognito) return profile.dropOtherBodies ? `‹redacted body, ${text.length} chars›` : text;
  try {
    return JSON.stringify(redactJson(JSON.parse(text) as unknown, profile));
  } catch {
    // A Cognito body we cannot parse may still hold secrets: keep only its size.
    return `‹redacted unparseable body, ${text.length} chars›`;
  }
}

/** A redacted copy of one HAR entry (the input is never modified). */
export function redactEntry(entry: HarEntry, profile: RedactionProfile = PROFILES.share): HarEntry {
  if (!isObject(entry)) return entry;
  const request = isObject(entry.request) ? entry.request : undefined;
  const response = isObject(entry.response) ? entry.response : undefined;
  const cognito = cognitoOperation(headerValue(request?.headers, 'X-Amz-Target')) !== null;
  const copy: HarEntry = { ...entry };
  if (request) {
    copy.request = { ...request, headers: redactHeaders(request.headers, profile) };
    if (isObject(request.postData) && typeof request.postData.text === 'string') {
      copy.request.postData = { ...request.postData, text: redactBodyText(request.postData.text, cognito, profile) };
    }
  }
  if (response) {
    copy.response = { ...response, headers: redactHeaders(response.headers, profile) };
    const content = isObject(response.content) ? response.content : undefined;
    if (content && typeof content.text === 'string') {
      // Cognito bodies may come base64-encoded; decode them so their secrets can be masked.
      const decoded = content.encoding === 'base64' && cognito ? decodeBase64Text(content.text) : undefined;
      const text = redactBodyText(decoded ?? content.text, cognito, profile);
      copy.response.content = { ...content, text };
      // A decoded, masked or dropped body is no longer the base64 it was.
      if (text !== content.text) delete copy.response.content.encoding;
    }
  }
  return copy;
}

/** A redacted copy of a whole HAR, with a note in `log.comment` saying how it was redacted. */
export function redactHar(har: Har, profile: RedactionProfile = PROFILES.share): Har {
  const entries = Array.isArray(har.log?.entries) ? har.log.entries : [];
  return {
    ...har,
    log: {
      ...har.log,
      entries: entries.map((entry) => redactEntry(entry, profile)),
      comment: `Redacted by cognito-flow-inspector (profile "${profile.name}"): secrets masked, lengths and fingerprints kept.`,
    } as Har['log'],
  };
}
