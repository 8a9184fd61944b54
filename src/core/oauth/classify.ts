/**
 * Which HAR entries are managed-login traffic, and of which step kind (managed-login-oauth2.md §1):
 * a user-pool path on a host the capture's evidence shows to be Cognito (evidence.ts), the callback
 * to a redirect_uri the authorize or token requests named, and the hops a flow redirected through.
 * The callback and redirect kinds depend on the flows seen so far, so the walk links as it goes.
 */
import type { HarEntry } from '../har';
import { isObject, str } from '../json';
import { decodeToken } from '../tokens';
import { readResponseBody } from '../body';
import type { DomainEvidence, OAuthEntry } from './model';
import { pathRule, type PathRule } from './paths';
import { addEvidence, entrySignals, MEDIUM, THRESHOLD, type Signal } from './evidence';
import { readOAuthEntry, requestParam } from './entries';
import { OAuthLinker, type LinkResult } from './link';
import { originPath, param, parseUrl, type ParsedUrl } from './url';

interface Candidate {
  index: number;
  raw: HarEntry;
  url: ParsedUrl;
  rule: PathRule | undefined;
  startedAt: number;
}

/** Issuers (`iss`) of the tokens a response body returned: decisive evidence (§1). */
function issuersOf(raw: HarEntry): string[] {
  const response = isObject(raw.response) ? raw.response : undefined;
  const status = typeof response?.status === 'number' ? response.status : 0;
  const body = readResponseBody(isObject(response?.content) ? response.content : undefined, status);
  if (body.state !== 'json') return [];
  const issuers: string[] = [];
  for (const key of ['id_token', 'access_token']) {
    const token = decodeToken(str(body.value, key), 0);
    if (token.kind === 'jwt') {
      const iss = str(token.claims, 'iss');
      if (iss) issuers.push(iss);
    }
  }
  return issuers;
}

/** Protocol-shaped signals that need the path: authorize → /login with the same query; a bare `{"error":…}` token error. */
function pathSignals(candidate: Candidate): Signal[] {
  const signals: Signal[] = [];
  const raw = candidate.raw;
  if (candidate.rule?.kind === 'authorize') {
    const headers = isObject(raw.response) && Array.isArray(raw.response.headers) ? raw.response.headers : [];
    const location = headers.find((h) => isObject(h) && typeof h.name === 'string' && h.name.toLowerCase() === 'location')?.value;
    const queryOf = (url: string) => url.slice(url.indexOf('?') + 1);
    if (typeof location === 'string' && /\/login\?/.test(location) && queryOf(location) === queryOf(raw.request.url)) {
      signals.push({ weight: MEDIUM, what: '/oauth2/authorize redirects to /login with the same query' });
    }
  }
  if (candidate.rule?.kind === 'token') {
    const text = isObject(raw.response?.content) && typeof raw.response.content.text === 'string' ? raw.response.content.text.trim() : '';
    if (/^\{"error":"[a-z_]+"\}$/.test(text)) signals.push({ weight: MEDIUM, what: 'token error body of exactly {"error":"…"}' });
  }
  return signals;
}

/** Time order (HAR order when dates are missing): the linker needs causes before effects. */
function inTimeOrder(candidates: Candidate[]): Candidate[] {
  if (candidates.every((c) => Number.isFinite(c.startedAt))) {
    return [...candidates].sort((a, b) => a.startedAt - b.startedAt || a.index - b.index);
  }
  return candidates;
}

export interface ClassifyResult extends LinkResult {
  entries: OAuthEntry[];
  domains: DomainEvidence[];
}

export function classifyAndLink(entries: readonly unknown[]): ClassifyResult {
  const candidates: Candidate[] = [];
  const tally = new Map<string, DomainEvidence>();
  entries.forEach((raw, index) => {
    if (!isObject(raw) || !isObject(raw.request)) return;
    const entry = raw as unknown as HarEntry;
    const method = typeof entry.request.method === 'string' ? entry.request.method.toUpperCase() : '';
    if (method === 'OPTIONS' || typeof entry.request.url !== 'string') return;
    const url = parseUrl(entry.request.url);
    if (!url.origin) return;
    const rule = pathRule(url.path);
    const candidate: Candidate = { index, raw: entry, url, rule, startedAt: typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : Number.NaN };
    candidates.push(candidate);
    if (rule) addEvidence(tally, url.origin, [...entrySignals(entry, rule.kind === 'token' ? issuersOf(entry) : []), ...pathSignals(candidate)]);
  });
  const cognito = (origin: string) => (tally.get(origin)?.score ?? 0) >= THRESHOLD;
  // Where callbacks land: every redirect_uri an authorize or token request on a Cognito host named.
  const callbackAddresses = new Set<string>();
  for (const c of candidates) {
    if (!c.rule || !cognito(c.url.origin)) continue;
    const uri = param(c.url.query, 'redirect_uri') ?? (c.rule.kind === 'token' ? requestParam(readOAuthEntry(c.raw, c.index, 'token'), 'redirect_uri') : undefined);
    if (uri) callbackAddresses.add(originPath(uri));
  }
  const linker = new OAuthLinker();
  const accepted: OAuthEntry[] = [];
  for (const c of inTimeOrder(candidates)) {
    let entry: OAuthEntry | null = null;
    if (c.rule && cognito(c.url.origin)) {
      entry = readOAuthEntry(c.raw, c.index, c.rule.kind);
    } else {
      const reached = linker.isRedirectTarget(c.raw.request.url);
      const carriesResult = ['code', 'error', 'state'].some((name) => param(c.url.query, name) !== undefined);
      if (callbackAddresses.has(c.url.origin + c.url.path) && (reached || carriesResult)) entry = readOAuthEntry(c.raw, c.index, 'callback');
      else if (reached) entry = readOAuthEntry(c.raw, c.index, 'redirect');
    }
    if (!entry) continue;
    accepted.push(entry);
    linker.add(entry);
  }
  const linked = linker.result();
  return { ...linked, entries: accepted, domains: [...tally.values()].filter((d) => d.score >= THRESHOLD) };
}
