import { describe, expect, it } from 'vitest';
import { maskValue, PROFILES, redactEntry, redactHar, redactJson } from '../../src/core/redact';
import { analyzeHar } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';
import type { Har } from '../../src/core/har';
import { cognitoEntry, jwt } from './entries';

const SESSION = 'AYABeFQ3' + 'x'.repeat(600) + 'Q0Zz';
const SECRET_BLOCK = 'c2VjcmV0LWJsb2Nr' + 'y'.repeat(300);
const ID_TOKEN = jwt({ token_use: 'id', 'cognito:username': 'alice', email: 'alice@example.com', exp: 1_900_000_000 });

function signIn(): Har {
  return {
    log: {
      entries: [
        cognitoEntry('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'client1', AuthParameters: { USERNAME: 'alice@example.com', SRP_A: 'ab12', SECRET_HASH: 'HmacOfUserAndClient1234567890abcdef=' } },
          { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SECRET_BLOCK, USER_ID_FOR_SRP: 'alice', SRP_B: 'cd', SALT: 'ef' } }),
        cognitoEntry('RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId: 'client1', ChallengeResponses: { USERNAME: 'alice', PASSWORD_CLAIM_SECRET_BLOCK: SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: 'c2lnbmF0dXJlLWJ5dGVzLWhlcmU=', TIMESTAMP: 'Mon Nov 23 10:00:00 UTC 2026', SECRET_HASH: 'HmacOfUserAndClient1234567890abcdef=' } },
          { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: SESSION, ChallengeParameters: {} }, { at: '2026-11-23T10:00:00.200Z' }),
        cognitoEntry('RespondToAuthChallenge', { ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: 'client1', Session: SESSION, ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: '123456', SECRET_HASH: 'HmacOfUserAndClient1234567890abcdef=' } },
          { AuthenticationResult: { IdToken: ID_TOKEN, AccessToken: jwt({ token_use: 'access', username: 'alice', exp: 1_900_000_000 }), RefreshToken: 'eyJjdHkiOiJKV1QifQ.a.b.c.d', ExpiresIn: 3600, TokenType: 'Bearer' } },
          { at: '2026-11-23T10:00:20.000Z' }),
      ],
    },
  };
}

describe('redaction', () => {
  it('keeps only the length of passwords and codes', () => {
    expect(maskValue('hunter2-long-password', 'length')).toBe('‹redacted 21 chars›');
    const json = JSON.stringify(redactJson({ ChallengeResponses: { NEW_PASSWORD: 'S3cret!Pass', SMS_MFA_CODE: '123456' }, AuthParameters: { PASSWORD: 'pw' } }));
    expect(json).not.toMatch(/S3cret|123456|"pw"/);
    expect(json).toContain('‹redacted 6 chars›');
  });

  it('keeps the ends and a fingerprint of opaque values, the same for the same value', () => {
    const a = maskValue(SESSION, 'opaque');
    expect(a).toMatch(/^‹redacted 612 chars AYAB…Q0Zz #[0-9a-f]{8}›$/);
    expect(maskValue(SESSION, 'opaque')).toBe(a);
    expect(maskValue(SESSION + 'z', 'opaque')).not.toBe(a);
    expect(maskValue(a, 'opaque')).toBe(a); // idempotent
  });

  it('keeps token header and claims but drops the signature', () => {
    const masked = maskValue(ID_TOKEN, 'jwt');
    expect(masked.split('.').slice(0, 2)).toEqual(ID_TOKEN.split('.').slice(0, 2));
    expect(masked).not.toContain(ID_TOKEN.split('.')[2]);
  });

  it('keeps ANSWER for SELECT_MFA_TYPE / SELECT_CHALLENGE, masks it otherwise: by the body\'s ChallengeName, not the value\'s shape', () => {
    for (const challenge of ['SELECT_MFA_TYPE', 'SELECT_CHALLENGE']) {
      const body = { ChallengeName: challenge, ChallengeResponses: { ANSWER: 'SOFTWARE_TOKEN_MFA' } };
      expect(redactJson(body)).toEqual(body);
    }
    // A CUSTOM_CHALLENGE answer in capitals looks like a challenge name: it is still the user's secret.
    expect(redactJson({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeResponses: { ANSWER: 'BLUEWHALE' } })).toEqual({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeResponses: { ANSWER: '‹redacted 9 chars›' } });
    expect(redactJson({ ChallengeResponses: { ANSWER: 'SMS_MFA' } })).toEqual({ ChallengeResponses: { ANSWER: '‹redacted 7 chars›' } });
    expect(redactJson({ ANSWER: 'blue whale 42' })).toEqual({ ANSWER: '‹redacted 13 chars›' });
  });

  it('leaves no secret of a sign-in in the redacted HAR, and the input untouched', () => {
    const har = signIn();
    const before = JSON.stringify(har);
    const text = JSON.stringify(redactHar(har));
    expect(JSON.stringify(har)).toBe(before);
    for (const secret of [SESSION, SECRET_BLOCK, 'HmacOfUserAndClient1234567890abcdef=', '123456', 'c2lnbmF0dXJlLWJ5dGVzLWhlcmU=', 'eyJjdHkiOiJKV1QifQ.a.b.c.d', 'c2lnbmF0dXJl']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('alice@example.com'); // the share profile keeps who signed in
  });

  it('still links the same chains and finds the same problems after redaction', () => {
    const har = signIn();
    const plain = toReport(analyzeHar(har));
    const redacted = toReport(analyzeHar(redactHar(har)));
    expect(redacted.flows.map((f) => f.steps.map((s) => [s.entry, s.challengeIn, s.challengeOut, s.handoff]))).toEqual(plain.flows.map((f) => f.steps.map((s) => [s.entry, s.challengeIn, s.challengeOut, s.handoff])));
    expect(redacted.flows[0]?.outcome).toBe('authenticated');
    expect(redacted.flows[0]?.tokens.id).toMatchObject({ 'cognito:username': 'alice' });
    expect(redacted.diagnostics.map((d) => d.code)).toEqual(plain.diagnostics.map((d) => d.code));
  });

  it('strict also hides who the user is and bodies of other requests', () => {
    const har = signIn();
    har.log.entries.push({ startedDateTime: '2026-11-23T10:00:30.000Z', time: 5, request: { method: 'GET', url: 'https://app.example/me', headers: [{ name: 'Cookie', value: 'sid=abcdefghijklmnop' }] }, response: { status: 200, headers: [], content: { text: '{"email":"alice@example.com"}' } } });
    const text = JSON.stringify(redactHar(har, PROFILES.strict));
    expect(text).not.toContain('alice@example.com');
    expect(text).not.toContain('sid=abcdefghijklmnop');
    expect(toReport(analyzeHar(redactHar(har, PROFILES.strict))).flows[0]?.outcome).toBe('authenticated');
  });

  it('masks unparseable Cognito bodies whole and auth headers everywhere', () => {
    const entry = cognitoEntry('InitiateAuth', '{"AuthParameters":{"PASSWORD":"hunter2"', '{}');
    entry.request.headers.push({ name: 'Authorization', value: 'Bearer abcdefghijklmnopqrstuvwxyz' });
    const redacted = redactEntry(entry);
    expect(redacted.request.postData?.text).toMatch(/^‹redacted unparseable body, \d+ chars›$/);
    expect(JSON.stringify(redacted)).not.toContain('abcdefghijklmnopqrstuvwxyz');
  });
});
