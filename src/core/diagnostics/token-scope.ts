/**
 * access-token-scope: a self-service call made with an access token whose `scope` lacks
 * `aws.cognito.signin.user.admin`. Cognito answers NotAuthorizedException "Access Token does not
 * have required scopes" (managed-login-oauth2.md §3 check 14): typical of tokens from managed login
 * (`/oauth2/token`) when the app client's or the authorize request's scopes leave it out. An access
 * token without a `scope` claim is not judged.
 */
import { str } from '../json';
import { bodyObject } from '../body';
import { decodeSent } from './sent-tokens';
import { tokenClaims } from '../tokens';
import type { CallCheck } from './types';
import { finding } from './types';

export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * The user-pool operations a signed-in user calls on their own account with an AccessToken (the
 * reference's "GetUser and other self-service API calls"). RevokeToken takes a refresh token;
 * AssociateSoftwareToken / VerifySoftwareToken are listed as they also take an AccessToken.
 */
export const SELF_SERVICE_OPERATIONS: ReadonlySet<string> = new Set([
  'GetUser', 'UpdateUserAttributes', 'DeleteUserAttributes', 'DeleteUser', 'ChangePassword',
  'SetUserMFAPreference', 'SetUserSettings', 'GetUserAttributeVerificationCode', 'VerifyUserAttribute',
  'ListDevices', 'GetDevice', 'ForgetDevice', 'UpdateDeviceStatus', 'ConfirmDevice', 'GlobalSignOut',
  'AssociateSoftwareToken', 'VerifySoftwareToken', 'GetUserAuthFactors', 'ListWebAuthnCredentials',
  'DeleteWebAuthnCredential', 'StartWebAuthnRegistration', 'CompleteWebAuthnRegistration',
]);

export const checkTokenScope: CallCheck = (out, call, _options, _step, tokens) => {
  if (call.service !== 'user-pool' || !SELF_SERVICE_OPERATIONS.has(call.operation)) return;
  const sent = str(bodyObject(call.request), 'AccessToken');
  if (sent === undefined) return;
  const token = decodeSent(tokens, sent, call.startedAt);
  if (token.kind !== 'jwt') return;
  const scope = tokenClaims(token).scope;
  if (typeof scope !== 'string') return;
  const scopes = scope.split(' ').filter((s) => s !== '');
  if (scopes.includes(ADMIN_SCOPE)) return;
  out.push(finding('access-token-scope', 'error',
    `${call.operation} sent an access token whose scope (${scopes.join(' ') || 'empty'}) lacks ${ADMIN_SCOPE}.`,
    `Self-service calls need ${ADMIN_SCOPE} in the access token ("Access Token does not have required scopes"): add it to the app client's allowed OAuth scopes and to the authorize request's scope, or make the call from a server with admin credentials.`,
    [ADMIN_SCOPE]));
};
