/**
 * Identity-pool exchanges that follow a managed-login sign-in (issue 12: "identity-pool calls
 * carrying an ID token from /oauth2/token join that flow"). The after-sign-in linker joins an
 * exchange to the user-pool flow whose token it carries in Logins; an ID token that came from
 * /oauth2/token belongs to no user-pool flow, so its exchanges form an identity flow of their own.
 * This finds which managed-login flow issued the token such a flow carries, by the token itself
 * (identity-pools.md "Linking to the user-pool sign-in": the Logins value is the ID token as issued).
 * Derived from a finished analysis and never stored in it, so the live and the one-shot analysis
 * agree by construction.
 */
import type { Analysis, Flow } from '../model';
import { oauthIssuedTokens } from './issued';

const joinsOf = new WeakMap<Pick<Analysis, 'flows' | 'oauth'>, Map<string, string>>();

/** Identity flow id → the managed-login flow id whose token its first exchange with one carries; computed once per analysis. */
export function managedLoginOfIdentityFlows(analysis: Pick<Analysis, 'flows' | 'oauth'>): Map<string, string> {
  let joins = joinsOf.get(analysis);
  if (joins) return joins;
  joins = new Map<string, string>();
  joinsOf.set(analysis, joins);
  if (analysis.oauth.flows.length === 0) return joins;
  const issuer = new Map<string, string>();
  for (const token of oauthIssuedTokens(analysis.oauth)) {
    // The first flow a token was issued to wins, as the user-pool linker decides.
    if (token.as !== 'refresh' && !issuer.has(token.value.trim())) issuer.set(token.value.trim(), token.flow);
  }
  for (const flow of analysis.flows) {
    if (flow.kind !== 'identity') continue;
    const oauth = firstIssuer(flow, issuer);
    if (oauth) joins.set(flow.id, oauth);
  }
  return joins;
}

const grouped = new WeakMap<Pick<Analysis, 'flows' | 'oauth'>, Map<string, Flow[]>>();

/**
 * Managed-login flow id → the identity flows whose exchanges carry its tokens, in capture order;
 * computed once per analysis (the panel's chain and rows, the CLI and the report all read it).
 */
export function identityFlowsByManagedLogin(analysis: Pick<Analysis, 'flows' | 'oauth'>): Map<string, Flow[]> {
  let byOAuth = grouped.get(analysis);
  if (!byOAuth) {
    byOAuth = new Map();
    const joins = managedLoginOfIdentityFlows(analysis);
    for (const flow of analysis.flows) {
      const to = joins.get(flow.id);
      if (!to) continue;
      const list = byOAuth.get(to);
      if (list) list.push(flow);
      else byOAuth.set(to, [flow]);
    }
    grouped.set(analysis, byOAuth);
  }
  return byOAuth;
}

function firstIssuer(flow: Flow, issuer: ReadonlyMap<string, string>): string | null {
  for (const step of flow.steps) {
    for (const login of step.identity?.logins ?? []) {
      const found = issuer.get(login.token.raw.trim());
      if (found) return found;
    }
  }
  return null;
}
