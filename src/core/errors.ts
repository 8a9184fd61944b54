/**
 * Cognito error responses: how to read them, and what usually causes each one.
 * Wire format and causes: cognito-protocol.md, "Wire" and "Common failures".
 */
import type { Body, CognitoError } from './model';
import type { HarHeader } from './har';
import { headerValue } from './har';
import { str } from './json';

/**
 * `__type` may be namespaced (`com.amazonaws...#NotAuthorizedException`) or carry a suffix
 * (`NotAuthorizedException:http://...`); botocore keeps the part after `#` and before `:`.
 */
export function cleanErrorType(raw: string): string {
  let type = raw;
  const hash = type.lastIndexOf('#');
  if (hash >= 0) type = type.slice(hash + 1);
  const colon = type.indexOf(':');
  if (colon >= 0) type = type.slice(0, colon);
  return type.trim();
}

/** Reads the error of a response, or null when the call succeeded. */
export function parseCognitoError(status: number, body: Body, headers: readonly HarHeader[], networkError?: string): CognitoError | null {
  const bodyType = body.state === 'json' ? str(body.value, '__type') : undefined;
  const bodyMessage = body.state === 'json' ? (str(body.value, 'message') ?? str(body.value, 'Message')) : undefined;
  if (bodyType) {
    // cognito-local sends only `__type`; real Cognito adds `message` and the x-amzn-* headers.
    const message = bodyMessage ?? headerValue(headers, 'x-amzn-ErrorMessage') ?? '';
    return { type: cleanErrorType(bodyType), message, source: 'body' };
  }
  const headerType = headerValue(headers, 'x-amzn-ErrorType');
  if (headerType) {
    return { type: cleanErrorType(headerType), message: bodyMessage ?? headerValue(headers, 'x-amzn-ErrorMessage') ?? '', source: 'header' };
  }
  if (status >= 400 || status === 0) {
    const type = status === 0 ? 'NoResponse' : `HTTP${status}`;
    const noResponse = networkError ? `The request got no response (${networkError}).` : 'The request got no response.';
    return { type, message: bodyMessage ?? (status === 0 ? noResponse : ''), source: 'status' };
  }
  return null;
}

/** Cognito's words when SECRET_HASH is missing: it tells that the app client has a secret. */
export const SECRET_NOT_RECEIVED = /configured for secret but secret was not received/i;

/**
 * Where an error was answered: the advice is chosen for the operation, the challenge and the
 * sign-in it sits in (the same words mean different things on different steps).
 */
export interface ErrorContext {
  operation: string;
  /** The ChallengeName the failing request answered; null for other operations. */
  challenge: string | null;
  /** The sign-in's AuthFlow (the first one its requests sent); null when none was sent. */
  authFlow: string | null;
  /** How this sign-in proves the password so far: SRP, PASSWORD as typed, or not seen. */
  passwordProof: 'srp' | 'plain' | null;
  /** An earlier step of this sign-in that carried a password proof was accepted: the password is right. */
  passwordAccepted: boolean;
}

/** The steps a row of the table applies to. Every field given must match; a row without one matches any step. */
export interface ErrorScope {
  operations?: readonly string[];
  challenges?: readonly string[];
  authFlows?: readonly string[];
  passwordProof?: 'srp' | 'plain';
  passwordAccepted?: boolean;
}

export interface ErrorExplanation {
  type: string;
  /** Matched against the message; absent matches any message of that type. */
  message?: RegExp;
  /** Only on these steps; a scoped row never matches a call whose context is unknown. */
  where?: ErrorScope;
  cause: string;
  fix: string;
}

const ANSWERS = ['RespondToAuthChallenge', 'AdminRespondToAuthChallenge'] as const;
const INCORRECT = /incorrect username or password/i;

/**
 * The reference's "Common failures" table (cognito-protocol.md), most specific rows first: for one
 * error, the rows scoped to a challenge or flow come before the row that fits any step.
 */
