/**
 * Which HAR entries are managed-login traffic, and of which step kind (managed-login-oauth2.md §1):
 * a user-pool path on a host the capture's evidence shows to be Cognito (evidence.ts), the callback
 * to a redirect_uri the authorize or token requests named, and the hops a flow redirected through.
 * The callback and redirect kinds depend on the flows seen so far, so the walk links as it goes.
 */
import type { HarEntry } from '../har';
import { isObject, str } from '../json';
import { decodeToken, tokenClaims } from '../tokens';
import { readResponseBody } from '../body';
import type { DomainEvidence, OAuthEntry } from './model';
import { mayHaveRulePath, pathRule, type PathRule } from './paths';
import { addEvidence, DECISIVE, entrySignals, MEDIUM, THRESHOLD, type Signal } from './evidence';
import { readOAuthEntry, requestParam } from './entries';
import { OAuthLinker, type LinkResult } from './link';
import { originPath, param, parseAddress, parseUrl, resolveLocation, withoutFragment, type ParsedUrl } from './url';

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
      const iss = str(tokenClaims(token), 'iss');
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
  return [...candidates].sort((a, b) => a.index - b.index);
}

export interface ClassifyResult extends LinkResult {
  entries: OAuthEntry[];
  domains: DomainEvidence[];
}

/** A request that is not on a user-pool path: kept unparsed until it may be a callback or a hop. */
interface Other {
  index: number;
  raw: HarEntry;
}

function candidate(index: number, raw: HarEntry, rule: PathRule | undefined): Candidate {
  return { index, raw, url: parseUrl(raw.request.url), rule, startedAt: typeof raw.startedDateTime === 'string' ? Date.parse(raw.startedDateTime) : Number.NaN };
}

/** The redirect target of a 3xx entry (fragment cut, as the next request's URL has it), or undefined. */
function redirectTarget(raw: HarEntry): string | undefined {
  const response = isObject(raw.response) ? raw.response : undefined;
  const status = typeof response?.status === 'number' ? response.status : 0;
  if (status < 300 || status >= 400) return undefined;
  const headers = Array.isArray(response?.headers) ? response.headers : [];
  const location = headers.find((h) => isObject(h) && typeof h.name === 'string' && h.name.toLowerCase() === 'location')?.value ?? str(response, 'redirectURL');
  return typeof location === 'string' && location !== '' ? withoutFragment(resolveLocation(location.trim(), raw.request.url)) : undefined;
}

export function classifyAndLink(entries: readonly unknown[]): ClassifyResult {
  const scan = new OAuthScan();
  entries.forEach((raw, index) => scan.add(raw, index));
  return scan.link();
}

/** An `Other` with what the link pass asks of it, read once (lazily: most captures have no managed login). */
interface ScannedOther extends Other {
  target: string | undefined;
  address?: string | null;
  url?: string;
}

const EMPTY_SETS = { callbacks: new Set<string>(), targets: new Set<string>() };

/**
 * The capture read entry by entry (the live panel adds entries as they arrive): each entry is
 * looked at once — its path rule, its evidence for its host, its redirect. Which entries are
 * managed login, and how they link, depends on the whole capture (evidence is pooled per host,
 * callbacks are wherever some request said to redirect), so `link` runs that part over the
 * candidates; `add` says whether an entry can change its result, so a capture of API calls
 * never re-links.
 */
export class OAuthScan {
  private readonly candidates: Candidate[] = [];
  private readonly others: ScannedOther[] = [];
  private readonly tally = new Map<string, DomainEvidence>();
  /** What the last `link` saw: an entry that is neither a candidate, a redirect nor lands on one of these changes nothing. */
  private seen = EMPTY_SETS;
  private readonly read = new Map<string, OAuthEntry>();

