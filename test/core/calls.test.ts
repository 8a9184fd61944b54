import { describe, expect, it } from 'vitest';
import { classifyEntry, cognitoOperation, identityOperation } from '../../src/core/calls';
import { cleanErrorType, explainError } from '../../src/core/errors';
import { cognitoEntry } from './entries';

describe('detecting Cognito calls by X-Amz-Target', () => {
  it('takes any URL, and the header name in any case', () => {
    const entry = cognitoEntry('InitiateAuth', {}, {});
    entry.request.url = 'http://localhost:9229/';
    entry.request.headers = [{ name: 'x-amz-target', value: 'AWSCognitoIdentityProviderService.InitiateAuth' }];
    const result = classifyEntry(entry, 4);
    expect(result.kind).toBe('cognito');
    if (result.kind === 'cognito') expect(result.call).toMatchObject({ entry: 4, operation: 'InitiateAuth', status: 200 });
  });

  it('does not take a Cognito-looking URL without the header', () => {
    const entry = cognitoEntry('InitiateAuth', {}, {});
    entry.request.headers = [];
    expect(classifyEntry(entry, 0)).toMatchObject({ kind: 'ignored', ignored: { reason: 'not-cognito' } });
  });

  it('sets other AWS services apart', () => {
    expect(cognitoOperation('DynamoDB_20120810.GetItem')).toBeNull();
    const entry = cognitoEntry('GetItem', {}, {}, { target: 'DynamoDB_20120810.GetItem' });
    expect(classifyEntry(entry, 1)).toMatchObject({ kind: 'ignored', ignored: { reason: 'other-aws-service' } });
  });

  it('reads identity-pool calls (AWSCognitoIdentityService.*) as Cognito calls of the identity service', () => {
    // The user-pool prefix must not match the identity one, and the reverse.
    expect(cognitoOperation('AWSCognitoIdentityService.GetId')).toBeNull();
    expect(identityOperation('AWSCognitoIdentityProviderService.InitiateAuth')).toBeNull();
    expect(identityOperation('AWSCognitoIdentityService.Get Id')).toBeNull();
    const entry = cognitoEntry('GetId', {}, {}, { target: 'AWSCognitoIdentityService.GetId' });
    expect(classifyEntry(entry, 1)).toMatchObject({ kind: 'cognito', call: { operation: 'GetId', service: 'identity' } });
    expect(classifyEntry(cognitoEntry('InitiateAuth', {}, {}), 2)).toMatchObject({ kind: 'cognito', call: { service: 'user-pool' } });
  });

  it('ignores CORS preflights, which carry the target only in Access-Control-Request-Headers', () => {
    const entry = cognitoEntry('InitiateAuth', {}, {});
    entry.request.method = 'OPTIONS';
    expect(classifyEntry(entry, 2)).toMatchObject({ kind: 'ignored', ignored: { reason: 'preflight' } });
  });

  it('reports entries that are not HAR entries instead of throwing', () => {
    for (const junk of [null, 3, 'x', [], {}, { request: 'no' }]) {
      expect(classifyEntry(junk, 0)).toMatchObject({ kind: 'ignored', ignored: { reason: 'invalid-entry' } });
    }
  });
});

describe('reading Cognito errors', () => {
  it('cleans namespaces and suffixes from __type like botocore', () => {
    expect(cleanErrorType('com.amazonaws.cognito#NotAuthorizedException')).toBe('NotAuthorizedException');
    expect(cleanErrorType('NotAuthorizedException:http://internal.amazon.com/')).toBe('NotAuthorizedException');
    expect(cleanErrorType('CognitoLocal#Unsupported')).toBe('Unsupported');
  });

  it('reads body __type with message or Message', () => {
    const lower = classifyEntry(cognitoEntry('InitiateAuth', {}, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }, { status: 400 }), 0);
    const upper = classifyEntry(cognitoEntry('InitiateAuth', {}, { __type: 'UserNotFoundException', Message: 'User does not exist.' }, { status: 400 }), 0);
    expect(lower.kind === 'cognito' && lower.call.error).toEqual({ type: 'NotAuthorizedException', message: 'Incorrect username or password.', source: 'body' });
    expect(upper.kind === 'cognito' && upper.call.error).toMatchObject({ type: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('falls back to x-amzn-ErrorType / x-amzn-ErrorMessage when the body is unreadable', () => {
    const entry = cognitoEntry('RespondToAuthChallenge', {}, '<html>gateway</html>', {
      status: 400,
      headers: [{ name: 'x-amzn-ErrorType', value: 'CodeMismatchException:' }, { name: 'x-amzn-ErrorMessage', value: 'Invalid code or auth state for the user.' }],
    });
    const result = classifyEntry(entry, 0);
    expect(result.kind === 'cognito' && result.call.error).toEqual({ type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.', source: 'header' });
  });

  it('accepts the emulator form: application/json with only __type', () => {
    const result = classifyEntry(cognitoEntry('InitiateAuth', {}, { __type: 'InvalidPasswordException' }, { status: 400 }), 0);
    expect(result.kind === 'cognito' && result.call.error).toEqual({ type: 'InvalidPasswordException', message: '', source: 'body' });
  });

  it('explains the reference table rows by type and message', () => {
    expect(explainError({ type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.', source: 'body' })?.cause).toMatch(/AuthSessionValidity/);
    expect(explainError({ type: 'NotAuthorizedException', message: 'Invalid session for the user, session can only be used once.', source: 'body' })?.cause).toMatch(/twice/);
    expect(explainError({ type: 'NotAuthorizedException', message: 'Invalid session for the user.', source: 'body' })?.cause).toMatch(/stale/);
    expect(explainError({ type: 'InvalidParameterException', message: 'Missing required parameter Session', source: 'body' })?.cause).toMatch(/not forwarded/);
    expect(explainError({ type: 'SomethingNewException', message: '', source: 'body' })).toBeUndefined();
  });
});

describe('requests that got no response', () => {
  it('carry Chrome\'s network error and an explanation', () => {
    const entry = cognitoEntry('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH' }, '');
    entry.response = { status: 0, headers: [], content: { size: 0 }, _error: 'net::ERR_FAILED' };
    const result = classifyEntry(entry, 0);
    expect(result.kind === 'cognito' && result.call.error).toEqual({ type: 'NoResponse', message: 'The request got no response (net::ERR_FAILED).', source: 'status' });
    if (result.kind === 'cognito') expect(explainError(result.call.error!)?.cause).toMatch(/CORS/);
    entry.response._error = 'net::ERR_CONNECTION_REFUSED';
    const refused = classifyEntry(entry, 0);
    if (refused.kind === 'cognito') expect(explainError(refused.call.error!)?.cause).toMatch(/unreachable/);
  });
});
