/**
 * The shortcuts that keep Cognito-dense captures cheap (issue 13) must give exactly the answers of
 * the plain code they replace: the X-Amz-Target lookup without lower-cased copies, the blank-body
 * test without trim(), and access tokens a call sends read from the sign-in that issued them
 * instead of decoded again. No timing here: speed is the bench's business.
 */
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/analyze';
import { parseBodyText } from '../../src/core/body';
import { classifyEntry } from '../../src/core/calls';
import { headerValue } from '../../src/core/har';
import { SentTokens, decodeSent } from '../../src/core/diagnostics/sent-tokens';
import { decodeToken, tokenAt, tokenClaims } from '../../src/core/tokens';
import { cognitoEntry } from './entries';
import type { HarEntry } from '../../src/core/har';
import { linkFlows } from '../../src/core/flows';
import { AfterSignInLinker, linkAfterSignIn } from '../../src/core/links/after-sign-in';
import { sendTimes } from '../../src/core/links/time-order';
import { generateSyntheticHar } from '../../scripts/lib/synthetic-har';

const USER_POOL = 'AWSCognitoIdentityProviderService.GetUser';
const IDENTITY = 'AWSCognitoIdentityService.GetId';

describe('the X-Amz-Target lookup agrees with headerValue', () => {
  /** What the entry is, read the plain way: headerValue, then the same prefix rules. */
  function expected(headers: { name: string; value: unknown }[]): string {
    const target = headerValue(headers as never, 'X-Amz-Target');
    if (target === USER_POOL) return 'cognito:GetUser';
    if (target === IDENTITY) return 'cognito:GetId';
    return target ? 'other-aws-service' : 'not-cognito';
  }

  function actual(headers: { name: string; value: unknown }[]): string {
    const entry = cognitoEntry('GetUser', {}, {});
    entry.request.headers = headers as never;
    const result = classifyEntry(entry, 0);
    return result.kind === 'cognito' ? `cognito:${result.call.operation}` : result.ignored.reason;
  }

  it('on names in any case, near misses, and characters that lower-case to ASCII letters', () => {
    const names = ['X-Amz-Target', 'x-amz-target', 'X-AMZ-TARGET', 'x-AmZ-tArGeT', 'X-Amz-Targe', 'X-Amz-Target ', ' X-Amz-Target',
      'X_Amz_Target', 'X-Amz-Tärget', 'X\rAmz\rTarget', 'X-Amz-Tar\u212Aet', '\u0130-Amz-Target', 'X-Amz-\u017Farget', 'Content-Type'];
    for (const first of names) {
      for (const second of names) {
        const headers = [{ name: first, value: USER_POOL }, { name: second, value: IDENTITY }];
        expect(actual(headers), `${first} / ${second}`).toBe(expected(headers));
      }
    }
    // A matching name with a value that is not a string: no target (headerValue stops there too).
    const odd = [{ name: 'X-Amz-Target', value: 42 }, { name: 'x-amz-target', value: USER_POOL }];
    expect(actual(odd)).toBe(expected(odd));
  });

  it('on random header names', () => {
    const name = fc.string({ unit: fc.constantFrom(...'xXaAmMzZtTrRgGeE-_ \u212A\u0130\u017F'), minLength: 10, maxLength: 13 });
    fc.assert(fc.property(fc.array(fc.record({ name, value: fc.constantFrom(USER_POOL, IDENTITY, 'DynamoDB_20120810.Query') }), { maxLength: 4 }), (headers) => {
      expect(actual(headers)).toBe(expected(headers));
    }), { numRuns: 500 });
  });
});

describe('a blank body is told apart without trim()', () => {
  it.each(['', ' ', '\n', '\r\n\t ', '\uFEFF', '\u00A0\u2028\u3000'])('%j is empty, as trim() says', (text) => {
    expect(text.trim()).toBe('');
    expect(parseBodyText(text)).toEqual({ state: 'empty' });
  });

  it('a body with white space around it is still read', () => {
    expect(parseBodyText(' {"a":1}\n')).toEqual({ state: 'json', value: { a: 1 } });
    expect(parseBodyText('\u200B')).toMatchObject({ state: 'unparseable' }); // not white space for trim() either
  });
});

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = b64url({ kid: 'k1', alg: 'RS256' });
const issuedAt = Date.parse('2026-11-23T10:00:00Z');
const access = `${HEADER}.${b64url({ sub: 's', token_use: 'access', scope: 'openid', exp: issuedAt / 1000 + 3600, iat: issuedAt / 1000 })}.c2ln`;