export const KNOWN_ERRORS: readonly ErrorExplanation[] = [
  { type: 'NotAuthorizedException', message: /session is expired/i,
    cause: 'The Session was older than the app client\'s AuthSessionValidity (3 to 15 minutes, default 3).',
    fix: 'Answer the challenge sooner, or raise AuthSessionValidity on the app client; then start the sign-in again.' },
  { type: 'NotAuthorizedException', message: /session can only be used once/i,
    cause: 'The same Session was sent twice (a double submit or an automatic retry). A Session is single-use.',
    fix: 'Send each challenge answer once and always forward the Session from the latest response.' },
  { type: 'NotAuthorizedException', message: /invalid session provided for the user/i,
    cause: 'USERNAME does not match the user the Session belongs to (inferred).',
    fix: 'Send the USERNAME the challenge was issued for (USER_ID_FOR_SRP from ChallengeParameters).' },
  { type: 'NotAuthorizedException', message: /invalid session for the user/i,
    cause: 'A stale or wrong Session: e.g. VerifySoftwareToken given the sign-in Session instead of AssociateSoftwareToken\'s, or a custom-auth Lambda failed.',
    fix: 'Forward the Session returned by the immediately previous response.' },
  { type: 'NotAuthorizedException', message: /(unable to verify secret hash|secrethash does not match)/i, where: { operations: ANSWERS },
    cause: 'SECRET_HASH was computed over the wrong username (an alias instead of USER_ID_FOR_SRP) or with the wrong client secret.',
    fix: 'SECRET_HASH = Base64(HMAC_SHA256(client secret, USERNAME + ClientId)); after an alias sign-in hash USER_ID_FOR_SRP.' },
  { type: 'NotAuthorizedException', message: /(unable to verify secret hash|secrethash does not match)/i,
    cause: 'SECRET_HASH was computed over the wrong username (not the USERNAME sent; on a token refresh, not the user\'s internal name) or with the wrong client secret (e.g. a rotated one).',
    fix: 'SECRET_HASH = Base64(HMAC_SHA256(client secret, USERNAME + ClientId)) over the USERNAME exactly as sent, with the app client\'s current secret.' },
  { type: 'NotAuthorizedException', message: SECRET_NOT_RECEIVED,
    cause: 'The app client has a secret and the request carries no SECRET_HASH.',
    fix: 'Add SECRET_HASH to AuthParameters / ChallengeResponses, or use an app client without a secret in browsers.' },
  // "Incorrect username or password." means a different thing on each step (cognito-protocol.md,
  // "Common failures"): the device proof on DEVICE_PASSWORD_VERIFIER, the SRP proof on
  // PASSWORD_VERIFIER, the password itself where it is sent as typed.
  { type: 'NotAuthorizedException', message: INCORRECT, where: { challenges: ['DEVICE_PASSWORD_VERIFIER'], passwordAccepted: true },
    cause: 'The device proof failed, not the password: Cognito already accepted this sign-in\'s password, and DEVICE_PASSWORD_VERIFIER checks the remembered device. Usual reasons: the device verifier registered by ConfirmDevice was wrong, the device was forgotten or never confirmed/remembered, or the device SRP math used the wrong DeviceGroupKey or DeviceKey.',
    fix: 'Check the device math (DeviceGroupKey + DeviceKey as the user name, the device password stored at ConfirmDevice); if the device was forgotten, clear the stored device keys so the next sign-in confirms it again.' },
  { type: 'NotAuthorizedException', message: INCORRECT, where: { challenges: ['DEVICE_PASSWORD_VERIFIER'] },
    cause: 'The device proof failed: DEVICE_PASSWORD_VERIFIER checks the remembered device, not the user\'s password (Cognito asks for it only after the password). Usual reasons: the device verifier registered by ConfirmDevice was wrong, the device was forgotten or never confirmed/remembered, or the device SRP math used the wrong DeviceGroupKey or DeviceKey.',
    fix: 'Check the device math (DeviceGroupKey + DeviceKey as the user name, the device password stored at ConfirmDevice); if the device was forgotten, clear the stored device keys so the next sign-in confirms it again.' },
  { type: 'NotAuthorizedException', message: INCORRECT, where: { challenges: ['PASSWORD_VERIFIER'] },
    cause: 'The SRP proof of the password failed: a wrong password, or the proof was computed wrongly — a zero-padded day or wrong weekday in TIMESTAMP, clock skew, or an alias instead of USER_ID_FOR_SRP in the SRP math.',
    fix: 'Check the password; check TIMESTAMP (`Wed Apr 5 22:42:34 UTC 2017`) and use USER_ID_FOR_SRP as USERNAME.' },
  { type: 'NotAuthorizedException', message: INCORRECT, where: { passwordProof: 'plain' },
    cause: 'The user name or password is wrong (when the pool hides whether a user exists, an unknown user gets this answer too).',
    fix: 'Check the user name and the password the app sent; the password goes as typed here, so there is no SRP math or TIMESTAMP to get wrong.' },
  { type: 'NotAuthorizedException', message: INCORRECT,
    cause: 'The user name or password is wrong (when the pool hides whether a user exists, an unknown user gets this answer too).',
    fix: 'Check the user name and the password the app sent.' },
  { type: 'NotAuthorizedException', message: /access token has expired/i,
    cause: 'The access token sent had expired (access tokens last 5 minutes to 1 day, 1 hour by default).',
    fix: 'Refresh the tokens before the call (REFRESH_TOKEN_AUTH or GetTokensFromRefreshToken; Amplify\'s fetchAuthSession does it), then send the new AccessToken.' },
  { type: 'NotAuthorizedException', message: /access token has been revoked/i,
    cause: 'The access token was revoked: the user signed out everywhere (GlobalSignOut) or its refresh token was revoked.',
    fix: 'Sign in again.' },
  { type: 'NotAuthorizedException', message: /does not have required scopes/i,
    cause: 'The access token lacks aws.cognito.signin.user.admin, which self-service calls (GetUser, UpdateUserAttributes, …) need: usual for managed-login tokens when the scope was not requested or not allowed (managed-login-oauth2.md §3, check 14).',
    fix: 'Allow aws.cognito.signin.user.admin on the app client and request it in the authorize scope, then sign in again.' },
  { type: 'NotAuthorizedException', message: /invalid access token/i,
    cause: 'Something other than an access token (often the Session) was sent as AccessToken.',
    fix: 'During sign-in, call AssociateSoftwareToken with Session; after sign-in, with the AccessToken.' },
  { type: 'NotAuthorizedException', message: /password attempts exceeded/i, where: { passwordProof: 'srp' },
    cause: 'Too many failed sign-ins: Cognito locks the user out for a while. With SRP, failed proofs count too: a wrong TIMESTAMP or signature locks the user out like a wrong password.',
    fix: 'Wait before trying again (never retry in a loop); fix the SRP answer (TIMESTAMP, USER_ID_FOR_SRP) before the next try.' },
  { type: 'NotAuthorizedException', message: /password attempts exceeded/i,
    cause: 'Too many failed sign-ins with a wrong password: Cognito locks the user out for a while, longer after each further failure.',
    fix: 'Wait before trying again (never retry in a loop), then check the password.' },
  { type: 'NotAuthorizedException', message: /refresh token has been revoked/i,
    cause: 'The refresh token was revoked (sign-out or RevokeToken).',
    fix: 'Sign in again to get a new refresh token.' },
  { type: 'InvalidParameterException', message: /missing required parameter session/i,
    cause: 'The Session from the previous response was not forwarded, or MFA setup was done with an AccessToken where a Session was due.',
    fix: 'Send the top-level Session from the previous response with every challenge answer.' },
  { type: 'InvalidParameterException', message: /missing required parameter/i,
    cause: 'A required key is missing or has the wrong case (keys are upper case and case-sensitive).',
    fix: 'Send the key the message names, spelled exactly.' },
  { type: 'InvalidParameterException', message: /timestamp format/i,
    cause: 'TIMESTAMP is not in `EEE MMM d HH:mm:ss z yyyy` (English names, day not zero-padded, literal UTC).',
    fix: 'Format TIMESTAMP like `Wed Apr 5 22:42:34 UTC 2017`.' },
  { type: 'InvalidParameterException', message: /invalid attributes given/i,
    cause: 'A required attribute was not sent as `userAttributes.<name>` with NEW_PASSWORD_REQUIRED.',
    fix: 'Send one `userAttributes.<name>` key for each entry of requiredAttributes.' },
  { type: 'InvalidParameterException', message: /flow not enabled for this client/i,
    cause: 'The AuthFlow is not in the app client\'s ExplicitAuthFlows.',
    fix: 'Enable the flow on the app client, or use a flow that is enabled.' },
  { type: 'CodeMismatchException', where: { operations: ['VerifySoftwareToken'] },
    cause: 'The TOTP code does not match the authenticator being set up: a typo, a code that rolled over, a phone clock that is off, or an authenticator entry made from an older SecretCode.',
    fix: 'Enter the current code of the authenticator entry created from this setup\'s SecretCode (AssociateSoftwareToken); check the phone\'s clock.' },
  { type: 'CodeMismatchException', where: { operations: ANSWERS, challenges: ['SOFTWARE_TOKEN_MFA'] },
    cause: 'The TOTP code is wrong: a typo, a code that rolled over while it was typed, a phone clock that is off, or a code sent under another key than SOFTWARE_TOKEN_MFA_CODE.',
    fix: 'Send the authenticator\'s current code as SOFTWARE_TOKEN_MFA_CODE; check the phone\'s clock.' },
  { type: 'CodeMismatchException', where: { operations: ANSWERS },
    cause: 'Wrong code, a code key that does not match ChallengeName, or a code from an earlier InitiateAuth.',
    fix: 'Send the latest code under the key of the challenge being answered (e.g. SMS_MFA_CODE for SMS_MFA).' },
  { type: 'CodeMismatchException',
    cause: 'Wrong code, or a code from an earlier request (each new code voids the one before).',
    fix: 'Send the latest code the user received, as typed.' },
  { type: 'ExpiredCodeException', where: { operations: ANSWERS },
    cause: 'The code expired or was already used.',
    fix: 'Start the sign-in again to get a new code.' },
  { type: 'ExpiredCodeException', where: { operations: ['ConfirmSignUp'] },
    cause: 'The confirmation code expired or was already used.',
    fix: 'Send a new code with ResendConfirmationCode and confirm with that one.' },
  { type: 'ExpiredCodeException',
    cause: 'The code expired or was already used.',
    fix: 'Ask for a new code (e.g. ForgotPassword again for a password reset) and use that one.' },
  { type: 'EnableSoftwareTokenMFAException',
    cause: 'Wrong TOTP code sent to VerifySoftwareToken.',
    fix: 'Check the authenticator\'s clock and that it was set up with the latest SecretCode.' },
  { type: 'SoftwareTokenMFANotFoundException',
    cause: 'No TOTP authenticator is set up for this user.',
    fix: 'Set one up with AssociateSoftwareToken and VerifySoftwareToken first.' },
  { type: 'UserLambdaValidationException',
    cause: 'A Lambda trigger (e.g. CreateAuthChallenge) threw an error.',
    fix: 'Read the trigger\'s logs; the message names the trigger.' },
  { type: 'TooManyRequestsException',
    cause: 'The user pool\'s request-rate quota for this kind of operation was exceeded; the quota is per pool, shared by every user of the app.',
    fix: 'Back off and retry with an increasing delay and jitter; look for code that calls Cognito in a loop (e.g. on every render). Quotas can be raised in Service Quotas.' },
  { type: 'LimitExceededException', message: /attempt limit exceeded/i,
    cause: 'Cognito\'s per-user limit on sending codes and resetting passwords (ForgotPassword, ResendConfirmationCode, …) was reached.',
    fix: 'Wait before trying again; do not resend codes automatically.' },
  { type: 'LimitExceededException',
    cause: 'A Cognito limit was exceeded (the message says which).',
    fix: 'Wait before trying again; if it keeps happening, check the pool\'s quotas.' },
  { type: 'InvalidPasswordException',
    cause: 'The password does not meet the pool\'s policy (cognito-local also uses this for a wrong password).',
    fix: 'Check the password against the pool\'s password policy.' },
  { type: 'UserNotFoundException',
    cause: 'No user with this USERNAME (or the pool hides this as NotAuthorizedException when user existence errors are prevented).',
    fix: 'Check the USERNAME and which user pool the client belongs to.' },
  { type: 'UserNotConfirmedException',
    cause: 'The user signed up but has not confirmed the account yet.',
    fix: 'Confirm it with ConfirmSignUp and the code that was sent (ResendConfirmationCode sends a new one), then sign in.' },
  { type: 'PasswordResetRequiredException',
    cause: 'An administrator reset this user\'s password: the old one no longer signs in.',
    fix: 'Run the forgot-password flow: ForgotPassword sends a code, ConfirmForgotPassword sets the new password with it.' },
  { type: 'Unsupported',
    cause: 'The emulator does not implement this operation or flow (cognito-local answers `CognitoLocal#Unsupported`).',
    fix: 'Test this flow against a real user pool.' },
  { type: 'SerializationException',
    cause: 'The body is not the JSON Cognito expects: not JSON at all (a body of "[object Object]" means an object was sent without JSON.stringify), or a field of the wrong type.',
    fix: 'Send JSON.stringify(params) with Content-Type application/x-amz-json-1.1, and strings where the API wants strings.' },
  { type: 'NoResponse', message: /ERR_FAILED|CORS/i,
    cause: 'The browser blocked the request: usually CORS (an Origin the proxy or emulator does not allow), or an extension.',
    fix: 'Check the browser console for a CORS message and the endpoint\'s Access-Control-Allow-Origin / -Headers (X-Amz-Target, X-Amz-User-Agent).' },
  { type: 'NoResponse',
    cause: 'The request never got a response: the endpoint was unreachable (wrong host or port, emulator not running), or the page navigated away and cancelled it.',
    fix: 'Check the endpoint URL and that the server is up; turn on Preserve log if the page navigates.' },
  { type: 'ResourceNotFoundException',
    cause: 'The user pool or app client does not exist in this region/endpoint.',
    fix: 'Check ClientId, the pool and the region of the endpoint.' },
];

function inScope(scope: ErrorScope | undefined, context: ErrorContext | undefined): boolean {
  if (!scope) return true;
  if (!context) return false;
  return (!scope.operations || scope.operations.includes(context.operation))
    && (!scope.challenges || (context.challenge !== null && scope.challenges.includes(context.challenge)))
    && (!scope.authFlows || (context.authFlow !== null && scope.authFlows.includes(context.authFlow)))
    && (scope.passwordProof === undefined || scope.passwordProof === context.passwordProof)
    && (scope.passwordAccepted === undefined || scope.passwordAccepted === context.passwordAccepted);
}

/** The explanation of `error` for the step it answered (without a context: the row that fits any step). */
export function explainError(error: CognitoError, context?: ErrorContext): ErrorExplanation | undefined {
  return KNOWN_ERRORS.find((row) => row.type === error.type && (!row.message || row.message.test(error.message)) && inScope(row.where, context));
}
