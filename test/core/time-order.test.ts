/** sendTimes (src/core/links/time-order.ts) tells the same send times as callTimes, on any numbering of entries. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callTimes, sendTimes } from '../../src/core/links/time-order';
import type { CognitoCall } from '../../src/core/model';

/** Only `entry` and `startedAt` are read. */
const call = (entry: number, startedAt: number): CognitoCall => ({ entry, startedAt }) as CognitoCall;

function expectSameTimes(calls: CognitoCall[], others: CognitoCall[] = []): void {
  const times = callTimes(calls);
  const timeOf = sendTimes(calls);
  for (const c of [...calls, ...others]) expect(timeOf(c)).toBe(times.get(c)?.at ?? 0);
}

describe('sendTimes', () => {
  it('gives an undated call the date of the call before it in the capture, whatever order the calls come in', () => {
    const calls = [call(4, NaN), call(0, 1000), call(2, 3000), call(3, NaN), call(1, NaN)];
    const timeOf = sendTimes(calls);
    expect(calls.map(timeOf)).toEqual([3000, 1000, 3000, 3000, 1000]);
    expectSameTimes(calls);
  });

  it('answers 0 for a call it was not given, even one with a known entry number', () => {
    const calls = [call(0, 1000), call(1, 2000)];
    expect(sendTimes(calls)(call(1, 2000))).toBe(0);
  });

  it('agrees with callTimes on repeated, negative, fractional and far-apart entry numbers', () => {
    const entry = fc.oneof(fc.nat({ max: 40 }), fc.integer({ min: -3, max: 100_000 }), fc.constantFrom(0.5, Number.NaN));
    const started = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constant(Number.NaN));
    fc.assert(fc.property(fc.array(fc.tuple(entry, started), { maxLength: 30 }), (pairs) => {
      expectSameTimes(pairs.map(([e, s]) => call(e, s)), [call(0, 5)]);
    }));
  });
});
