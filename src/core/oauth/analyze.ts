/**
 * Managed login (hosted UI, OAuth 2.0 / OIDC endpoints) beside the API flows: classify, link,
 * check. Pure and synchronous like the rest of the core.
 */
import type { OAuthAnalysis } from './model';
import { classifyAndLink } from './classify';
import { checkOAuthFlows } from './checks';

export function analyzeOAuth(entries: readonly unknown[]): OAuthAnalysis {
  const linked = classifyAndLink(entries);
  return {
    entries: linked.entries,
    flows: linked.flows,
    standalone: linked.standalone,
    domains: linked.domains,
    diagnostics: checkOAuthFlows(linked.flows, linked.standalone),
  };
}

/** Fingerprints of every ID token a managed-login flow was issued, mapped to the flow: identity-pool calls join by these. */
export function oauthIdTokenFingerprints(analysis: OAuthAnalysis): Map<string, string> {
  const map = new Map<string, string>();
  for (const flow of analysis.flows) for (const print of flow.idTokenFingerprints) map.set(print, flow.id);
  return map;
}
