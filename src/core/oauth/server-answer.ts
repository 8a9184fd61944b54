/**
 * The server's answer outranks our rules (issue 9), on the managed-login side too: a token request
 * the token endpoint answered 2xx was accepted, so a rule saying that request was invalid cannot be
 * an error there. It stays, as a warning that says so: Cognito documents the refusal (managed-login-
 * oauth2.md §3, §4.3), so either this endpoint is lenient (a double, a proxy) or the rule did not
 * apply. Rules about what the app itself must check (state, nonce) or about what the capture shows
 * (a client secret in the page) are not judged by the server's answer and keep their severity.
 */
import type { OAuthDiagnosticCode } from './rules';
import type { OAuthEntry } from './model';

/** Codes that judge a token request the endpoint would refuse: an acceptance contradicts them. */
export const TOKEN_REQUEST_RULES: ReadonlySet<OAuthDiagnosticCode> = new Set<OAuthDiagnosticCode>([
  'redirect-uri-mismatch', 'pkce-mismatch', 'pkce-verifier-missing', 'code-reused', 'client-auth-missing', 'client-mismatch', 'implicit-no-refresh',
]);

export const TOKEN_ACCEPTED_ANYWAY = 'The token endpoint accepted this request all the same (Cognito documents that it refuses it): this endpoint is lenient, or the rule does not apply here.';

/** A token request the endpoint answered with success. */
export function tokenAccepted(entry: OAuthEntry | undefined): boolean {
  return entry !== undefined && entry.kind === 'token' && entry.status >= 200 && entry.status < 300;
}
