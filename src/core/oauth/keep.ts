/**
 * Which live entries the panel keeps for the managed-login analysis. It decides one entry at a time,
 * before the capture shows which host is Cognito's or which URL is the app's callback, so it keeps
 * every candidate the analysis might need and the analysis decides: a user-pool path (paths.ts), a
 * URL carrying `code`, `error` or `state` (a callback), and any redirect (a hop of a sign-in).
 * Ordinary page traffic matches none of these.
 */
import type { HarEntry } from '../har';
import { isObject } from '../json';
import { mayHaveRulePath, pathRule } from './paths';
import { param, parseAddress, parseUrl } from './url';
import { entrySignals, STRONG } from './evidence';

/** A Cognito signal on the entry itself (a header or cookie; a light copy has none). */
function cognitoSignal(raw: unknown): boolean {
  return entrySignals(raw as HarEntry, []).some((signal) => signal.weight >= STRONG);
}

/**
 * Kept by the store (as the light copy or whole, see readWholeForManagedLogin). Sign-in pages
 * (/login, /signup, …) only when the entry shows a Cognito signal or redirects: an app's own
 * login page is not managed login.
 */
export function mayBeManagedLogin(raw: unknown): boolean {
  if (!isObject(raw) || !isObject(raw.request) || typeof raw.request.url !== 'string') return false;
  const method = typeof raw.request.method === 'string' ? raw.request.method.toUpperCase() : '';
  if (method === 'OPTIONS') return false;
  const status = isObject(raw.response) && typeof raw.response.status === 'number' ? raw.response.status : 0;
  if (status >= 300 && status < 400) return true;
  // Decided for every entry the page makes: two regular-expression tests rule most of them out;
  // the address is read only when its path could be a user-pool one, the query only when it could
  // name a result.
  const url = raw.request.url.trim();
  const mayBeRule = mayHaveRulePath(url);
  const mayNameResult = MAY_NAME_RESULT.test(url);
  if (!mayBeRule && !mayNameResult) return false;
  const address = parseAddress(url);
  if (!address.origin) return false;
  const rule = mayBeRule ? pathRule(address.path) : undefined;
  if (rule) return rule.kind !== 'login' || cognitoSignal(raw);
  if (!mayNameResult) return false;
  const query = parseUrl(url).query;
  return ['code', 'error', 'state'].some((name) => param(query, name) !== undefined);
}

/** A URL whose query could hold `code`, `error` or `state` (a percent-encoded name decodes to one). */
const MAY_NAME_RESULT = /code|error|state|%/;

/**
 * Which of those the live capture reads whole (headers, bodies) rather than as a light copy (method,
 * URL, status): redirects (their `Location` links the hops), the OAuth endpoints, sign-out and error
 * pages, and sign-in pages that show a Cognito signal (mayBeManagedLogin: an app's own POST /login
 * keeps its password out of the panel). A callback needs only its URL.
 */
export function readWholeForManagedLogin(raw: unknown): boolean {
  if (!mayBeManagedLogin(raw) || !isObject(raw) || !isObject(raw.request) || typeof raw.request.url !== 'string') return false;
  const status = isObject(raw.response) && typeof raw.response.status === 'number' ? raw.response.status : 0;
  return (status >= 300 && status < 400) || pathRule(parseUrl(raw.request.url).path) !== undefined;
}
