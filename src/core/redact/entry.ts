/**
 * Redacting HAR entries and files: every kept JSON body, whatever service it belongs to, goes
 * through the one walk (./walk.ts) with the profile's key rules; forms, XML, URLs, headers, cookies
 * and name/value lists go through the text maskers (./text.ts); every other field is copied by the
 * same walk (depth-bounded, JWTs and URLs in its strings masked). The input is never modified.
 */
import type { Har, HarEntry } from '../har';
import { headerValue } from '../har';
import { isObject } from '../json';
import { ownEntry } from '../rules';
import { decodeBase64Text } from '../base64';
import { isMasked, maskAny } from './mask';
import { maskKindFor, paramKind, PROFILES, type HarField, type KeyContext, type MaskKind, type RedactionProfile } from './rules';
import { maskCookieName, maskHeader, maskParams, maskText, maskUrl, maskXml, scrubJwts } from './text';
import { define, mapJson } from './walk';

/** The ChallengeName of a body (the context that decides whether its ANSWER is a secret). */
function contextOf(value: unknown): KeyContext {
  return { challengeName: isObject(value) && typeof value.ChallengeName === 'string' ? value.ChallengeName : null };
}

const URL_TEXT = /^(https?|wss?):\/\//i;

/** A string outside any secret key: URLs lose their secret parameters, JWTs their signatures. */
function scrubString(value: string, profile: RedactionProfile): string {
  return URL_TEXT.test(value) ? maskUrl(value, profile) : scrubJwts(value, profile);
}

/**
 * Deep copy of a JSON value in which `mask(value, kind)` replaces each secret, whatever its type,
 * by the profile's rules (keys, prefixes, ANSWER by the body's ChallengeName, every member of
 * `Logins`). `other` may rewrite the remaining strings. For display (the panel) and exports alike.
 */
export function mapJsonSecrets(value: unknown, mask: (value: unknown, kind: MaskKind) => unknown, profile: RedactionProfile = PROFILES.share, other?: (value: string) => string, context: KeyContext = contextOf(value)): unknown {
  return mapJson(value, (key, item) => {
    const container = ownEntry(profile.containers, key);
    if (container && isObject(item)) {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(item)) define(out, name, member === null ? null : mask(member, container));
      return { value: out };
    }
    const kind = maskKindFor(key, typeof item === 'string' ? item : undefined, profile, context);
    if (kind) return { value: item === null ? null : mask(item, kind) };
    if (typeof item === 'string' && other) {
      const rewritten = other(item);
      return rewritten === item ? undefined : { value: rewritten };
    }
    return undefined;
  });
}

/** Deep copy of a JSON value with every secret masked by the profile (any value type, any depth). */
export function redactJson(value: unknown, profile: RedactionProfile = PROFILES.share): unknown {
  return mapJsonSecrets(value, (item, kind) => maskAny(item, kind, profile), profile, (item) => scrubString(item, profile));
}

/** Entries whose bodies `strict` keeps (masked): Cognito user-pool and identity-pool calls. */
const KEPT_SERVICES = new Set(['AWSCognitoIdentityProviderService', 'AWSCognitoIdentityService']);

function awsService(request: Record<string, unknown> | undefined): string | undefined {
  const target = headerValue(Array.isArray(request?.headers) ? request.headers as HarEntry['request']['headers'] : undefined, 'X-Amz-Target');
  return typeof target === 'string' ? target.trim().split('.')[0] : undefined;
}

const FORM_TEXT = /^[\w.%+*~-]+=[^&\s]*(&[\w.%+*~-]+=[^&\s]*)*$/;
const TEXTUAL_MIME = /json|xml|x-www-form-urlencoded|text|javascript/i;

/** One body's text, masked by its format; `aws` bodies (X-Amz-Target) that do not parse keep only their size. */
function redactBodyText(text: string, mimeType: string, aws: boolean, profile: RedactionProfile): string {
  if (isMasked(text)) return text;
  const start = text.trimStart()[0];
  if (aws || start === '{' || start === '[' || /json/i.test(mimeType)) {
    try {
      return JSON.stringify(redactJson(JSON.parse(text) as unknown, profile));
    } catch {
      // A JSON body we cannot parse may still hold secrets (an unquoted password): keep only its size.
      if (aws || /json/i.test(mimeType)) return `‹redacted unparseable body, ${text.length} chars›`;
    }
  }
  if (/x-www-form-urlencoded/i.test(mimeType) || FORM_TEXT.test(text)) return scrubJwts(maskParams(text, profile), profile);
  if (/xml/i.test(mimeType) || start === '<') return maskText(maskXml(text, profile), profile);
  return maskText(text, profile);
}

