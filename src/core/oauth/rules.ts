/**
 * The managed-login checks as data: code, severity and the standing advice of each, from
 * managed-login-oauth2.md §3 ("Checks a tool can run on a capture alone"). checks.ts finds the
 * facts; this table decides how loud they are and what to do. Severity is `error` unless the
 * reference says warning or marks the rule UNVERIFIED (then the text says so).
 */
import type { Severity } from '../model';

export type OAuthDiagnosticCode =
  | 'redirect-uri-mismatch'
  | 'redirect-uri-scheme'
  | 'pkce-mismatch'
  | 'pkce-method'
  | 'pkce-verifier-missing'
  | 'pkce-verifier-format'
  | 'state-mismatch'
  | 'code-reused'
  | 'code-expired'
  | 'client-auth-missing'
  | 'client-mismatch'
  | 'scope-not-granted'
  | 'nonce-mismatch'
  | 'implicit-no-refresh'
  | 'authorize-not-captured'
  | 'token-body-not-captured'
  | 'userinfo-no-openid'
  | 'at-hash-mismatch'
  | 'issuer-region-mismatch'
  | 'logout-uri-not-allowed'
  | 'client-credentials-in-browser'
  | 'oauth-error';

export interface OAuthRule {
  severity: Severity;
  /** The reference row(s) the rule comes from. */
  source: string;
  /** What usually causes it / what to do (the finding adds the specifics). */
  hint: string;
}

