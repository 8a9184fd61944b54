/**
 * The tokens managed-login flows hold, by value, for joins from elsewhere in the analysis:
 * identity-pool `Logins` (identity-join.ts), calls made with a flow's tokens (api-join.ts),
 * refreshes on the API side (api-refresh-join.ts). Every set a flow was issued counts, not only its
 * latest: a call sent before a refresh carries the tokens the refresh later replaced.
 */
import { str } from '../json';
import type { OAuthAnalysis, OAuthEntry, OAuthStep } from './model';
import { requestParam } from './entries';
import { param, parseUrl } from './url';

export interface OAuthIssuedToken {
  flow: string;
  /** Entry whose response (or redirect, for the implicit grant) carried it; for a sent refresh token, the refresh that sent it. */
  entry: number;
  as: 'id' | 'access' | 'refresh';
  /** The token itself: callers index it, they never show it. */
  value: string;
  /**
   * A refresh token the flow's refresh sent rather than one a response carried: a refresh linked to
   * the flow by its refresh token or by lineage (§3 rule 20) sends the flow's refresh token, which
   * may have been issued before the capture started.
   */
  sent?: true;
}

/** Tokens handed out together by one entry (the checks pair an ID token with the access token it came with). */
export interface HandedOut {
  entry: OAuthEntry;
  id: string | undefined;
  access: string | undefined;
  refresh: string | undefined;
}

/** What an entry handed out: a token response's tokens (2xx), an implicit grant's redirect fragment's (§2.2). */
export function handedOut(entry: OAuthEntry): HandedOut[] {
  const out: HandedOut[] = [];
  const json = entry.responseJson;
  if (entry.kind === 'token' && json && entry.status >= 200 && entry.status < 300) {
    const tokens = { entry, id: str(json, 'id_token'), access: str(json, 'access_token'), refresh: str(json, 'refresh_token') };
    if (tokens.id !== undefined || tokens.access !== undefined || tokens.refresh !== undefined) out.push(tokens);
  }
  if (entry.location?.includes('#')) {
    const fragment = parseUrl(entry.location).fragment;
    const tokens = { entry, id: param(fragment, 'id_token'), access: param(fragment, 'access_token'), refresh: undefined };
    if (tokens.id !== undefined || tokens.access !== undefined) out.push(tokens);
  }
  return out;
}

/** The tokens one step of a flow carries, in the order id, access, refresh. */
function stepTokens(flow: string, { entry, link }: OAuthStep, out: OAuthIssuedToken[]): void {
  const push = (as: OAuthIssuedToken['as'], value: string | undefined, sent?: true) => {
    if (value !== undefined && value.trim() !== '') out.push({ flow, entry: entry.entry, as, value, ...(sent ? { sent } : {}) });
  };
  for (const { id, access, refresh } of handedOut(entry)) {
    push('id', id);
    push('access', access);
    push('refresh', refresh);
  }
  // A refresh linked by its refresh token or its lineage sends the flow's refresh token (maybe issued
  // before the capture); one linked by its client id alone may send anyone's: not counted.
  if (entry.kind === 'token' && (link === 'refresh-token' || link === 'origin-jti') && requestParam(entry, 'grant_type') === 'refresh_token') push('refresh', requestParam(entry, 'refresh_token'), true);
}

const cache = new WeakMap<OAuthAnalysis, OAuthIssuedToken[]>();

/** Every token each flow holds, flow by flow and step by step (so "the first flow wins" reads in order); computed once per analysis. */
export function oauthIssuedTokens(analysis: OAuthAnalysis): OAuthIssuedToken[] {
  let out = cache.get(analysis);
  if (out) return out;
  out = [];
  for (const flow of analysis.flows) for (const step of flow.steps) stepTokens(flow.id, step, out);
  cache.set(analysis, out);
  return out;
}