function has(profile: RedactionProfile, field: HarField): boolean {
  return profile.fields.includes(field);
}

/** Headers: each by its kind; the rest keep their names and lose JWT signatures. */
function redactHeaders(headers: unknown, profile: RedactionProfile): unknown {
  if (!Array.isArray(headers)) return redactJson(headers, profile);
  return headers.map((header: unknown) => {
    if (!isObject(header) || typeof header.name !== 'string') return redactJson(header, profile);
    const kind = ownEntry(profile.headers, header.name.toLowerCase());
    const value = header.value;
    const masked = typeof value === 'string'
      ? (kind ? maskHeader(value, kind, profile) : scrubJwts(value, profile))
      : (kind ? maskAny(value, 'length', profile) : redactJson(value, profile));
    return { ...(redactJson(header, profile) as Record<string, unknown>), value: masked };
  });
}

/** HAR name/value lists (queryString, postData.params): values masked by their parameter's rule. */
function redactPairs(list: unknown, profile: RedactionProfile): unknown {
  if (!Array.isArray(list)) return redactJson(list, profile);
  return list.map((item: unknown) => {
    const copy = redactJson(item, profile);
    if (!isObject(item) || !isObject(copy) || !Object.hasOwn(item, 'value')) return copy;
    const kind = paramKind(typeof item.name === 'string' ? item.name : '', profile);
    return kind ? { ...copy, value: maskAny(item.value, kind, profile) } : copy;
  });
}

/** HAR cookie lists: every cookie's value masked (cookies are sessions and CSRF tokens, managed-login-oauth2.md §5). */
function redactCookies(list: unknown, profile: RedactionProfile): unknown {
  if (!Array.isArray(list)) return redactJson(list, profile);
  return list.map((item: unknown) => {
    if (typeof item === 'string') return maskAny(item, 'opaque', profile);
    const copy = redactJson(item, profile);
    if (!isObject(item) || !isObject(copy)) return copy;
    if (typeof item.name === 'string') copy.name = maskCookieName(item.name, profile);
    return Object.hasOwn(item, 'value') ? { ...copy, value: maskAny(item.value, 'opaque', profile) } : copy;
  });
}

/**
 * A copy of an object's other fields through the walk (depth-bounded, secrets by key, JWTs and URLs
 * in strings masked), leaving out the fields the caller masks itself (each walked only once).
 */
function copyOthers(source: Record<string, unknown>, handled: readonly string[], profile: RedactionProfile): Record<string, unknown> {
  const others: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (!handled.includes(key)) define(others, key, value);
  return redactJson(others, profile) as Record<string, unknown>;
}

/** Fields the caller meant to mask but found in an unexpected shape: copied through the walk, never dropped. */
function keepRest(copy: Record<string, unknown>, source: Record<string, unknown>, handled: readonly string[], profile: RedactionProfile): Record<string, unknown> {
  for (const key of handled) if (Object.hasOwn(source, key) && !Object.hasOwn(copy, key)) define(copy, key, redactJson(source[key], profile));
  return copy;
}

function dropped(text: string): string {
  if (isMasked(text)) return text;
  return `‹redacted body, ${text.length} chars›`;
}

