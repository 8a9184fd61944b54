/**
 * Fuzzing the panel's capture store and the HAR viewer's path into it (issue 7, "How to show
 * it"): mutated real captures, cut up into random bursts, interleaved with frames, Pause, Clear,
 * navigations and replays, then the list-level views the App computes from every analysis
 * (flow rows, search texts). Nothing may throw, every kept entry is analysed, and 100,000 levels
 * of nesting anywhere in an entry do not overflow the stack. Frames are run by hand (no timers).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CaptureStore, type Schedule } from '../../src/panel/store';
import { HarFileSource } from '../../src/panel/viewer-host';
import { HarFormatError } from '../../src/core/analyze';
import { parseHarText } from '../../src/core/salvage';
import { hasAmzTarget } from '../../src/core/calls';
import type { HarEntry } from '../../src/core/har';
import type { Analysis } from '../../src/core/model';
import { diagnosticsByEntry, diagnosticsByFlow, flowRows } from '../../src/core/view/flow-row';
import { flowSearchText, matchesFilter } from '../../src/core/view/filter';
import { deepText, mutatedEntries, mutatedText, plan, realText } from './mutate-har';

function manualFrames() {
  const queue: (() => void)[] = [];
  const schedule: Schedule = (run) => {
    queue.push(run);
  };
  // A frame may schedule the next: run until nothing is queued (paced runs queue at most one more).
  const flush = () => {
    for (let guard = 0; queue.length > 0 && guard < 100; guard++) queue.splice(0).forEach((run) => run());
  };
  return { schedule, flush };
}

/** What the App computes from each analysis before rendering the list. */
function listViews(analysis: Analysis): void {
  diagnosticsByEntry(analysis.diagnostics);
  const byFlow = diagnosticsByFlow(analysis.diagnostics);
  const rows = flowRows(analysis);
  expect(rows).toHaveLength(analysis.flows.length);
  for (const flow of analysis.flows) matchesFilter(flowSearchText(flow, byFlow.get(flow.id) ?? []), 'x\u202e');
}

/** The store's promises after its frames ran: every kept entry has X-Amz-Target and is analysed. */
function checkSettled(store: CaptureStore): void {
  const state = store.getState();
  expect(state.analysis.entries).toBe(state.entries.length);
  for (const entry of state.entries) expect(hasAmzTarget(entry)).toBe(true);
  expect(state.analysis.calls.length + state.analysis.ignored.length).toBe(state.entries.length);
  listViews(state.analysis);
}

const action = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('add' as const), size: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'frame' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'replay' as const }) },
);

describe('the capture store over mutated real captures', () => {
  it('takes any bursts, pauses, clears and replays without throwing, and analyses what it keeps', () => {
    fc.assert(
      fc.property(plan, fc.array(action, { minLength: 1, maxLength: 12 }), (p, actions) => {
        const entries = mutatedEntries(p) as HarEntry[];
        const frames = manualFrames();
        const store = new CaptureStore(frames.schedule, () => 0);
        store.subscribe(() => undefined);
        let next = 0;
        for (const a of actions) {
          if (a.kind === 'add') {
            store.add(entries.slice(next, next + a.size));
            next += a.size;
          } else if (a.kind === 'frame') frames.flush();
          else if (a.kind === 'pause') store.setPaused(a.on);
          else if (a.kind === 'clear') store.clear();
          else {
            // A replay is built by core/replay.ts and always names its operation in X-Amz-Target.
            const replay = entries[next % Math.max(1, entries.length)];
            if (replay && hasAmzTarget(replay)) store.addReplay(replay);
          }
        }
        store.setPaused(false);
        store.add(entries.slice(next));
        frames.flush();
        checkSettled(store);
      }),
      { numRuns: 40 },
    );
  });

  it('the HAR viewer path: text → parseHarText → HarFileSource → store, for mutated and cut-off files', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const text = mutatedText(p);
        let entries: readonly HarEntry[];
        try {
          entries = parseHarText(text).har.log.entries;
        } catch (error) {
          // The one documented refusal, with a one-line reason.
          expect(error).toBeInstanceOf(HarFormatError);
          expect((error as Error).message).not.toContain('\n');
          return;
        }
        const frames = manualFrames();
        const store = new CaptureStore(frames.schedule, () => 0);
        const source = new HarFileSource();
        source.connect({ add: (added) => store.add(added), navigated: () => store.clear() });
        source.load('fuzz.har', entries);
        frames.flush();
        checkSettled(store);
      }),
      { numRuns: 30 },
    );
  });
});

describe('the capture store over 100,000 levels of nesting', () => {
  const base = JSON.parse(realText('software-token-mfa.har')) as { log: { entries: HarEntry[] } };
  const targeted = base.log.entries.filter((entry) => hasAmzTarget(entry));
  const authResult = targeted.findIndex((e) => e.response.content.text?.includes('AuthenticationResult'));

  const cases: [string, () => HarEntry[]][] = [
    ['in an entry field', () => {
      const entries = structuredClone(targeted);
      (entries[0] as unknown as Record<string, unknown>)._deep = JSON.parse(deepText(100_000, false));
      return entries;
    }],
    ['in a request body', () => {
      const entries = structuredClone(targeted);
      entries[0]!.request.postData!.text = `{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"c","AuthParameters":${deepText(100_000, false)}}`;
      return entries;
    }],
    ['in a response body', () => {
      const entries = structuredClone(targeted);
      entries[0]!.response.content.text = `{"ChallengeName":"SMS_MFA","Session":"s","ChallengeParameters":${deepText(100_000, true)}}`;
      return entries;
    }],
    ['in a token claim', () => {
      const entries = structuredClone(targeted);
      const claims = `{"token_use":"id","cognito:username":${deepText(100_000, true)},"exp":1e13}`;
      const token = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(claims).toString('base64url')}.c2ln`;
      const entry = entries[authResult]!;
      const body = JSON.parse(entry.response.content.text!) as { AuthenticationResult: Record<string, unknown> };
      body.AuthenticationResult.IdToken = token;
      entry.response.content.text = JSON.stringify(body);
      return entries;
    }],
    ['as a header value', () => {
      const entries = structuredClone(targeted);
      (entries[0]!.request.headers as unknown[]).push({ name: 'X-Deep', value: JSON.parse(deepText(100_000, true)) });
      return entries;
    }],
  ];

  for (const [where, make] of cases) {
    it(`${where}: no RangeError`, () => {
      const entries = make();
      const frames = manualFrames();
      const store = new CaptureStore(frames.schedule, () => 0);
      store.add(entries);
      frames.flush();
      checkSettled(store);
      expect(store.getState().entries).toHaveLength(entries.length);
    });
  }
});
