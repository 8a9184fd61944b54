/** Every row of the reference's "Common failures" table gets its own explanation, not a generic one. */
import { describe, expect, it } from 'vitest';
import { explainError, type ErrorContext } from '../../src/core/errors';

const on = (operation: string, challenge: string | null, more: Partial<ErrorContext> = {}): ErrorContext =>
  ({ operation, challenge, authFlow: null, passwordProof: null, passwordAccepted: false, ...more });
const SRP_ANSWER = on('RespondToAuthChallenge', 'PASSWORD_VERIFIER', { authFlow: 'USER_SRP_AUTH', passwordProof: 'srp' });

const REFERENCE_ROWS: [type: string, message: string, cause: RegExp, context?: ErrorContext][] = [
  ['NotAuthorizedException', 'Invalid session for the user, session is expired.', /AuthSessionValidity/],
  ['NotAuthorizedException', 'Invalid session for the user, session can only be used once.', /sent twice/],
  ['NotAuthorizedException', 'Invalid session for the user.', /stale or wrong Session/],
  ['NotAuthorizedException', 'Invalid session provided for the user.', /USERNAME does not match/],
  ['InvalidParameterException', 'Missing required parameter Session', /Session .* not forwarded/],
  ['InvalidParameterException', 'Missing required parameter USERNAME', /missing or has the wrong case/],
  ['NotAuthorizedException', 'Unable to verify secret hash for client 3n4b5urk1ft4fl3mg5e62d9ado', /SECRET_HASH was computed over the wrong/],
  ['NotAuthorizedException', 'SecretHash does not match for the client: 3n4b5urk1ft4fl3mg5e62d9ado', /SECRET_HASH was computed over the wrong/],
  ['NotAuthorizedException', 'Client 3n4b5urk1ft4fl3mg5e62d9ado is configured for secret but secret was not received', /no SECRET_HASH/],
  ['NotAuthorizedException', 'Incorrect username or password.', /zero-padded day/, SRP_ANSWER],
  ['NotAuthorizedException', 'Incorrect username or password.', /device proof failed, not the password/,
    on('RespondToAuthChallenge', 'DEVICE_PASSWORD_VERIFIER', { authFlow: 'USER_SRP_AUTH', passwordProof: 'srp', passwordAccepted: true })],
  ['NotAuthorizedException', 'Incorrect username or password.', /user name or password is wrong/, on('InitiateAuth', null, { authFlow: 'USER_PASSWORD_AUTH', passwordProof: 'plain' })],
  ['InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.', /TIMESTAMP is not in/],
  ['CodeMismatchException', 'Invalid code or auth state for the user.', /code key that does not match/, on('RespondToAuthChallenge', 'SMS_MFA')],
  ['CodeMismatchException', 'Invalid code received for the user', /authenticator being set up/, on('VerifySoftwareToken', null)],
  ['ExpiredCodeException', 'Invalid code provided, please request a code again.', /expired or was already used/],
  ['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA', /VerifySoftwareToken/],
  ['SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.', /No TOTP/],
  ['InvalidParameterException', 'Invalid attributes given, email is missing', /userAttributes/],
  ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client', /ExplicitAuthFlows/],
  ['NotAuthorizedException', 'Invalid Access Token', /sent as AccessToken/],
  ['UserLambdaValidationException', "CreateAuthChallenge failed with error 'challengeMetaData'.", /Lambda trigger/],
  ['NotAuthorizedException', 'Password attempts exceeded', /failed proofs count too/, SRP_ANSWER],
  ['NotAuthorizedException', 'Password attempts exceeded', /wrong password: Cognito locks the user out/, on('InitiateAuth', null, { authFlow: 'USER_PASSWORD_AUTH', passwordProof: 'plain' })],
  ['NotAuthorizedException', 'Incorrect username or password.', /DEVICE_PASSWORD_VERIFIER checks the remembered device/, on('RespondToAuthChallenge', 'DEVICE_PASSWORD_VERIFIER')],
  ['TooManyRequestsException', 'Rate exceeded', /request-rate quota/],
  ['LimitExceededException', 'Attempt limit exceeded, please try after some time.', /per-user limit on sending codes/],
  ['PasswordResetRequiredException', 'Password reset required for the user', /administrator reset/],
  ['UserNotConfirmedException', 'User is not confirmed.', /has not confirmed/],
  ['NotAuthorizedException', 'Refresh Token has been revoked', /revoked/],
];

describe('explanations for Cognito errors', () => {
  it.each(REFERENCE_ROWS)('%s: %s (%#)', (type, message, cause, context) => {
    const explanation = explainError({ type, message, source: 'body' }, context);
    expect(explanation?.cause).toMatch(cause);
    expect(explanation?.fix.length).toBeGreaterThan(10);
  });
});

describe('advice fitted to the step', () => {
  const incorrect = { type: 'NotAuthorizedException', message: 'Incorrect username or password.', source: 'body' } as const;

  it('gives no SRP or TIMESTAMP advice where the password is sent as typed, or where the context is unknown', () => {
    for (const context of [on('InitiateAuth', null, { authFlow: 'USER_PASSWORD_AUTH', passwordProof: 'plain' }), undefined]) {
      const explanation = explainError(incorrect, context);
      expect(`${explanation?.cause} ${explanation?.fix}`).not.toMatch(/SRP_ID|USER_ID_FOR_SRP|zero-padded|clock skew/);
    }
  });

  it('scoped rows never match a call whose step is unknown', () => {
    expect(explainError({ type: 'CodeMismatchException', message: 'Invalid code', source: 'body' })?.fix).not.toMatch(/SMS_MFA_CODE/);
  });
});
