/**
 * What each managed-login error means, as data: the callback's `error`, the /error page, the
 * token endpoint's JSON error, userInfo's WWW-Authenticate and revoke (managed-login-oauth2.md §4).
 * Rows are tried in order; the first whose code and description match explains the error.
 * `unverified` rows are phrased as possibilities.
 */
import type { OAuthError, OAuthStepKind } from './model';

export interface OAuthErrorExplanation {
  /** Where the error shows: the callback (§4.1), the /error page (§4.2), the token endpoint (§4.3), userInfo/revoke (§4.4), /logout (§4.2). */
  where: 'callback' | 'error-page' | 'token' | 'userInfo' | 'revoke' | 'logout';
  code: string;
  description?: RegExp;
  cause: string;
  fix: string;
  unverified?: boolean;
}

export const OAUTH_ERRORS: readonly OAuthErrorExplanation[] = [
  // §4.1 appended to the app callback
  { where: 'callback', code: 'invalid_request', description: /PreSignUp failed/i, cause: 'A Lambda trigger (PreSignUp) threw during a federated sign-up.', fix: 'Read the trigger\'s CloudWatch logs; the text after "failed with error" is its message.' },
  { where: 'callback', code: 'invalid_request', description: /Attribute cannot be updated/i, cause: 'The IdP attribute mapping writes an immutable attribute on a repeat sign-in.', fix: 'Make the mapped attribute mutable or stop mapping it.' },
  { where: 'callback', code: 'invalid_request', description: /attributes required/i, cause: 'A required user-pool attribute is not supplied by the IdP\'s attribute mapping.', fix: 'Map the attribute from the IdP or make it optional.' },
  { where: 'callback', code: 'invalid_request', description: /not enabled for OAuth2\.0 flows/i, cause: 'OAuth 2.0 flows are switched off for the app client.', fix: 'Enable the authorization code (or implicit) grant and scopes on the app client.' },
  { where: 'callback', code: 'invalid_request', description: /timeout|connection reset|read timed out|jwks/i, cause: 'Cognito could not reach the federated IdP (token endpoint or JWKS).', fix: 'Check the IdP\'s endpoints and availability.' },
  { where: 'callback', code: 'invalid_request', description: /Bad token response/i, cause: 'The OIDC IdP\'s token endpoint rejected Cognito\'s exchange.', fix: 'Check the IdP client id/secret configured in Cognito and the IdP\'s allowed redirect (…/oauth2/idpresponse).' },
  { where: 'callback', code: 'invalid_request', description: / Error - \d{3}/, cause: 'The federated IdP returned an OAuth error, passed through by Cognito.', fix: 'The text names the IdP and its error; fix the IdP configuration it points at.' },
  { where: 'callback', code: 'invalid_request', cause: 'A required parameter is missing or unsupported: no response_type, a code_challenge without code_challenge_method, or a method other than S256.', fix: 'Send response_type=code, and code_challenge with code_challenge_method=S256.' },
  { where: 'callback', code: 'unauthorized_client', cause: 'The app client is not allowed this grant (code or implicit).', fix: 'Enable the grant under the app client\'s OAuth settings.' },
  { where: 'callback', code: 'invalid_scope', cause: 'A requested scope is unknown or malformed.', fix: 'Request only scopes enabled on the app client (space-separated).' },
  { where: 'callback', code: 'server_error', description: /SAML/i, cause: 'The SAML response was rejected: a signing-certificate mismatch or an attribute mapping problem.', fix: 'Update the IdP\'s signing certificate (metadata) in Cognito, and check required attributes.' },
  { where: 'callback', code: 'server_error', cause: 'An unexpected Cognito failure.', fix: 'Retry; if it persists, check Lambda triggers and IdP settings.' },
  { where: 'callback', code: 'login_required', cause: 'prompt=none was sent without a live Cognito session (or identity_provider=COGNITO pinned a federated session).', fix: 'Send the user through an interactive sign-in (no prompt=none).' },
  { where: 'callback', code: 'access_denied', cause: 'Possibly the user refused the request; Cognito\'s use of this code is UNVERIFIED.', fix: 'Check whether the user cancelled at the IdP.', unverified: true },
  // §4.2 shown on the Cognito domain
  { where: 'error-page', code: 'redirect_mismatch', cause: 'The redirect_uri is not one of the app client\'s callback URLs (compared exactly: case, trailing slash, http/https, port). Cognito shows "An error was encountered with the requested page." and does not redirect back.', fix: 'Add the exact URL to the app client\'s allowed callback URLs, or send the registered one.' },
  { where: 'error-page', code: 'invalid_request', cause: 'Reported for an authorize request to an app client with a secret; the cause is UNVERIFIED.', fix: 'Check the authorize parameters (response_type, client_id, redirect_uri, PKCE pair).', unverified: true },
  { where: 'error-page', code: 'error-page', cause: 'Cognito\'s error page ("An error was encountered with the requested page."): a malformed authorize request, or a login form posted without its XSRF-TOKEN cookie / _csrf field.', fix: 'Check the authorize parameters; if it follows POST /login, keep cookies on the user-pool domain.' },
  // §4.3 token endpoint
  { where: 'token', code: 'invalid_request', cause: 'A parameter is missing or unsupported: a JSON body instead of a form, a missing refresh_token; a PKCE mismatch has also produced this.', fix: 'POST application/x-www-form-urlencoded with grant_type, client_id, code, redirect_uri and code_verifier.' },
  { where: 'token', code: 'invalid_client', cause: 'Client authentication failed: wrong client id, a missing or wrong secret, or a double-base64 Basic header.', fix: 'Send Authorization: Basic base64(client_id:client_secret) for a client with a secret; none for a public client.' },
  { where: 'token', code: 'invalid_grant', cause: 'The code (or refresh token) is used, unknown, expired or revoked: a second exchange of one code, a code older than 5 minutes, a PKCE verifier that does not match; or the client cannot read every attribute in a requested scope.', fix: 'Exchange each code once, at once, with the verifier of the same attempt.' },
  { where: 'token', code: 'unauthorized_client', cause: 'The app client is not allowed this grant, or the redirect_uri differs from the authorize request\'s (a trailing slash is the classic case).', fix: 'Send the authorize request\'s redirect_uri unchanged; enable the grant on the app client.' },
  { where: 'token', code: 'unsupported_grant_type', cause: 'grant_type is not authorization_code, refresh_token or client_credentials.', fix: 'Fix the grant_type value.' },
  { where: 'token', code: 'HTTP 405', cause: 'Wrong method or request shape (the token endpoint takes POST with a form body).', fix: 'POST application/x-www-form-urlencoded.' },
  // §4.4 userInfo and revoke
  { where: 'userInfo', code: 'invalid_request', cause: 'Bad OAuth2 request at the userInfo endpoint: no or malformed Bearer access token.', fix: 'Send Authorization: Bearer <access token>.' },
  { where: 'userInfo', code: 'invalid_token', cause: 'The access token is expired, disabled or deleted, or the user signed out globally; tokens from InitiateAuth (no openid scope) are refused too.', fix: 'Use a fresh access token from /oauth2/token that has the openid scope.' },
  { where: 'revoke', code: 'invalid_request', cause: 'No token sent, or revocation is disabled for the app client.', fix: 'Send token=<refresh token> (and client_id for a public client); enable token revocation.' },
  { where: 'revoke', code: 'unsupported_token_type', cause: 'The token sent is not a refresh token.', fix: 'Revoke the refresh token; it revokes its access tokens too.' },
  // §4.2 "Required String parameter 'redirect_uri' is not present", §2.7; the status Cognito answers it with is not documented.
  { where: 'logout', code: 'HTTP 400', cause: 'Cognito refused the sign-out request. On /logout that is usually a logout_uri that is not one of the app client\'s allowed sign-out URLs (its page then says "Required String parameter \'redirect_uri\' is not present"), or a missing client_id.', fix: 'Send client_id and a logout_uri registered among the app client\'s sign-out URLs.' },
  { where: 'revoke', code: 'invalid_client', cause: 'Client authentication failed at the revocation endpoint.', fix: 'Send the app client\'s id (and Basic credentials for a client with a secret).' },
];

function whereOf(kind: OAuthStepKind): OAuthErrorExplanation['where'] {
  if (kind === 'error-page') return 'error-page';
  if (kind === 'token') return 'token';
  if (kind === 'userInfo') return 'userInfo';
  if (kind === 'revoke') return 'revoke';
  if (kind === 'logout') return 'logout';
  return 'callback';
}

export function explainOAuthError(kind: OAuthStepKind, error: OAuthError): OAuthErrorExplanation | undefined {
  const where = whereOf(kind);
  return OAUTH_ERRORS.find((row) => row.where === where && row.code === error.code && (!row.description || row.description.test(error.description ?? '')));
}