function redactRequest(request: Record<string, unknown>, keepBody: boolean, aws: boolean, profile: RedactionProfile): Record<string, unknown> {
  const handled = ['headers', 'url', 'queryString', 'cookies', 'postData'];
  const copy = copyOthers(request, handled, profile);
  copy.headers = redactHeaders(request.headers, profile);
  if (typeof request.url === 'string') copy.url = has(profile, 'request.url') ? maskUrl(request.url, profile) : request.url;
  if (Object.hasOwn(request, 'queryString')) copy.queryString = has(profile, 'request.queryString') ? redactPairs(request.queryString, profile) : request.queryString;
  if (Object.hasOwn(request, 'cookies')) copy.cookies = has(profile, 'request.cookies') ? redactCookies(request.cookies, profile) : request.cookies;
  const postData = request.postData;
  if (isObject(postData)) {
    const out = copyOthers(postData, ['text', 'params'], profile);
    const mimeType = typeof postData.mimeType === 'string' ? postData.mimeType : '';
    if (typeof postData.text === 'string') out.text = keepBody ? redactBodyText(postData.text, mimeType, aws, profile) : dropped(postData.text);
    if (Object.hasOwn(postData, 'params')) out.params = has(profile, 'request.postData.params') ? redactPairs(postData.params, profile) : postData.params;
    copy.postData = keepRest(out, postData, ['text'], profile);
  }
  return keepRest(copy, request, handled, profile);
}

function redactResponse(response: Record<string, unknown>, keepBody: boolean, aws: boolean, profile: RedactionProfile): Record<string, unknown> {
  const handled = ['headers', 'redirectURL', 'cookies', 'content'];
  const copy = copyOthers(response, handled, profile);
  copy.headers = redactHeaders(response.headers, profile);
  if (typeof response.redirectURL === 'string') copy.redirectURL = has(profile, 'response.redirectURL') ? maskUrl(response.redirectURL, profile) : response.redirectURL;
  if (Object.hasOwn(response, 'cookies')) copy.cookies = has(profile, 'response.cookies') ? redactCookies(response.cookies, profile) : response.cookies;
  const content = response.content;
  if (isObject(content) && typeof content.text === 'string') {
    const out = copyOthers(content, ['text'], profile);
    const mimeType = typeof content.mimeType === 'string' ? content.mimeType : '';
    const base64 = content.encoding === 'base64';
    // Text bodies may come base64-encoded (Firefox does it for Cognito's JSON): decode to mask them.
    const decoded = base64 && (aws || TEXTUAL_MIME.test(mimeType)) ? decodeBase64Text(content.text) : undefined;
    if (!keepBody) out.text = dropped(content.text);
    else if (base64 && decoded === undefined && !aws) out.text = content.text; // binary (an image): nothing to mask
    else out.text = redactBodyText(decoded ?? content.text, mimeType, aws, profile);
    // A decoded, masked or dropped body is no longer the base64 it was.
    if (out.text !== content.text) delete out.encoding;
    copy.content = out;
  }
  return keepRest(copy, response, handled, profile);
}

/** A redacted copy of one HAR entry (the input is never modified). */
export function redactEntry(entry: HarEntry, profile: RedactionProfile = PROFILES.share): HarEntry {
  if (!isObject(entry)) return redactJson(entry, profile) as HarEntry;
  const request = isObject(entry.request) ? entry.request : undefined;
  const response = isObject(entry.response) ? entry.response : undefined;
  const service = awsService(request);
  const aws = service !== undefined && service !== '';
  const keepBody = !profile.dropOtherBodies || (service !== undefined && KEPT_SERVICES.has(service));
  const copy = copyOthers(entry as unknown as Record<string, unknown>, [...(request ? ['request'] : []), ...(response ? ['response'] : [])], profile) as unknown as HarEntry;
  if (request) copy.request = redactRequest(request, keepBody, aws, profile) as unknown as HarEntry['request'];
  if (response) copy.response = redactResponse(response, keepBody, aws, profile) as unknown as HarEntry['response'];
  return copy;
}

/** A redacted copy of a whole HAR, with a note in `log.comment` saying how it was redacted. */
export function redactHar(har: Har, profile: RedactionProfile = PROFILES.share): Har {
  const log = isObject(har?.log) ? har.log : undefined;
  const entries = Array.isArray(log?.entries) ? log.entries : [];
  const rest = redactJson({ ...log, entries: [] }, profile) as Record<string, unknown>;
  return {
    ...(redactJson({ ...har, log: undefined }, profile) as Record<string, unknown>),
    log: {
      ...rest,
      entries: entries.map((entry) => redactEntry(entry, profile)),
      comment: `Redacted by cognito-flow-inspector (profile "${profile.name}"): secrets masked, lengths and fingerprints kept.`,
    } as unknown as Har['log'],
  };
}
