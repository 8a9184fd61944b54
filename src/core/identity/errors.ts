/**
 * Identity-pool errors and what usually causes each: identity-pools.md "Errors a browser sees"
 * (each row's sources are there). Scoped to AWSCognitoIdentityService calls; the user-pool table
 * is ../errors.ts KNOWN_ERRORS. Causes the reference marks UNVERIFIED say so. Kept terse: this
 * text ships in the panel's bundle.
 */
import type { CognitoError } from '../model';
import { explainError, type ErrorExplanation } from '../errors';

const NA = 'NotAuthorizedException';
const REGET = 'Drop the cached identity id and call GetId again.';

/** Most specific rows first; a row without `message` matches any message of its type. */
export const IDENTITY_ERRORS: readonly ErrorExplanation[] = [
  { type: NA, message: /token expired/i, cause: 'The Logins token was past its exp (X seems the server time, Y the exp: UNVERIFIED).', fix: 'Refresh the tokens first.' },
  { type: NA, message: /not from a supported provider/i, cause: 'Its aud is not an app client of this pool, or the key names a wrong provider, pool or region.', fix: 'Compare the pool\'s providers with iss and aud.' },
  { type: NA, message: /issuer doesn't match/i, cause: 'The Logins key is not the token\'s iss without "https://".', fix: 'Derive the key from iss.' },
  { type: NA, message: /required claim: aud/i, cause: 'An access token in Logins.', fix: 'Send the ID token.' },
  { type: NA, message: /not a valid openid/i, cause: 'The Logins key is no known provider (e.g. "Facebook"), so the value was read as OIDC.', fix: 'Use keys such as graph.facebook.com.' },
  { type: NA, message: /couldn't verify signed/i, cause: 'The signature check failed (other causes UNVERIFIED).', fix: 'Send the token unmodified.' },
  { type: NA, message: /not a cognito token/i, cause: 'Intermittent; cause UNVERIFIED.', fix: 'Retry.' },
  { type: NA, message: /unauthenticated access/i, cause: 'No or empty Logins while guests are off (tokens not passed, or a fallback to guest).', fix: 'Send the ID token, or allow guests.' },
  { type: NA, message: /logins don't match/i, cause: 'Another user\'s IdentityId (cached), a wrong pool id, or no provider for this user pool.', fix: 'Clear the cached id when the user changes.' },
  { type: NA, message: /does not have identity providers/i, cause: 'Logins sent to a pool without providers.', fix: 'Add the user pool as a provider.' },
  { type: NA, message: /is forbidden/i, cause: 'The identity was disabled by a merge (other triggers UNVERIFIED).', fix: REGET },
  { type: NA, message: /ambiguous role/i, cause: 'Role mapping (Deny): no rule matched, or several cognito:roles without a preferred one.', fix: 'Add a rule, a preferred role or CustomRoleArn.' },
  { type: NA, cause: 'Not in the reference\'s table (ServerSideTokenCheck refuses signed-out users, text UNVERIFIED).', fix: 'Check the token and the providers.' },
  { type: 'InvalidIdentityPoolConfigurationException', cause: 'No IAM role for this kind of identity, or its trust policy refuses the pool.', fix: 'Check the roles\' trust policies.' },
  { type: 'ResourceNotFoundException', message: /identitypool/i, cause: 'No such pool: a wrong id, or another region\'s endpoint.', fix: 'Use the endpoint of the id\'s region.' },
  { type: 'ResourceNotFoundException', cause: 'The cached identity was deleted.', fix: REGET },
  { type: 'InvalidParameterException', message: /enhanced flow/i, cause: 'GetOpenIdToken (basic flow) with AllowClassicFlow off, or with role mappings.', fix: 'Use GetCredentialsForIdentity.' },
  { type: 'ValidationException', message: /identitypoolid/i, cause: 'The IdentityPoolId is not <region>:<guid> (a user pool id? an ARN?).', fix: 'Use the identity pool\'s id.' },
  { type: 'ValidationException', message: /logins/i, cause: 'An empty Logins value, or over 10 entries.', fix: 'Send a token per key.' },
  { type: 'ResourceConflictException', cause: 'The login is linked elsewhere, or a second login of one provider (UNVERIFIED).', fix: 'One login per provider.' },
  { type: 'TooManyRequestsException', cause: 'Over the rate quota (GetId 25/s).', fix: 'Cache the id and the credentials.' },
  { type: 'LimitExceededException', cause: 'Trigger UNVERIFIED.', fix: 'Back off.' },
  { type: 'ExternalServiceException', cause: 'The external provider did not respond.', fix: 'Retry later.' },
  { type: 'AccessDeniedException', cause: 'A resource control policy denies it.', fix: 'Ask the account\'s admins.' },
  { type: 'InternalErrorException', cause: 'A fault at Cognito.', fix: 'Retry.' },
];

/** The identity row, else a row of the user-pool table for what both share (no response, HTTP errors). */
export function explainIdentityError(error: CognitoError): ErrorExplanation | undefined {
  return IDENTITY_ERRORS.find((row) => row.type === error.type && (!row.message || row.message.test(error.message)))
    ?? (error.source === 'status' ? explainError(error) : undefined);
}
