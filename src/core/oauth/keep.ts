/**
 * Which live entries the panel keeps for the managed-login analysis. It decides one entry at a time,
 * before the capture shows which host is Cognito's or which URL is the app's callback, so it keeps
 * every candidate the analysis might need and the analysis decides: a user-pool path (paths.ts), a
 * URL carrying `code`, `error` or `state` (a callback), and any redirect (a hop of a sign-in).
 * Ordinary page traffic matches none of these.
 */
import type { HarEntry } from '../har';
import { isObject } from '../json';
import { pathRule } from './paths';
import { param, parseUrl } from './url';
import { entrySignals, STRONG } from './evidence';

/** Kept by the store (as the light copy or whole, see readWhole). */
export function mayBeManagedLogin(raw: unknown): boolean {
  if (!isObject(raw) || !isObject(raw.request) || typeof raw.request.url !== 'string') return false;
  const method = typeof raw.request.method === 'string' ? raw.request.method.toUpperCase() : '';
  if (method === 'OPTIONS') return false;
  const status = isObject(raw.response) && typeof raw.response.status === 'number' ? raw.response.status : 0;
  if (status >= 300 && status < 400) return true;
  const url = parseUrl(raw.request.url);
  if (!url.origin) return false;
  if (pathRule(url.path)) return true;
  return ['code', 'error', 'state'].some((name) => param(url.query, name) !== undefined);
}

/**
 * Which of those the live capture reads whole (headers, bodies) rather than as a light copy (method,
 * URL, status): redirects (their `Location` links the hops), the OAuth endpoints (token JSON,
 * errors), and the sign-in, sign-out and error pages only when the entry itself shows a Cognito
 * signal (an app's own POST /login keeps its password out of the panel). A callback needs only its URL.
 */
export function readWholeForManagedLogin(raw: unknown): boolean {
  if (!mayBeManagedLogin(raw) || !isObject(raw) || !isObject(raw.request) || typeof raw.request.url !== 'string') return false;
  const status = isObject(raw.response) && typeof raw.response.status === 'number' ? raw.response.status : 0;
  if (status >= 300 && status < 400) return true;
  const rule = pathRule(parseUrl(raw.request.url).path);
  if (!rule) return false;
  if (rule.kind === 'login' || rule.kind === 'logout' || rule.kind === 'error-page') {
    return entrySignals(raw as unknown as HarEntry, []).some((signal) => signal.weight >= STRONG);
  }
  return true;
}
