/**
 * The tokens managed-login flows were issued, by value, for joins from elsewhere in the analysis:
 * identity-pool `Logins`, calls made with a flow's access token, refreshes on the API side
 * (the identity issue's token index registers issued tokens by value and by fingerprint).
 */
import type { OAuthAnalysis } from './model';

export interface OAuthIssuedToken {
  flow: string;
  /** Entry whose response (or redirect, for the implicit grant) carried it. */
  entry: number;
  as: 'id' | 'access' | 'refresh';
  /** The token itself: callers index it, they never show it. */
  value: string;
}

export function oauthIssuedTokens(analysis: OAuthAnalysis): OAuthIssuedToken[] {
  const out: OAuthIssuedToken[] = [];
  for (const flow of analysis.flows) {
    const entry = flow.tokens.issuedBy;
    if (entry === null) continue;
    for (const as of ['id', 'access', 'refresh'] as const) {
      const token = flow.tokens[as];
      if (token) out.push({ flow: flow.id, entry, as, value: token.raw });
    }
  }
  return out;
}