describe('tokens a call sends are decoded once per analysis', () => {
  it('tokenAt gives what decoding again at that time gives', () => {
    const issued = decodeToken(access, issuedAt);
    for (const at of [issuedAt + 1000, issuedAt + 7_200_000, Number.NaN]) expect(tokenAt(issued, at)).toEqual(decodeToken(access, at));
    const malformed = decodeToken('a.b', issuedAt);
    expect(tokenAt(malformed, issuedAt + 5)).toBe(malformed);
  });

  it('a token a flow was issued is not decoded again; others decode as decodeToken does', () => {
    const issued = decodeToken(access, issuedAt);
    const flow = { steps: [{ tokens: { id: null, access: issued, refresh: null, issuedBy: 3 } }] };
    const tokens = new SentTokens([flow as never]);
    const later = issuedAt + 4_000_000;
    const sent = tokens.decode(access, later);
    expect(sent).toEqual(decodeToken(access, later));
    if (sent.kind !== 'jwt' || issued.kind !== 'jwt') throw new Error('expected JWTs');
    expect(tokenClaims(sent)).toBe(tokenClaims(issued)); // the linker's decoding, re-timed: its claims decoded once
    expect(sent.expiresInMs).toBeLessThan(0);
    for (const other of ['not-a-token', `${HEADER}.%%%.c2ln`, `${HEADER}.${b64url([1])}.x`]) {
      expect(tokens.decode(other, later)).toEqual(decodeToken(other, later));
      expect(tokens.decode(other, later + 1)).toEqual(decodeToken(other, later + 1));
      expect(decodeSent(undefined, other, later)).toEqual(decodeToken(other, later));
    }
  });

  it('the flow being judged is asked first, a token of any other flow is still found', () => {
    const other = `${HEADER}.${b64url({ sub: 'o', token_use: 'access', exp: issuedAt / 1000 + 60 })}.c2ln`;
    const mine = { steps: [], tokens: { id: null, access: decodeToken(access, issuedAt), refresh: null, issuedBy: 1 } };
    const theirs = { steps: [{ tokens: { id: null, access: decodeToken(other, issuedAt), refresh: null, issuedBy: 2 } }], tokens: { id: null, access: null, refresh: null, issuedBy: null } };
    const tokens = new SentTokens([mine as never, theirs as never]);
    tokens.within(mine as never);
    for (const raw of [access, other, 'x.y.z']) expect(tokens.decode(raw, issuedAt + 90_000)).toEqual(decodeToken(raw, issuedAt + 90_000));
  });

  it('tokens with the same header share its decoding; a header that is no object is still turned down', () => {
    const a = decodeToken(access, issuedAt);
    const b = decodeToken(`${HEADER}.${b64url({ sub: 'b' })}.c2ln`, issuedAt);
    if (a.kind !== 'jwt' || b.kind !== 'jwt') throw new Error('expected JWTs');
    expect(a.header).toEqual({ kid: 'k1', alg: 'RS256' });
    expect(b.header).toBe(a.header);
    const arrayHeader = `${b64url([1])}.${b64url({ sub: 'c' })}.c2ln`;
    expect(decodeToken(arrayHeader, issuedAt)).toMatchObject({ kind: 'malformed', reason: 'cannot be read: its header or payload is not a JSON object' });
    expect(decodeToken(arrayHeader, issuedAt)).toMatchObject({ kind: 'malformed' });
  });

  it('an expired access token sent after a sign-in still gets token-expired (the analysis end to end)', () => {
    const signIn = cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PASSWORD: 'p' } },
      { AuthenticationResult: { AccessToken: access, IdToken: access, TokenType: 'Bearer' } });
    signIn.startedDateTime = new Date(issuedAt).toISOString();
    const getUser = cognitoEntry('GetUser', { AccessToken: access }, { Username: 'u' });
    getUser.startedDateTime = new Date(issuedAt + 4_000_000).toISOString();
    const analysis = analyzeHar({ log: { entries: [signIn, getUser] } });
    expect(analysis.diagnostics.filter((d) => d.entry === 1).map((d) => d.code)).toContain('token-expired');
  });
});

