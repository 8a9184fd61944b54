import { describe, expect, it } from 'vitest';
import { cardFindings, messageParts, stepLabel } from '../../src/core/view/step-refs';
import { initiatorOf } from '../../src/core/view/initiator';
import { flowCountText, flowRows, OTHER_CALLS_ICON, OUTCOME_LABEL } from '../../src/core/view/flow-row';
import type { HarEntry } from '../../src/core/har';
import { realCapture, scenario } from './view-support';

describe('step references in diagnostics (issue 8: "entry 23" is shown nowhere)', () => {
  it('name the step and its operation, and leave unknown entries as text', () => {
    const flow = scenario('session-reused-double-submit-challenge').flows[0]!;
    const calls = flow.steps.map((s) => s.call);
    const second = calls[1]!;
    expect(stepLabel(calls, second.entry, true)).toBe(`step 2, ${second.operation}`);
    expect(stepLabel(calls, second.entry, false)).toBe(`${second.operation} call`);
    const parts = messageParts(`sent a Session that entry ${second.entry} had already used; entry 999 too.`, calls, true);
    expect(parts).toEqual(['sent a Session that ', { entry: second.entry, label: `step 2, ${second.operation}` }, ' had already used; entry 999 too.']);
    expect(messageParts('no reference here', calls, true)).toEqual(['no reference here']);
  });

  it('every "entry N" the analysis writes for a flow becomes a step link', () => {
    const analysis = scenario('session-reused-double-submit-challenge');
    const flow = analysis.flows[0]!;
    const calls = flow.steps.map((s) => s.call);
    const cited = analysis.diagnostics.filter((d) => d.flow === flow.id && /\bentry \d+/.test(d.message));
    expect(cited.length).toBeGreaterThan(0);
    for (const d of cited) expect(messageParts(d.message, calls, true).some((p) => typeof p !== 'string')).toBe(true);
  });
});

describe('a step card states each failure once', () => {
  it('the cause first and the server words beside it; the error diagnostic alone when it is the only finding', () => {
    const analysis = scenario('missing-secret-hash');
    const failing = analysis.calls.find((c) => c.error)!;
    const own = analysis.diagnostics.filter((d) => d.entry === failing.entry);
    expect(own.some((d) => d.code === 'cognito-error')).toBe(true);
    const card = cardFindings(failing, own);
    expect(card.diagnostics.some((d) => d.code === 'cognito-error')).toBe(false);
    expect(card.serverWords).toContain(failing.error!.type);
    const onlyError = own.filter((d) => d.code === 'cognito-error');
    expect(cardFindings(failing, onlyError)).toEqual({ diagnostics: onlyError, serverWords: null });
    expect(cardFindings(failing, [])).toEqual({ diagnostics: [], serverWords: expect.stringContaining(failing.error!.type) as string });
  });
});

describe('the initiator of a call (HAR _initiator, as Chrome writes it)', () => {
  const entry = (initiator: unknown) => ({ _initiator: initiator } as unknown as HarEntry);
  it('is the first script frame: file and 1-based line, the full place on hover, never the query', () => {
    const view = initiatorOf(entry({ type: 'script', stack: { callFrames: [{ functionName: 'signIn', url: 'https://app.example/static/app.js?token=SECRET', lineNumber: 41, columnNumber: 9 }] } }));
    expect(view).toEqual({ short: 'app.js:42', full: 'https://app.example/static/app.js:42' });
    expect(initiatorOf(entry({ type: 'script', stack: { callFrames: [], parent: { callFrames: [{ url: 'https://a/b.js', lineNumber: 0 }] } } }))?.short).toBe('b.js:1');
    expect(initiatorOf(entry({ type: 'parser', url: 'https://a/index.html', lineNumber: 9 }))?.short).toBe('index.html:10');
  });
  it('is absent when the HAR has none or an odd one', () => {
    expect(initiatorOf(entry(undefined))).toBeNull();
    expect(initiatorOf(entry({ type: 'other' }))).toBeNull();
    expect(initiatorOf(entry('script'))).toBeNull();
    let deep: Record<string, unknown> = { callFrames: [] };
    for (let i = 0; i < 1000; i++) deep = { callFrames: [], parent: deep };
    expect(initiatorOf(entry({ type: 'script', stack: deep }))).toBeNull();
  });
});

describe('flow rows tell flows apart (issue 8)', () => {
  it('carry the error type of a failed flow and what a pending one waits for', () => {
    const rows = flowRows(realCapture('mixed-interleaved.har'));
    const failed = rows.filter((r) => r.outcome === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const row of failed) expect(row.status).toMatch(/Exception$/);
    expect(rows.filter((r) => r.outcome === 'authenticated').every((r) => r.status === 'authenticated')).toBe(true);
  });
  it('pending and "other calls" have different signs; the count says how many are shown', () => {
    expect(OUTCOME_LABEL.pending.icon).not.toBe(OTHER_CALLS_ICON);
    expect(flowCountText(3, 60)).toBe('3 of 60 flows');
    expect(flowCountText(60, 60)).toBe('60 flows');
    expect(flowCountText(1, 1)).toBe('1 flow');
  });
});
