/**
 * LiveAnalysis (src/core/live-analysis.ts), what the live panel runs as a capture grows, must give
 * after every batch exactly what one analyzeEntries over the same entries gives: the report, the
 * flows step by step, the diagnostics in their order. Checked on every scenario of the catalogue
 * and on synthetic traffic, entries fed in random batches, in capture order and out of time order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeEntries } from '../../src/core/analyze';
import { LiveAnalysis } from '../../src/core/live-analysis';
import type { Analysis } from '../../src/core/model';
import { toReport } from '../../src/core/report';
import { sessionReturned, sessionSent } from '../../src/core/step-sessions';
import { generateSyntheticHar } from '../../scripts/lib/synthetic-har';
import { scenarios } from '../fixtures/scenarios';
import { ALICE, authenticates, Capture, fails, issues, signIn, WEB_CLIENT } from '../fixtures/builders';

/** Everything the views read: the report, plus what it leaves out (fingerprints, expected keys). */
function seen(analysis: Analysis): unknown {
  return {
    report: toReport(analysis),
    steps: analysis.flows.map((flow) => flow.steps.map((step) => [step.call.entry, step.handoff, sessionSent(step), sessionReturned(step), step.expected])),
    diagnostics: analysis.diagnostics,
    calls: analysis.calls.map((call) => call.entry),
    standalone: analysis.standalone.map((call) => call.entry),
  };
}

/** Feeds `entries` to a LiveAnalysis in batches cut at `cuts`, comparing after each. */
function feedAndCompare(entries: readonly unknown[], cuts: readonly number[]): void {
  const live = new LiveAnalysis();
  const growing: unknown[] = [];
  const ends = [...new Set(cuts.map((cut) => cut % (entries.length + 1)))].sort((a, b) => a - b);
  for (const end of [...ends, entries.length]) {
    growing.push(...entries.slice(growing.length, end));
    expect(seen(live.update(growing))).toEqual(seen(analyzeEntries(growing)));
  }
}

const synthetic = generateSyntheticHar({ seed: 11, flows: 60, ordinary: 120, bodies: 'small' }).har.log.entries;

describe('LiveAnalysis', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('matches one analysis after every entry: %s', (_name, scenario) => {
    const entries = scenario.har.log.entries;
    feedAndCompare(entries, entries.map((_entry, index) => index));
  });

  it('matches one analysis on synthetic traffic fed in random batches', () => {
    fc.assert(fc.property(fc.array(fc.nat(synthetic.length), { maxLength: 12 }), (cuts) => feedAndCompare(synthetic, cuts)), { numRuns: 15 });
  });

  it('matches one analysis when entries arrive out of time order (finishing order)', () => {
    // Later calls first, then earlier ones: a batch starts before calls already linked, so the
    // linker has to start over; and neighbours swapped across batch cuts, the same in small.
    const half = synthetic.length >> 1;
    feedAndCompare([...synthetic.slice(half), ...synthetic.slice(0, half)], [half - 10, half, half + 10]);
    const swapped = [...synthetic];
    const cuts: number[] = [];
    for (let i = 5; i + 1 < swapped.length; i += 9) {
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      cuts.push(i + 1);
    }
    feedAndCompare(swapped, cuts);
  });

  // A sign-in flow's diagnostics stay filed by entry between updates; these re-judge steps that
  // already had some, so what was filed for them must go (and only theirs).
  it('matches one analysis when a later answer re-judges a step that already had diagnostics', () => {
    // Three clicks on one SMS_MFA answer: the third sends the Session the second had already
    // reused, which judges the second again (diagnostics/evidence.ts: retriedAfterRejection).
    const capture = new Capture({ seed: 'live-triple-submit' });
    const alice = signIn(capture, { client: WEB_CLIENT, user: ALICE });
    alice.initiateAuth('USER_PASSWORD_AUTH', { result: issues('SMS_MFA') });
    const first = alice.respond('SMS_MFA', { timing: { after: 6800, duration: 640 }, result: authenticates() });
    const used = fails('NotAuthorizedException', 'Invalid session for the user, session can only be used once.');
    alice.respond('SMS_MFA', { session: 'reuse', timing: { at: capture.offsetOf(first) + 120, duration: 150 }, result: used });
    alice.respond('SMS_MFA', { session: 'reuse', timing: { at: capture.offsetOf(first) + 240, duration: 150 }, result: used });
    const entries = capture.har().log.entries;
    const oneShot = analyzeEntries(entries);
    expect(oneShot.diagnostics.filter((d) => d.code === 'session-reused').map((d) => d.entry)).toEqual([2, 3]);
    feedAndCompare(entries, entries.map((_entry, index) => index));
  });

  it('keeps every flow id on the same flow while a capture grows in time order (the panel selects a flow by its id)', () => {
    // Identity-pool flows were numbered after the sign-in flows: each new sign-in renamed every
    // one of them, and a selected identity-pool flow became another one under the user's eyes.
    const entries = generateSyntheticHar({ seed: 12, flows: 40, ordinary: 1200, bodies: 'small' }).har.log.entries;
    const live = new LiveAnalysis();
    const growing: unknown[] = [];
    const firstEntryOf = new Map<string, number>();
    const identityIds = new Set<string>();
    for (let end = 9; growing.length < entries.length; end += 9) {
      growing.push(...entries.slice(growing.length, end));
      for (const flow of live.update(growing).flows) {
        const first = flow.steps[0]!.call.entry;
        expect({ id: flow.id, first: firstEntryOf.get(flow.id) ?? first }).toEqual({ id: flow.id, first });
        firstEntryOf.set(flow.id, first);
        if (flow.kind === 'identity') identityIds.add(flow.id);
      }
    }
    expect(identityIds.size).toBeGreaterThan(5);
  });

  it('starts over on another list, and answers the same object while nothing was added', () => {
    const live = new LiveAnalysis();
    const growing = synthetic.slice(0, 150);
    const first = live.update(growing);
    expect(live.update(growing)).toBe(first);
    growing.push(...synthetic.slice(150, 160));
    expect(seen(live.update(growing))).toEqual(seen(analyzeEntries(growing)));
    expect(seen(live.update(synthetic.slice(0, 20)))).toEqual(seen(analyzeEntries(synthetic.slice(0, 20))));
  });
});
