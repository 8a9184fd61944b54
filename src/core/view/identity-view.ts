/**
 * What an identity-pool step shows on its card: provider (or guest), identity id, role asked for,
 * credentials (key id masked, expiry relative to the call). Never a token, a key or a secret.
 */
import type { Step } from '../model';
import { relativeTime } from '../tokens';

export interface IdentityFact {
  /** Stable name for tests and styling, e.g. `provider`, `credentials`. */
  name: string;
  label: string;
  value: string;
  /** Something about the value needs attention (unreadable expiry, expired credentials). */
  problem?: boolean;
}

export function identityFacts(step: Step): IdentityFact[] {
  const exchange = step.identity;
  if (!exchange) return [];
  const fact = (name: string, label: string, value: string, problem = false): IdentityFact => ({ name, label, value, problem });
  const facts = exchange.logins.map((login) => {
    const tokenUse = login.token.kind === 'jwt' ? login.token.use : null;
    const use = tokenUse !== null ? ` (${tokenUse} token)` : '';
    return fact('provider', 'Provider', `${login.provider}${use}${login.issued ? `, from #${login.issued.entry}` : ''}`, login.token.kind === 'malformed');
  });
  if (facts.length === 0) facts.push(fact('provider', 'Provider', exchange.loginsProblem ?? `none: guest (${exchange.loginsSent ? 'empty' : 'no'} Logins)`, exchange.loginsProblem !== null));
  const identity = exchange.identityIdReturned ?? exchange.identityIdSent;
  if (identity) facts.push(fact('identity', 'Identity', identity));
  if (exchange.customRoleArn) facts.push(fact('role', 'Role asked for', exchange.customRoleArn));
  const credentials = exchange.credentials;
  if (credentials) {
    const left = credentials.expiresAt === null ? null : credentials.expiresAt - step.call.startedAt;
    const expiry = left === null ? (credentials.expirationProblem ?? 'expiry unknown') : Number.isFinite(left) ? `${left > 0 ? 'expire' : 'expired'} ${relativeTime(left)}` : 'expiry unknown';
    facts.push(fact('credentials', 'Credentials', `${credentials.accessKeyId ?? '(no key id)'} · ${expiry}`, left === null));
  }
  if (exchange.openIdToken) facts.push(fact('openid-token', 'OpenID token', `#${exchange.openIdToken}`));
  return facts;
}
