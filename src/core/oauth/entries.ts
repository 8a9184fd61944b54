/**
 * HAR entry → OAuthEntry: the parts of a managed-login request and response the linker and the
 * checks read (query, form body, Location, token JSON, the OAuth error). Total over odd input.
 */
import type { HarEntry } from '../har';
import { headerValue } from '../har';
import { isObject, str } from '../json';
import { readResponseBody } from '../body';
import { decodeBase64Text } from '../base64';
import type { JsonObject } from '../model';
import type { OAuthEntry, OAuthError, OAuthStepKind } from './model';
import { param, parseForm, parseUrl, resolveLocation, type Param, type ParsedUrl } from './url';

function toNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The form parameters of a request body (`postData.text`, else HAR's `postData.params`). */
function formOf(entry: HarEntry): Param[] {
  const postData: unknown = entry.request?.postData;
  if (!isObject(postData)) return [];
  if (typeof postData.text === 'string' && postData.text !== '') {
    const text = postData.text.trim();
    // A JSON body to the token endpoint is a known mistake (§4.3): read nothing, the error explains it.
    return text.startsWith('{') ? [] : parseForm(text);
  }
  const params = postData.params;
  if (!Array.isArray(params)) return [];
  const out: Param[] = [];
  for (const p of params) {
    if (isObject(p) && typeof p.name === 'string') {
      const value = typeof p.value === 'string' ? p.value : '';
      out.push({ name: p.name, value, raw: value });
    }
  }
  return out;
}

/** The redirect target: `Location`, else HAR's `redirectURL`, resolved against the request URL. */
function locationOf(entry: HarEntry, url: string): string | null {
  const response = isObject(entry.response) ? entry.response : undefined;
  const headers = Array.isArray(response?.headers) ? response.headers : [];
  const location = headerValue(headers, 'location') ?? str(response, 'redirectURL');
  if (!location) return null;
  return resolveLocation(location.trim(), url);
}

/** `WWW-Authenticate: Bearer error="invalid_token", error_description="…"` (userInfo, §4.4). */
function wwwAuthenticateError(value: string | undefined): OAuthError | null {
  if (!value) return null;
  const code = /error="([^"]*)"/.exec(value)?.[1];
  if (!code) return null;
  return { code, description: /error_description="([^"]*)"/.exec(value)?.[1] ?? null, source: 'www-authenticate' };
}

/** Reads the `Authorization` header: Bearer token, or the client id of Basic credentials (never the secret). */
function authorization(entry: HarEntry): { bearer: string | null; basicSent: boolean; basicClientId: string | null } {
  const value = headerValue(Array.isArray(entry.request?.headers) ? entry.request.headers : [], 'authorization')?.trim() ?? '';
  const bearer = /^bearer\s+(\S+)/i.exec(value)?.[1] ?? null;
  const basic = /^basic\s+(\S+)/i.exec(value)?.[1];
  if (!basic) return { bearer, basicSent: false, basicClientId: null };
  const decoded = decodeBase64Text(basic);
  const colon = decoded?.indexOf(':') ?? -1;
  // RFC 6749 §2.3.1: client_id and secret are form-encoded before Basic encoding.
  const clientId = decoded !== undefined && colon > 0 ? decodeURIComponentSafe(decoded.slice(0, colon)) : null;
  return { bearer, basicSent: true, basicClientId: clientId };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function errorOf(kind: OAuthStepKind, status: number, query: Param[], fragment: Param[], json: JsonObject | null, entry: HarEntry): OAuthError | null {
  if (kind === 'callback' || kind === 'error-page' || kind === 'idp-response') {
    const code = param(query, 'error') ?? param(fragment, 'error');
    if (code !== undefined) {
      return { code, description: param(query, 'error_description') ?? param(fragment, 'error_description') ?? null, source: kind === 'error-page' ? 'error-page' : 'callback' };
    }
    if (kind === 'error-page') return { code: 'error-page', description: null, source: 'error-page' };
    return null;
  }
  if (kind === 'userInfo') {
    const headers = isObject(entry.response) && Array.isArray(entry.response.headers) ? entry.response.headers : [];
    const fromHeader = wwwAuthenticateError(headerValue(headers, 'www-authenticate'));
    if (fromHeader) return fromHeader;
  }
  const jsonError = json ? str(json, 'error') : undefined;
  if (jsonError) return { code: jsonError, description: str(json, 'error_description') ?? str(json, 'error_message') ?? null, source: 'token-body' };
  if (status >= 400 && (kind === 'token' || kind === 'revoke' || kind === 'userInfo' || kind === 'login' || kind === 'authorize' || kind === 'logout')) {
    return { code: `HTTP ${status}`, description: null, source: 'status' };
  }
  return null;
}

export function readOAuthEntry(raw: HarEntry, index: number, kind: OAuthStepKind, parsedUrl?: ParsedUrl): OAuthEntry {
  const url = typeof raw.request?.url === 'string' ? raw.request.url : '';
  const parsed = parsedUrl ?? parseUrl(url);
  const response = isObject(raw.response) ? raw.response : undefined;
  const status = toNumber(response?.status, 0);
  const body = readResponseBody(isObject(response?.content) ? response.content : undefined, status);
  const responseJson = body.state === 'json' ? body.value : null;
  const method = typeof raw.request?.method === 'string' ? raw.request.method.toUpperCase() : '';
  return {
    entry: index,
    kind,
    url,
    method,
    status,
    startedAt: typeof raw.startedDateTime === 'string' ? Date.parse(raw.startedDateTime) : Number.NaN,
    duration: Math.max(0, toNumber(raw.time, 0)),
    origin: parsed.origin,
    path: parsed.path,
    query: parsed.query,
    form: method === 'POST' ? formOf(raw) : [],
    location: locationOf(raw, url),
    responseJson,
    error: errorOf(kind, status, parsed.query, parsed.fragment, responseJson, raw),
    ...authorization(raw),
    har: raw,
  };
}

/** Request parameter from the form body, else the query (Cognito accepts both on /oauth2/token for some fields). */
export function requestParam(entry: OAuthEntry, name: string): string | undefined {
  return param(entry.form, name) ?? param(entry.query, name);
}
