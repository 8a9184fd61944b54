/**
 * API refreshes of managed-login tokens (managed-login-oauth2.md §2.3, §3 rule 20): amplify-js v6
 * refreshes the tokens of a `signInWithRedirect` sign-in with `GetTokensFromRefreshToken` (before
 * 2025-07: `InitiateAuth` `REFRESH_TOKEN_AUTH`) on cognito-idp, not at /oauth2/token. The
 * after-sign-in linker indexes the tokens of API flows only, so such a refresh forms an API flow
 * whose `refreshOf` it leaves null. This finds the managed-login flow it refreshes: by the refresh
 * token it sends (as /oauth2/token issued it), else by the `origin_jti` of the tokens it got back,
 * for the same client. Map look-ups only (linear). Derived from a finished analysis and never
 * stored in it, like the identity-pool join (identity-join.ts), so the live and the one-shot
 * analysis agree by construction.
 */
import type { Analysis } from '../model';
import { refreshTokenSent } from '../links/joined-steps';
import { bodyObject } from '../body';
import { str } from '../json';
import { originJti, tokenClient } from './link';
import { oauthIssuedTokens } from './issued';

const cache = new WeakMap<Pick<Analysis, 'flows' | 'oauth'>, Map<string, string>>();

/** API refresh flow id → the managed-login flow id it refreshes (only for refreshes the API linking left without one). */
export function managedLoginOfRefreshFlows(analysis: Pick<Analysis, 'flows' | 'oauth'>): Map<string, string> {
  let joins = cache.get(analysis);
  if (joins) return joins;
  joins = new Map();
  cache.set(analysis, joins);
  if (analysis.oauth.flows.length === 0) return joins;
  const byRefresh = new Map<string, string>();
  const byOrigin = new Map<string, { flow: string; client: string | undefined }>();
  for (const token of oauthIssuedTokens(analysis.oauth)) {
    // The refresh tokens token responses carried; the first flow a token was issued to wins, as the linkers decide.
    const refresh = token.as === 'refresh' && !token.sent ? token.value.trim() : undefined;
    if (refresh && !byRefresh.has(refresh)) byRefresh.set(refresh, token.flow);
  }
  for (const flow of analysis.oauth.flows) {
    // Refreshed tokens keep the sign-in's origin_jti, so the flow's latest tokens carry it.
    for (const token of [flow.tokens.access, flow.tokens.id]) {
      const origin = originJti(token);
      if (origin !== undefined && !byOrigin.has(origin)) byOrigin.set(origin, { flow: flow.id, client: flow.clientId ?? tokenClient(token) });
    }
  }
  for (const flow of analysis.flows) {
    const first = flow.steps[0];
    if (flow.kind === 'identity' || flow.refreshOf || !first) continue;
    const sent = refreshTokenSent(first.call);
    if (sent === undefined) continue;
    const byToken = sent === null ? undefined : byRefresh.get(sent.trim());
    if (byToken) {
      joins.set(flow.id, byToken);
      continue;
    }
    const client = str(bodyObject(first.call.request), 'ClientId') ?? flow.clientId ?? undefined;
    for (const token of [flow.tokens.access, flow.tokens.id]) {
      const origin = originJti(token);
      const found = origin === undefined ? undefined : byOrigin.get(origin);
      if (found && client !== undefined && found.client === client && (tokenClient(token) ?? client) === client) {
        joins.set(flow.id, found.flow);
        break;
      }
    }
  }
  return joins;
}
