/**
 * Why a managed-login step joined its flow, in words, where the link kind alone does not say it:
 * a refresh linked by refresh lineage names the step whose tokens carry the same origin_jti
 * (managed-login-oauth2.md §3 rule 20). The caller names steps its own way: the CLI by entry
 * ("#4"), the panel by place in the chain ("step 5").
 */
import type { OAuthStep } from './model';

export function oauthLinkReason(step: OAuthStep, nameOf: (entry: number) => string): string | undefined {
  if (step.link !== 'origin-jti' || step.linkedTo === undefined) return undefined;
  return `refresh: same origin_jti as ${nameOf(step.linkedTo)}'s tokens (its refresh token is not in this capture)`;
}