export const OAUTH_RULES: Readonly<Record<OAuthDiagnosticCode, OAuthRule>> = {
  'redirect-uri-mismatch': {
    severity: 'error',
    source: '§3 rule 2; §4.3 unauthorized_client',
    hint: 'The token request must send the redirect_uri of its authorize request byte for byte (scheme, host, port, path, trailing slash, case). Cognito has been seen to answer unauthorized_client rather than invalid_grant for this. Build both from one constant.',
  },
  'redirect-uri-scheme': {
    severity: 'warning',
    source: '§3 rule 22',
    hint: 'Cognito accepts http only for http://localhost; use https for every other callback URL.',
  },
  'pkce-mismatch': {
    severity: 'error',
    source: '§3 rule 3 (RFC 7636 §4.2)',
    hint: 'BASE64URL(SHA-256(code_verifier)) must equal the authorize request\'s code_challenge. A verifier from another attempt (a second tab, a retried sign-in, a stale localStorage value) is the usual cause; Cognito answers invalid_grant (sometimes invalid_request).',
  },
  'pkce-method': {
    severity: 'error',
    source: '§3 rule 4',
    hint: 'Cognito supports only code_challenge_method=S256; plain, or a challenge without a method, gets invalid_request.',
  },
  'pkce-verifier-missing': {
    severity: 'error',
    source: '§3 rule 6',
    hint: 'The authorize request sent a code_challenge, so the token request must send the matching code_verifier.',
  },
  'pkce-verifier-format': {
    severity: 'warning',
    source: '§3 rule 5 (RFC 7636 §4.1)',
    hint: 'RFC 7636 wants 43 to 128 characters of [A-Za-z0-9-._~]. Whether Cognito rejects other verifiers is UNVERIFIED (its own guide suggests a 36-character UUID).',
  },
  'state-mismatch': {
    severity: 'error',
    source: '§3 rule 7',
    hint: 'The callback must return the state the authorize request sent. A different state means another sign-in attempt (a second tab) or a forged callback; clients such as Amplify then fail with "An error occurred while validating the state."',
  },
  'code-reused': {
    severity: 'error',
    source: '§3 rule 8; §4.3 invalid_grant',
    hint: 'An authorization code is single-use; the second exchange gets invalid_grant. React StrictMode running an effect twice is a common cause: exchange the code once.',
  },
  'code-expired': {
    severity: 'warning',
    source: '§3 rule 9',
    hint: 'Cognito\'s authorization codes are valid for 5 minutes; a later exchange likely gets invalid_grant. Exchange the code as soon as the callback loads.',
  },
  'client-auth-missing': {
    severity: 'error',
    source: '§3 rule 10; §4.3 invalid_client',
    hint: 'The app client has a secret, so the token request needs Authorization: Basic base64(client_id:client_secret) or client_secret in the body. A secret does not belong in a browser: use an app client without a secret there.',
  },
  'client-mismatch': {
    severity: 'error',
    source: '§3 rules 10-11',
    hint: 'One app client throughout: authorize client_id = token client_id (body or Basic) = ID token aud = access token client_id.',
  },
  'scope-not-granted': {
    severity: 'warning',
    source: '§3 rules 12-13',
    hint: 'Cognito drops scopes the app client does not allow, silently. Enable them on the app client (and on the resource server for custom scopes); openid is needed for an ID token and for email, phone and profile.',
  },
  'nonce-mismatch': {
    severity: 'error',
    source: '§3 rule 16 (OIDC Core §3.1.3.7)',
    hint: 'The ID token\'s nonce must equal the nonce of the authorize request that produced it; otherwise the token belongs to another attempt or was replayed.',
  },
  'implicit-no-refresh': {
    severity: 'error',
    source: '§3 rule 18; §2.2',
    hint: 'The implicit grant (response_type=token) never returns a refresh token. Use the authorization code grant with PKCE when sessions must outlive the access token.',
  },
  'authorize-not-captured': {
    severity: 'warning',
    source: '§6 "What survives navigation"',
    hint: 'The authorize request is a navigation: turn on Preserve log (Chrome) or Persist Logs (Firefox) before signing in, and repeat, so the capture keeps state, code_challenge and redirect_uri.',
  },
  'token-body-not-captured': {
    // Info: the gap is the capture's, not the app's. The cause is read from Chrome's code (§6 "Extension API":
    // ExtensionServer drops its request ids when the page's URL changes) and was seen with Amplify v6's
    // signInWithRedirect (src/demo/managed-login.ts: 6 of 7 runs); hence "likely". Amplify v6 keeps its tokens
    // in localStorage by default (@aws-amplify/auth TokenStore: CognitoIdentityServiceProvider.<client id>.<user>.<kind>).
    severity: 'info',
    source: '§6 "Extension API", "What survives navigation"',
    hint: 'The likely cause (Chrome): the page changed its URL right after this answer arrived (Amplify v6 removes ?code&state from the address with history.replaceState a few milliseconds after the token response; a redirect or a full navigation does the same), and DevTools then no longer hands over the body of a request of the previous URL. It is a race: capturing the sign-in again may keep the body. With Amplify, the tokens it kept are in the Application panel (Storage in Firefox) under Local Storage, keys CognitoIdentityServiceProvider.<client id>.<user>.idToken, accessToken and refreshToken (its default storage); while debugging, an app can also delay its URL clean-up by a second.',
  },
  'userinfo-no-openid': {
    severity: 'error',
    source: '§3 rule 15; §2.6; §4.4 invalid_token',
    hint: 'The userInfo endpoint answers only for an access token whose scope has openid: request openid in the authorize scope (and allow it on the app client), and send the access token from /oauth2/token, not the ID token. Tokens from InitiateAuth (the API sign-in) carry only aws.cognito.signin.user.admin and are always refused there: call GetUser instead.',
  },
  'at-hash-mismatch': {
    severity: 'warning',
    source: '§3 rule 17 (OIDC Core §3.1.3.6, §3.2.2.9)',
    hint: 'at_hash binds an ID token to the access token issued with it: BASE64URL of the first 16 bytes of SHA-256(access_token). Cognito issues the two together, so a mismatch means they were paired from different responses (another sign-in, a refresh, stale storage) or one was altered. Keep the ID and access token of one response together.',
  },
  'issuer-region-mismatch': {
    severity: 'error',
    source: '§3 rule 19; §1 host forms',
    hint: 'A user pool lives in one region: the token\'s iss (https://cognito-idp.<region>.amazonaws.com/<region>_<id>), the region prefix of the pool id and the region of a <prefix>.auth.<region>.amazoncognito.com domain must all agree. A difference means the app mixes the settings of two pools (domain of one, pool id or tokens of another) or the token was altered.',
  },
  'logout-uri-not-allowed': {
    severity: 'error',
    source: '§3 rule 21; §2.7; §4.2 "Required String parameter \'redirect_uri\' is not present"',
    hint: 'Cognito\'s /logout redirects only to a logout_uri that is one of the app client\'s allowed sign-out URLs; otherwise it shows an error page ("Required String parameter \'redirect_uri\' is not present"). Add the URL to the app client\'s allowed sign-out URLs (compare scheme, host, port, path and trailing slash with the registered one), and URL-encode it once.',
  },
  'client-credentials-in-browser': {
    // Error: §2.4 says a client_credentials request seen in a browser "means a client secret is shipped to the
    // browser: flag it". That is a fact of the capture, not a guess (the grant needs the secret [TOKEN]), and
    // anyone who opens the page can read the secret and get tokens for the client's scopes: a fault to fix,
    // whatever the server answered.
    severity: 'error',
    source: '§2.4; §5 (Basic auth, client_secret)',
    hint: 'The client credentials grant is for servers (machine-to-machine): it needs the app client\'s secret, and a page that sends it hands the secret to everyone who opens it. Rotate the secret (create a new app client), and get these tokens from a backend; a browser app signs users in with an app client without a secret (authorization code with PKCE).',
  },
  'oauth-error': {
    severity: 'error',
    source: '§4',
    hint: 'See the explanation of this error code.',
  },
};
