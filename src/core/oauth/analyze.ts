/**
 * Managed login (hosted UI, OAuth 2.0 / OIDC endpoints) beside the API flows: classify, link,
 * check. Pure and synchronous like the rest of the core.
 */
import type { OAuthAnalysis } from './model';
import { classifyAndLink, OAuthScan } from './classify';
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

/**
 * The managed-login analysis of a capture that grows: each entry read once as it arrives; the
 * classification, linking and checks re-run over the managed-login candidates only when an entry
 * that can change them arrived. Otherwise the same `OAuthAnalysis` object comes back.
 */
export class LiveOAuth {
  private readonly scan = new OAuthScan();
  private stale = true;
  private latest: OAuthAnalysis | null = null;

  /** Entry `index` of the capture (entries come in order, once each). */
  add(entry: unknown, index: number): void {
    if (this.scan.add(entry, index)) this.stale = true;
  }

  result(): OAuthAnalysis {
    if (this.latest && !this.stale) return this.latest;
    const linked = this.scan.link();
    this.stale = false;
    return (this.latest = {
      entries: linked.entries,
      flows: linked.flows,
      standalone: linked.standalone,
      domains: linked.domains,
      diagnostics: checkOAuthFlows(linked.flows, linked.standalone),
    });
  }
}
