/**
 * decodeToken reads JWT parts through a fast path first (src/core/tokens.ts); jwt-decode is the
 * decoder of record. These tests hold the fast path to exactly jwt-decode's results and error
 * texts, on the tricky encodings and on random JSON.
 */
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { jwtDecode } from 'jwt-decode';
import { describe, expect, it } from 'vitest';
import { decodeToken, jwtPayload, tokenClaims } from '../../src/core/tokens';

const at = Date.parse('2026-11-23T10:00:00Z');
const b64url = (bytes: Buffer | string): string => Buffer.from(bytes).toString('base64url');
const HEADER = b64url(JSON.stringify({ kid: 'k1', alg: 'RS256' }));

/** What jwt-decode alone makes of `token`: its header and claims, or its first error message. */
function byJwtDecode(token: string): { header: unknown; claims: unknown } | { error: string } {
  try {
    return { header: jwtDecode(token.trim(), { header: true }), claims: jwtDecode(token.trim()) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function expectSameAsJwtDecode(token: string): void {
  const expected = byJwtDecode(token);
  const decoded = decodeToken(token, at);
  if ('error' in expected) {
    // The reason is worded for people (issue 9); jwt-decode's own words are inside it.
    expect(decoded).toMatchObject({ kind: 'malformed', reason: `cannot be decoded: ${expected.error.replace(/^Invalid token specified: /, '')}; it may be cut short or edited` });
  } else if (decoded.kind === 'jwt') {
    expect(decoded.header).toEqual(expected.header);
    expect(tokenClaims(decoded)).toEqual(expected.claims);
  } else {
    // jwt-decode read it, but not as two JSON objects: the core says so.
    expect(decoded).toMatchObject({ kind: 'malformed', reason: 'cannot be read: its header or payload is not a JSON object' });
  }
}

describe('the fast JWT path agrees with jwt-decode', () => {
  it.each([
    ['ASCII claims', b64url(JSON.stringify({ sub: 'abc', exp: 1, token_use: 'id' }))],
    ['UTF-8 claims (accents, CJK, emoji)', b64url(JSON.stringify({ name: 'Zoë Ångström 日本 🎉', exp: 1 }))],
    ['padding of every length', b64url(JSON.stringify({ a: 'x' }))],
    ['padding of every length', b64url(JSON.stringify({ a: 'xy' }))],
    ['padding of every length', b64url(JSON.stringify({ a: 'xyz' }))],
    ['base64 with explicit = padding', Buffer.from(JSON.stringify({ a: 'x' })).toString('base64')],
    ['Latin-1 bytes that are not UTF-8 (jwt-decode falls back to Latin-1)', b64url(Buffer.from('{"n":"\xe9t\xe9"}', 'latin1'))],
    ['a length jwt-decode rejects (4n+1)', 'eyJhIjoxfQa'],
    ['characters outside base64', 'eyJh*Ijox!fQ'],
    ['base64 of something that is not JSON', b64url('not json')],
    ['a JSON array payload', b64url('[1,2]')],
    ['JSON with a newline and a tab', b64url('{"a":\n\t"b"}')],
  ])('%s', (_what, payload) => {
    expectSameAsJwtDecode(`${HEADER}.${payload}.c2ln`);
    expectSameAsJwtDecode(`${payload}.${HEADER}.c2ln`);
  });

  it('reads the protected header of an encrypted refresh token the same way', () => {
    const header = { cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' };
    expect(decodeToken(`${b64url(JSON.stringify(header))}.a.b.c.d`, at)).toMatchObject({ kind: 'encrypted', header });
    expect(decodeToken('%%%.a.b.c.d', at)).toMatchObject({ kind: 'encrypted', header: null });
  });

  it('on random JSON claims and random parts', () => {
    const claims = fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.boolean()));
    fc.assert(fc.property(claims, (value) => expectSameAsJwtDecode(`${HEADER}.${b64url(JSON.stringify(value))}.c2ln`)), { numRuns: 300 });
    const part = fc.string({ unit: fc.constantFrom(...'ABCxyz019-_=+/ %é'), maxLength: 24 });
    fc.assert(fc.property(part, part, (a, b) => expectSameAsJwtDecode(`${a}.${b}.c2ln`)), { numRuns: 300 });
  });
});

/** jwtPayload (what redaction reads) returns what jwtDecode(token) returns, or throws its error. */
function expectPayloadAsJwtDecode(token: string): void {
  let expected: { claims: unknown } | { error: string };
  try {
    expected = { claims: jwtDecode(token) };
  } catch (error) {
    expected = { error: (error as Error).message };
  }
  if ('error' in expected) expect(() => jwtPayload(token)).toThrow(expected.error);
  else expect(jwtPayload(token)).toEqual(expected.claims);
}

describe('the payload redaction reads agrees with jwt-decode', () => {
  it.each([
    ['UTF-8 claims', b64url(JSON.stringify({ name: 'Zoë 日本 🎉', exp: 1 }))],
    ['Latin-1 bytes that are not UTF-8', b64url(Buffer.from('{"n":"\xe9t\xe9"}', 'latin1'))],
    ['a length jwt-decode rejects (4n+1)', 'eyJhIjoxfQa'],
    ['characters outside base64', 'eyJh*Ijox!fQ'],
    ['base64 of something that is not JSON', b64url('not json')],
    ['a JSON array payload', b64url('[1,2]')],
  ])('%s', (_what, payload) => {
    expectPayloadAsJwtDecode(`${HEADER}.${payload}.c2ln`);
  });

  it('on random JSON claims and random parts', () => {
    const claims = fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.boolean()));
    fc.assert(fc.property(claims, (value) => expectPayloadAsJwtDecode(`${HEADER}.${b64url(JSON.stringify(value))}.c2ln`)), { numRuns: 300 });
    const part = fc.string({ unit: fc.constantFrom(...'ABCxyz019-_=+/ %é'), maxLength: 24 });
    fc.assert(fc.property(part, part, (a, b) => expectPayloadAsJwtDecode(`${a}.${b}.c2ln`)), { numRuns: 300 });
  });
});
