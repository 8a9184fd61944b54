import { describe, expect, it } from 'vitest';
import { parseBodyText, readRequestBody, readResponseBody } from '../../src/core/body';
import { decodeToken, relativeTime, tokenAt, tokenClaims } from '../../src/core/tokens';
import { b64url, jwt } from './entries';

describe('reading bodies', () => {
  it('parses JSON objects and says why anything else is not one', () => {
    expect(parseBodyText('{"a":1}')).toEqual({ state: 'json', value: { a: 1 } });
    expect(parseBodyText('  ')).toEqual({ state: 'empty' });
    expect(parseBodyText('{"Session":"AYAB')).toMatchObject({ state: 'unparseable', reason: expect.stringMatching(/^not JSON/) });
    expect(parseBodyText('[1]')).toMatchObject({ state: 'unparseable', reason: 'JSON an array, not an object' });
    expect(parseBodyText('null')).toMatchObject({ state: 'unparseable', reason: 'JSON null, not an object' });
  });

  it('tells a body the browser did not keep from an empty one', () => {
    expect(readRequestBody(undefined, 'POST')).toMatchObject({ state: 'not-captured' });
    expect(readResponseBody({ size: 120, mimeType: 'application/json' }, 200)).toMatchObject({ state: 'not-captured' });
    expect(readResponseBody({ size: 0 }, 200)).toEqual({ state: 'empty' });
    expect(readResponseBody(undefined, 0)).toMatchObject({ state: 'not-captured', reason: expect.stringMatching(/no response/) });
  });

  it('decodes base64 response bodies, UTF-8 included', () => {
    const text = Buffer.from(JSON.stringify({ message: 'Mot de passe incorrect — réessayez' })).toString('base64');
    expect(readResponseBody({ text, encoding: 'base64' }, 400)).toEqual({ state: 'json', value: { message: 'Mot de passe incorrect — réessayez' } });
    expect(readResponseBody({ text: '%%%', encoding: 'base64' }, 200)).toMatchObject({ state: 'unparseable' });
  });
});

describe('decoding tokens', () => {
  const at = Date.parse('2026-11-23T10:00:00Z');

  it('decodes header and claims, with times relative to the capture', () => {
    const token = decodeToken(jwt({ token_use: 'id', 'cognito:username': 'alice', iat: at / 1000, exp: at / 1000 + 3600, auth_time: at / 1000 }), at);
    expect(token).toMatchObject({ kind: 'jwt', use: 'id', header: { alg: 'RS256' }, expiresInMs: 3_600_000, issuedAt: at, authTime: at });
    expect(relativeTime(3_600_000)).toBe('in 1 h');
    expect(relativeTime(3_540_000)).toBe('in 59 min');
    expect(relativeTime(-90_000)).toBe('2 min ago');
  });

  it('keeps the facts analyses read and decodes the claims when asked, once per token and its re-timed copies', () => {
    const claims = { token_use: 'access', origin_jti: 'o-1', username: 'alice', iat: at / 1000, exp: at / 1000 + 3600 };
    const token = decodeToken(` ${jwt(claims)}\n`, at);
    if (token.kind !== 'jwt') throw new Error('expected a JWT');
    // Plain data: what an analysis keeps alive is what it has to copy (tokens.ts, tokenClaims).
    expect(Object.keys(token).sort()).toEqual(['authTime', 'capturedAt', 'expiresAt', 'expiresInMs', 'header', 'issuedAt', 'kind', 'originJti', 'raw', 'use']);
    expect(token).toMatchObject({ use: 'access', originJti: 'o-1' });
    const read = tokenClaims(token);
    expect(read).toEqual(claims);
    expect(tokenClaims(token)).toBe(read);
    const later = tokenAt(token, at + 7_200_000);
    expect(later).toMatchObject({ expiresInMs: -3_600_000, originJti: 'o-1' });
    expect(tokenClaims(later as typeof token)).toBe(read);
    expect(decodeToken(jwt({ token_use: 'id' }), at)).toMatchObject({ originJti: null, issuedAt: null, expiresInMs: null });
  });

  it('recognises the refresh token as an encrypted JWE and reads only its header', () => {
    const jwe = `${b64url({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })}.key.iv.ciphertext.tag`;
    expect(decodeToken(jwe, at)).toMatchObject({ kind: 'encrypted', header: { alg: 'RSA-OAEP', enc: 'A256GCM' } });
  });

  it('gives a reason for malformed tokens, never an exception', () => {
    // Said for people: it cannot be decoded, and why that may be so (no decoder jargon).
    expect(decodeToken('abc.def', at)).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/^cannot be decoded: this value has 2 dot-separated parts, .*placeholder, cut short/) });
    expect(decodeToken('REDACTED', at)).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/has 1 part, but .* refresh token \(an encrypted JWE\) has 5/) });
    expect(decodeToken('!!!.???.sig', at)).toMatchObject({ kind: 'malformed' });
    expect(decodeToken(`${b64url({ alg: 'RS256' })}.${Buffer.from('not json').toString('base64url')}.sig`, at)).toMatchObject({ kind: 'malformed' });
    expect(decodeToken(`${b64url([1])}.${b64url([2])}.sig`, at)).toMatchObject({ kind: 'malformed', reason: /not a JSON object/ });
    expect(decodeToken(42, at)).toMatchObject({ kind: 'malformed', reason: 'not a string but number' });
    expect(decodeToken('', at)).toMatchObject({ kind: 'malformed', reason: 'empty token' });
  });

  it('counts the parts of any value, and reads a token with white space around it as trim() leaves it', () => {
    for (const value of ['a.b.c.d', 'a.b.c.d.e.f', '.......', 'x.', '.y.z.']) {
      const parts = value.split('.').length;
      expect(decodeToken(value, at)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining(`has ${parts} dot-separated parts,`) });
    }
    const jwt = `${b64url({ alg: 'RS256' })}.${b64url({ token_use: 'id', exp: 1 })}.sig`;
    for (const padded of [` ${jwt}`, `${jwt}\n`, `\u00a0${jwt}\ufeff`, `\u2028${jwt}\u3000`]) {
      expect(decodeToken(padded, at)).toMatchObject({ kind: 'jwt', raw: padded, use: 'id', expiresAt: 1000 });
    }
    expect(decodeToken(' \u00a0\ufeff ', at)).toMatchObject({ kind: 'malformed', reason: 'empty token' });
  });
});
