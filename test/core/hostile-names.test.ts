/**
 * Regressions found by the property tests: names taken from captured traffic that are also
 * Object.prototype members, and JSON objects that cannot be converted to strings.
 */
import { describe, expect, it } from 'vitest';
import { analyzeEntries } from '../../src/core/analyze';
import { decodeToken } from '../../src/core/tokens';
import { redactJson } from '../../src/core/redact';
import { cognitoEntry } from './entries';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('names that are Object.prototype members', () => {
  it.each(PROTOTYPE_NAMES)('AuthFlow "%s" is just an unknown flow', (name) => {
    const analysis = analyzeEntries([cognitoEntry('InitiateAuth', { AuthFlow: name, ClientId: 'c' }, {})]);
    expect(analysis.flows).toHaveLength(1);
    expect(analysis.diagnostics.filter((d) => d.code === 'missing-auth-parameter')).toEqual([]);
  });

  it.each(PROTOTYPE_NAMES)('ChallengeName "%s" is an unknown challenge, issued or answered', (name) => {
    const analysis = analyzeEntries([
      cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PASSWORD: 'p' } }, { ChallengeName: name, Session: 'AYAB-s1-0123456789', ChallengeParameters: {} }),
      cognitoEntry('RespondToAuthChallenge', { ChallengeName: name, ClientId: 'c', Session: 'AYAB-s1-0123456789', ChallengeResponses: { USERNAME: 'u', ANSWER: name } }, {}, { at: '2026-11-23T10:00:01.000Z' }),
    ]);
    expect(analysis.diagnostics.map((d) => [d.entry, d.code])).toEqual([[0, 'unknown-challenge']]);
  });

  it.each(PROTOTYPE_NAMES)('ANSWER / PREFERRED_CHALLENGE "%s" add no keys', (name) => {
    const analysis = analyzeEntries([
      cognitoEntry('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PREFERRED_CHALLENGE: name } }, { ChallengeName: 'SELECT_CHALLENGE', Session: 'AYAB-s2-0123456789', AvailableChallenges: ['PASSWORD'] }),
      cognitoEntry('RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId: 'c', Session: 'AYAB-s2-0123456789', ChallengeResponses: { USERNAME: 'u', ANSWER: name } }, {}, { at: '2026-11-23T10:00:01.000Z' }),
    ]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('redaction keeps a "__proto__" key as data and masks by own keys only', () => {
    const input = JSON.parse('{"__proto__": {"PASSWORD": "hunter2"}, "constructor": "plain"}') as unknown;
    const out = redactJson(input) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"PASSWORD":"‹redacted 7 chars›"},"constructor":"plain"}');
  });
});

describe('tokens that are not strings', () => {
  it('describes them instead of converting them', () => {
    expect(decodeToken({ toString: 1 }, 0)).toEqual({ kind: 'malformed', raw: '(object)', reason: 'not a string but object' });
    expect(decodeToken(Object.create(null), 0)).toMatchObject({ kind: 'malformed' });
    expect(decodeToken([1], 0)).toMatchObject({ reason: 'not a string but array' });
    const analysis = analyzeEntries([cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PASSWORD: 'p' } }, { AuthenticationResult: { AccessToken: { toString: 1 }, IdToken: 7 } })]);
    expect(analysis.flows[0]?.tokens.access).toMatchObject({ kind: 'malformed' });
  });
});
