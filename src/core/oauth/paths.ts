/**
 * The user-pool domain's paths and what step each one is (managed-login-oauth2.md §1 "Paths on the
 * user-pool domain"). Matched on the end of the path, case-insensitively, so a proxy prefix or a
 * custom domain still counts; the host is never consulted here.
 */
import type { OAuthStepKind } from './model';

export interface PathRule {
  /** Path suffix, lower case. */
  suffix: string;
  kind: OAuthStepKind;
  /** What the page or endpoint is, for people. */
  label: string;
}

export const PATH_RULES: readonly PathRule[] = [
  { suffix: '/oauth2/authorize', kind: 'authorize', label: 'authorization request' },
  { suffix: '/oauth2/token', kind: 'token', label: 'token endpoint' },
  { suffix: '/oauth2/userinfo', kind: 'userInfo', label: 'userInfo endpoint' },
  { suffix: '/oauth2/revoke', kind: 'revoke', label: 'revocation endpoint' },
  { suffix: '/oauth2/idpresponse', kind: 'idp-response', label: 'OIDC / social IdP response' },
  { suffix: '/saml2/idpresponse', kind: 'idp-response', label: 'SAML assertion consumer' },
  { suffix: '/saml2/logout', kind: 'logout', label: 'SAML single logout return' },
  { suffix: '/logout', kind: 'logout', label: 'sign-out' },
  { suffix: '/error', kind: 'error-page', label: 'error page' },
  { suffix: '/login', kind: 'login', label: 'sign-in page' },
  { suffix: '/signup', kind: 'login', label: 'sign-up page' },
  { suffix: '/confirm', kind: 'login', label: 'confirmation page' },
  { suffix: '/confirmuser', kind: 'login', label: 'confirmation page' },
  { suffix: '/forgotpassword', kind: 'login', label: 'password-reset page' },
  { suffix: '/confirmforgotpassword', kind: 'login', label: 'password-reset page' },
  { suffix: '/resendcode', kind: 'login', label: 'resend-code page' },
  { suffix: '/passkeys/add', kind: 'login', label: 'passkey registration page' },
];

export function pathRule(path: string): PathRule | undefined {
  const lower = path.toLowerCase().replace(/\/+$/, '');
  return PATH_RULES.find((rule) => lower.endsWith(rule.suffix));
}

/** One test for "could this URL's path end in a user-pool path?": built from the table, run on every entry. */
const ANY_RULE = new RegExp(`(?:${PATH_RULES.map((rule) => rule.suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})/*(?:[?#]|$)`, 'i');

export function mayHaveRulePath(url: string): boolean {
  return ANY_RULE.test(url);
}
