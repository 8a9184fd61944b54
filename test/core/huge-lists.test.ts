/**
 * Lists as long as a capture can make them: a spread of their items into call arguments
 * (`push(...calls)`, `Math.max(...ends)`) throws RangeError past some 120,000 in V8, and did for a
 * capture of 200,000 calls outside any flow (an app polling GetUser through a long test run).
 */
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/analyze';
import { appendAll, maxOf } from '../../src/core/long-lists';
import { LiveAnalysis } from '../../src/core/live-analysis';
import { formatText, PLAIN } from '../../src/cli/format-text';

const CALLS = 200_000;

/** `count` GetUser calls 10 ms apart: every one outside any sign-in flow. */
function pollingCapture(count: number): unknown[] {
  const t0 = Date.parse('2026-03-14T09:00:00.000Z');
  return Array.from({ length: count }, (_, i) => ({
    startedDateTime: new Date(t0 + i * 10).toISOString(),
    time: 5,
    request: {
      method: 'POST',
      url: 'https://cognito-idp.eu-west-1.amazonaws.com/',
      headers: [{ name: 'X-Amz-Target', value: 'AWSCognitoIdentityProviderService.GetUser' }],
      postData: { mimeType: 'application/x-amz-json-1.1', text: '{"AccessToken":"not-a-jwt"}' },
    },
    response: { status: 200, headers: [], content: { size: 16, mimeType: 'application/x-amz-json-1.1', text: '{"Username":"u"}' } },
  }));
}

describe('lists longer than a spread can pass', () => {
  it('appendAll and maxOf take 300,000 items, where a spread throws', () => {
    const items = Array.from({ length: 300_000 }, (_, i) => i);
    expect(() => [].push(...(items as never[]))).toThrow(RangeError);
    expect(appendAll([-1], items)).toHaveLength(300_001);
    expect(maxOf(items)).toBe(299_999);
  });

  it('maxOf answers as Math.max does, NaN and no values included', () => {
    for (const values of [[], [3, 1, 2], [-5], [1, Number.NaN, 3], [Number.NEGATIVE_INFINITY], [0, -0]]) {
      expect(maxOf(values)).toBe(Math.max(...values));
    }
  });

  it(`analyses a capture of ${CALLS.toLocaleString('en')} calls outside any flow, one-shot, live and as the CLI's report`, () => {
    const entries = pollingCapture(CALLS);
    const analysis = analyzeHar({ log: { entries } });
    expect(analysis.calls).toHaveLength(CALLS);
    expect(analysis.standalone).toHaveLength(CALLS);
    const live = new LiveAnalysis().update(entries);
    expect(live.standalone).toHaveLength(CALLS);
    const text = formatText(analysis, PLAIN);
    expect(text).toContain(`#${CALLS - 1}  GetUser`);
  }, 60_000);
});