describe('a capture with nothing to join after its sign-ins skips the token index', () => {
  /** What linkAfterSignIn decides, the long way: every token indexed, then resolved. */
  function plainJoins(entries: unknown[]) {
    const calls = entries.map((entry, index) => classifyEntry(entry, index)).flatMap((c) => (c.kind === 'cognito' ? [c.call] : []));
    const linked = linkFlows(calls.filter((call) => call.service !== 'identity'), 180_000);
    const identity = calls.filter((call) => call.service === 'identity');
    const linker = new AfterSignInLinker(sendTimes([...linked.flows.flatMap((f) => f.steps.map((s) => s.call)), ...linked.standalone, ...identity]));
    linker.addFlows(linked.flows, new Set(linked.flows));
    linker.addIdentityCalls(identity);
    return { linked, identity, joins: linker.resolve(linked.flows, linked.standalone) };
  }

  it('sign-ins only: the plain linker joins nothing either, and the analysis is the same', () => {
    const { har } = generateSyntheticHar({ seed: 7, flows: 40, cognitoCalls: 160, ordinary: 0, bodies: 'small' });
    const { linked, identity, joins } = plainJoins(har.log.entries);
    expect(linked.standalone).toEqual([]);
    expect(identity).toEqual([]);
    expect(linked.flows.length).toBe(40);
    expect([joins.joined.size, joins.refreshOf.size, joins.refreshes.length, joins.identityFlows.length, joins.identity.length]).toEqual([0, 0, 0, 0, 0]);
    const shortcut = linkAfterSignIn(linked, identity);
    expect(shortcut).toEqual({ identity: [], refreshes: [] });
  });

  it('a call with a flow\'s tokens, a refresh or an identity call still joins its sign-in, as the plain linker joins it', () => {
    const { har } = generateSyntheticHar({ seed: 8, flows: 40, cognitoCalls: 160, ordinary: 0, bodies: 'small' });
    const signIns = har.log.entries as HarEntry[];
    const issued = signIns.map((e) => JSON.parse(e.response.content.text ?? '{}') as { AuthenticationResult?: Record<string, string> })
      .map((body) => body.AuthenticationResult).filter((result) => result !== undefined);
    expect(issued.length).toBeGreaterThan(3);
    const at = '2099-01-01T00:00:00.000Z';
    const after = [
      cognitoEntry('GetUser', { AccessToken: issued[0]!.AccessToken }, { Username: 'u' }, { at }),
      cognitoEntry('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'c', AuthParameters: { REFRESH_TOKEN: issued[1]!.RefreshToken } }, { AuthenticationResult: { AccessToken: 'a.b.c' } }, { at }),
      cognitoEntry('GetId', { IdentityPoolId: 'eu-west-1:00000000-0000-0000-0000-000000000000', Logins: { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x': issued[2]!.IdToken } }, { IdentityId: 'eu-west-1:11111111-1111-1111-1111-111111111111' }, { at, target: 'AWSCognitoIdentityService.GetId' }),
    ];
    for (const extra of after) {
      const entries = [...signIns, extra];
      const { joins } = plainJoins(entries);
      const plain = [...joins.joined.values()].reduce((n, steps) => n + steps.length, 0) + joins.refreshes.filter((r) => r.origin !== null).length;
      expect(plain, extra.request.headers[0]!.value).toBe(1);
      const analysis = analyzeHar({ log: { entries } });
      const joined = analysis.flows.filter((flow) => flow.refreshOf || flow.steps.some((step) => step.withTokens || step.identity));
      expect(joined.length, extra.request.headers[0]!.value).toBe(1);
    }
  });
});
