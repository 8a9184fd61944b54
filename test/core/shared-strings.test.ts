/**
 * Long body strings handed out as views of the body text (src/core/shared-strings.ts, issue 13):
 * the parsed body must read exactly as JSON.parse returned it, whatever the text holds; the count
 * says which values became views, so the sharing itself is checked, not only its harmlessness.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARED_MIN_LENGTH, shareLongStrings } from '../../src/core/shared-strings';
import { parseBodyText } from '../../src/core/body';
import type { JsonObject } from '../../src/core/model';

const long = (seed: string) => `${seed}${'AbCdEfGh0123456789-_'.repeat(5)}`.slice(0, SHARED_MIN_LENGTH + 10);

function shared(text: string): { value: JsonObject; count: number } {
  const value = JSON.parse(text) as JsonObject;
  const count = shareLongStrings(value, text);
  expect(value).toEqual(JSON.parse(text));
  return { value, count };
}

describe('shareLongStrings', () => {
  it('shares every long value of a compact Cognito response, nested ones included', () => {
    const body = {
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: long('s'),
      ChallengeParameters: { SALT: long('salt'), SECRET_BLOCK: long('block'), USER_ID_FOR_SRP: 'short-name', SRP_B: long('b') },
      AuthenticationResult: { AccessToken: long('a'), NewDeviceMetadata: { DeviceKey: long('dk'), DeviceGroupKey: long('dg') } },
    };
    expect(shared(JSON.stringify(body)).count).toBe(7);
  });

  it('leaves short values, and bodies shorter than a long value, as parsed', () => {
    expect(shared(JSON.stringify({ Session: 'x'.repeat(SHARED_MIN_LENGTH - 1), Name: 'n' })).count).toBe(0);
    expect(shareLongStrings({}, '{}')).toBe(0);
  });

  it('keeps the parsed copy where the text is not compact or the value is escaped', () => {
    expect(shared(JSON.stringify({ Session: long('s') }, null, 2)).count).toBe(0);
    expect(shared(`{"Session" : "${long('s')}"}`).count).toBe(0);
    // The same characters, one of them written as an escape: the text differs from the value.
    const value = long('s');
    expect(shared(`{"Session":"\\u${value.charCodeAt(0).toString(16).padStart(4, '0')}${value.slice(1)}"}`).count).toBe(0);
    expect(shared(`{"Session":"${value.slice(0, 10)}\\/${value.slice(10)}"}`).count).toBe(0);
  });

  it('stops at the first long value not written compactly, and still moves past values it could not share', () => {
    const [a, b, c] = [long('a'), long('b'), long('c')];
    // B is spaced: the walk ends there, so C keeps its copy too (linear whatever the body holds).
    expect(shared(`{"A":"${a}","B" : "${b}","C":"${c}"}`).count).toBe(1);
    // B has an escape: found where compact JSON puts it but not equal, so skipped; C is still shared.
    expect(shared(`{"A":"${a}","B":"\\u0062${b.slice(1)}","C":"${c}"}`).count).toBe(2);
  });

  it('shares the value of an integer-like key, which JSON.parse puts first, and leaves the rest', () => {
    const text = `{"Session":"${long('s')}","7":"${long('seven')}","Token":"${long('t')}"}`;
    // "7" is walked first (JSON.parse's order) and found; Session, before it in the text, is then
    // not found after it, which ends the walk: Token keeps its copy too.
    expect(shared(text).count).toBe(1);
  });

  it('does not mistake a key inside a value, an own __proto__ or a repeated value for the real one', () => {
    const value = long('v');
    expect(shared(`{"A":"x\\"B\\":\\"${value}","B":"${value}"}`).count).toBe(1);
    const proto = shared(`{"__proto__":"${value}","Session":"${value}"}`);
    expect(Object.getPrototypeOf(proto.value)).toBe(Object.prototype);
    expect(proto.count).toBe(1);
    expect(shared(`{"A":"${value}","B":"${value}","C":{"A":"${value}"}}`).count).toBe(3);
  });

  it('reads as JSON.parse on any JSON text, whatever it shares', () => {
    const text = fc.oneof(fc.json(), fc.jsonValue().map((v) => JSON.stringify({ Session: long('s'), nested: { v, Token: long('t') } })));
    fc.assert(fc.property(text, (json) => {
      const parsed = JSON.parse(json) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
      shareLongStrings(parsed as JsonObject, json);
      expect(parsed).toEqual(JSON.parse(json));
    }), { numRuns: 300 });
  });

  it('is what parseBodyText returns', () => {
    const text = JSON.stringify({ Session: long('s'), ChallengeName: 'SMS_MFA' });
    const body = parseBodyText(text);
    expect(body).toEqual({ state: 'json', value: JSON.parse(text) });
  });
});