  /** Reads entry `index`; true when the result of `link` may differ because of it. */
  add(raw: unknown, index: number): boolean {
    if (!isObject(raw) || !isObject(raw.request)) return false;
    const entry = raw as unknown as HarEntry;
    const method = typeof entry.request.method === 'string' ? entry.request.method.toUpperCase() : '';
    if (method === 'OPTIONS' || typeof entry.request.url !== 'string') return false;
    // Most entries of a capture are not managed login: one regular-expression test, nothing parsed.
    const address = mayHaveRulePath(entry.request.url) ? parseAddress(entry.request.url) : null;
    const rule = address ? pathRule(address.path) : undefined;
    if (!address || !rule) {
      const other: ScannedOther = { index, raw: entry, target: redirectTarget(entry) };
      this.others.push(other);
      if (other.target !== undefined) return true;
      if (this.seen.callbacks.size === 0 && this.seen.targets.size === 0) return false;
      return this.landsOn(other, this.seen.callbacks, this.seen.targets);
    }
    if (!address.origin) return false;
    const c = candidate(index, entry, rule);
    this.candidates.push(c);
    // Token issuers are decisive; decoding them once per host is enough (decoding is the costly part).
    const decided = (this.tally.get(address.origin)?.score ?? 0) >= DECISIVE;
    addEvidence(this.tally, address.origin, [...entrySignals(entry, rule.kind === 'token' && !decided ? issuersOf(entry) : []), ...pathSignals(c)]);
    return true;
  }

  /** Classifies and links everything added so far. */
  link(): ClassifyResult {
    const { candidates: scanned, others, tally } = this;
    const domains = [...tally.values()].filter((d) => d.score >= THRESHOLD).map((d) => ({ ...d, signals: d.signals.slice() }));
    if (domains.length === 0) {
      this.seen = EMPTY_SETS;
      return { flows: [], standalone: [], entries: [], domains };
    }
    const cognito = (origin: string) => (tally.get(origin)?.score ?? 0) >= THRESHOLD;
    // Where callbacks land: every redirect_uri an authorize or token request on a Cognito host named.
    const callbackAddresses = new Set<string>();
    for (const c of scanned) {
      if (!c.rule || !cognito(c.url.origin)) continue;
      const uri = param(c.url.query, 'redirect_uri') ?? (c.rule.kind === 'token' ? requestParam(this.readEntry(c, 'token'), 'redirect_uri') : undefined);
      if (uri) callbackAddresses.add(originPath(uri));
    }
    // Hops: any request some redirect of the capture pointed at (the linker decides which flow reached it).
    const targets = new Set<string>();
    for (const c of scanned) {
      const target = redirectTarget(c.raw);
      if (target) targets.add(target);
    }
    for (const o of others) if (o.target) targets.add(o.target);
    this.seen = { callbacks: callbackAddresses, targets };
    const candidates = scanned.slice();
    for (const o of others) {
      if (this.landsOn(o, callbackAddresses, targets)) candidates.push(candidate(o.index, o.raw, undefined));
    }
    const linker = new OAuthLinker();
    const accepted: OAuthEntry[] = [];
    for (const c of inTimeOrder(candidates)) {
      let entry: OAuthEntry | null = null;
      if (c.rule && cognito(c.url.origin)) {
        entry = this.readEntry(c, c.rule.kind);
      } else {
        const reached = linker.isRedirectTarget(c.raw.request.url);
        const carriesResult = ['code', 'error', 'state'].some((name) => param(c.url.query, name) !== undefined);
        if (callbackAddresses.has(c.url.origin + c.url.path) && (reached || carriesResult)) entry = this.readEntry(c, 'callback');
        else if (reached) entry = this.readEntry(c, 'redirect');
      }
      if (!entry) continue;
      accepted.push(entry);
      linker.add(entry);
    }
    const linked = linker.result();
    return { ...linked, entries: accepted, domains };
  }

  /** Whether a request outside the user-pool paths is a callback or a hop of these. */
  private landsOn(o: ScannedOther, callbacks: ReadonlySet<string>, targets: ReadonlySet<string>): boolean {
    if (o.address === undefined) {
      const address = parseAddress(o.raw.request.url);
      o.address = address.origin ? address.origin + address.path : null;
      o.url = withoutFragment(o.raw.request.url.trim());
    }
    return o.address !== null && (callbacks.has(o.address) || targets.has(o.url!));
  }

  /** An entry read as a step kind, once: re-linking reads no body again. */
  private readEntry(c: Candidate, kind: Parameters<typeof readOAuthEntry>[2]): OAuthEntry {
    const key = `${c.index}:${kind}`;
    let entry = this.read.get(key);
    if (!entry) this.read.set(key, (entry = readOAuthEntry(c.raw, c.index, kind, c.url)));
    return entry;
  }
}
