/** Every row of the reference's "Common failures" table gets its own explanation, not a generic one. */
import { describe, expect, it } from 'vitest';
import { explainError } from '../../src/core/errors';

const REFERENCE_ROWS: [type: string, message: string, cause: RegExp][] = [
  ['NotAuthorizedException', 'Invalid session for the user, session is expired.', /AuthSessionValidity/],
  ['NotAuthorizedException', 'Invalid session for the user, session can only be used once.', /sent twice/],
  ['NotAuthorizedException', 'Invalid session for the user.', /stale or wrong Session/],
  ['NotAuthorizedException', 'Invalid session provided for the user.', /USERNAME does not match/],
  ['InvalidParameterException', 'Missing required parameter Session', /Session .* not forwarded/],
  ['InvalidParameterException', 'Missing required parameter USERNAME', /missing or has the wrong case/],
  ['NotAuthorizedException', 'Unable to verify secret hash for client 3n4b5urk1ft4fl3mg5e62d9ado', /SECRET_HASH was computed over the wrong/],
  ['NotAuthorizedException', 'SecretHash does not match for the client: 3n4b5urk1ft4fl3mg5e62d9ado', /SECRET_HASH was computed over the wrong/],
  ['NotAuthorizedException', 'Client 3n4b5urk1ft4fl3mg5e62d9ado is configured for secret but secret was not received', /no SECRET_HASH/],
  ['NotAuthorizedException', 'Incorrect username or password.', /zero-padded day/],
  ['InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.', /TIMESTAMP is not in/],
  ['CodeMismatchException', 'Invalid code or auth state for the user.', /code key that does not match/],
  ['ExpiredCodeException', 'Invalid code provided, please request a code again.', /expired or was already used/],
  ['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA', /VerifySoftwareToken/],
  ['SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.', /No TOTP/],
  ['InvalidParameterException', 'Invalid attributes given, email is missing', /userAttributes/],
  ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client', /ExplicitAuthFlows/],
  ['NotAuthorizedException', 'Invalid Access Token', /sent as AccessToken/],
  ['UserLambdaValidationException', "CreateAuthChallenge failed with error 'challengeMetaData'.", /Lambda trigger/],
  ['NotAuthorizedException', 'Password attempts exceeded', /locked out/],
  ['NotAuthorizedException', 'Refresh Token has been revoked', /revoked/],
];

describe('explanations for Cognito errors', () => {
  it.each(REFERENCE_ROWS)('%s: %s', (type, message, cause) => {
    const explanation = explainError({ type, message, source: 'body' });
    expect(explanation?.cause).toMatch(cause);
    expect(explanation?.fix.length).toBeGreaterThan(10);
  });
});
