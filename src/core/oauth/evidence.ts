/**
 * Is a host a Cognito user-pool domain? Scored from the evidence the capture holds, never from a
 * fixed host list (custom domains count): managed-login-oauth2.md §1 "Evidence that traffic is
 * Cognito". A path alone is not proof (other servers use /oauth2/authorize), so a host needs a
 * score of at least STRONG from signals seen anywhere in the capture for that host.
 */
import type { HarEntry } from '../har';
import { headerValue } from '../har';
import { isObject } from '../json';
import type { DomainEvidence } from './model';
import { parseUrl } from './url';

export const DECISIVE = 3;
export const STRONG = 2;
export const MEDIUM = 1;
/** The score a host needs: one strong signal, or two medium ones. */
export const THRESHOLD = STRONG;

/** `iss` of a Cognito user-pool token (§1, format in cognito-protocol.md). */
export const COGNITO_ISSUER = /^https:\/\/cognito-idp(-fips)?\.([a-z]{2}(-[a-z]+)+-\d)\.amazonaws\.com\/([a-z]{2}(-[a-z]+)+-\d)_[A-Za-z0-9]+$/;

/** Cognito's prefix domains (§1 "Host forms"): `auth.<region>.amazoncognito.com` is Cognito's own public suffix. */
const PREFIX_DOMAIN = /\.auth(-fips)?\.[a-z]{2}(-[a-z]+)+-\d\.amazoncognito\.com$/;

export interface Signal {
  weight: number;
  what: string;
}

function cookieNames(entry: HarEntry): string[] {
  const names: string[] = [];
  const response = isObject(entry.response) ? entry.response : undefined;
  const headers = Array.isArray(response?.headers) ? response.headers : [];
  for (const header of headers) {
    if (isObject(header) && typeof header.name === 'string' && header.name.toLowerCase() === 'set-cookie' && typeof header.value === 'string') {
      // One header may hold several cookies separated by newlines (Firefox joins them).
      for (const line of header.value.split('\n')) names.push(line.split('=')[0]?.trim() ?? '');
    }
  }
  const cookies = (response as { cookies?: unknown } | undefined)?.cookies;
  if (Array.isArray(cookies)) for (const c of cookies) if (isObject(c) && typeof c.name === 'string') names.push(c.name);
  const requestCookie = headerValue(Array.isArray(entry.request?.headers) ? entry.request.headers : [], 'cookie');
  if (requestCookie) for (const part of requestCookie.split(';')) names.push(part.split('=')[0]?.trim() ?? '');
  return names;
}

/** Signals one entry gives about the host that answered it. `issuers` are the decoded `iss` claims of tokens it returned. */
export function entrySignals(entry: HarEntry, issuers: readonly string[]): Signal[] {
  const signals: Signal[] = [];
  const url = parseUrl(typeof entry.request?.url === 'string' ? entry.request.url : '');
  if (issuers.some((iss) => COGNITO_ISSUER.test(iss))) signals.push({ weight: DECISIVE, what: 'returned tokens issued by cognito-idp' });
  if (PREFIX_DOMAIN.test(url.host)) signals.push({ weight: STRONG, what: 'a Cognito prefix domain (auth.<region>.amazoncognito.com)' });
  const responseHeaders = isObject(entry.response) && Array.isArray(entry.response.headers) ? entry.response.headers : [];
  if (headerValue(responseHeaders, 'x-amz-cognito-request-id')) signals.push({ weight: STRONG, what: 'x-amz-cognito-request-id response header' });
  const cookies = cookieNames(entry);
  if (cookies.includes('XSRF-TOKEN')) signals.push({ weight: STRONG, what: 'XSRF-TOKEN cookie' });
  if (cookies.includes('cognito')) signals.push({ weight: STRONG, what: '"cognito" session cookie' });
  const named = ['csrf-state', 'csrf-state-legacy', 'cognito-fl', 'page-data'].filter((name) => cookies.includes(name));
  if (named.length > 0) signals.push({ weight: MEDIUM, what: `managed-login cookies (${named.join(', ')})` });
  const body = isObject(entry.request?.postData) && typeof entry.request.postData.text === 'string' ? entry.request.postData.text : '';
  if (/(^|&)cognitoAsfData=/.test(body) || body.includes('cognitoSignInForm')) signals.push({ weight: MEDIUM, what: 'hosted UI sign-in form fields' });
  return signals;
}

/** Adds signals to the per-origin tally (deduplicated by what they say). */
export function addEvidence(tally: Map<string, DomainEvidence>, origin: string, signals: readonly Signal[]): void {
  if (signals.length === 0 || origin === '') return;
  let evidence = tally.get(origin);
  if (!evidence) {
    evidence = { origin, score: 0, signals: [] };
    tally.set(origin, evidence);
  }
  for (const signal of signals) {
    if (evidence.signals.includes(signal.what)) continue;
    evidence.signals.push(signal.what);
    evidence.score += signal.weight;
  }
}
