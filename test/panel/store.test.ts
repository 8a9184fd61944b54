/**
 * The panel's capture store, without a browser: which entries it keeps, how it batches
 * re-analysis, Pause and Clear. The scheduler is injected so a test decides when a frame ends.
 */
import { describe, expect, it } from 'vitest';
import { CaptureStore, MAX_ANALYSIS_WAIT_MS, UPDATE_INTERVAL_MS, type Schedule } from '../../src/panel/store';
import type { HarEntry } from '../../src/core/har';
import { scenarios } from '../fixtures/scenarios';
import { analyzeEntries } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';
import { mayBeManagedLogin } from '../../src/core/oauth/keep';
import { keptInCapture } from '../../src/panel/capture-filter';

function manualFrames() {
  const queue: { run: () => void; delayMs: number }[] = [];
  const schedule: Schedule = (run, delayMs = 0) => { queue.push({ run, delayMs }); };
  return {
    schedule,
    flush: () => queue.splice(0).forEach((frame) => frame.run()),
    pending: () => queue.length,
    /** The delays asked for by the frames now queued. */
    delays: () => queue.map((frame) => frame.delayMs),
  };
}

/** A clock the test moves by hand; `perReading` ms also pass at every reading, so an analysis "takes" that long. */
function manualClock(perReading = 0) {
  const clock = { t: 0, perReading, now: () => (clock.t += clock.perReading) };
  return clock;
}

const signIn = scenarios.find((s) => s.name === 'mixed-traffic')!.har.log.entries as HarEntry[];
const targeted = signIn.filter((e) => e.request.headers.some((h) => h.name.toLowerCase() === 'x-amz-target'));
const plain: HarEntry = { startedDateTime: '2026-11-23T10:00:00.000Z', time: 5, request: { method: 'GET', url: 'https://example.com/app.js', headers: [] }, response: { status: 200, headers: [], content: { text: 'x'.repeat(1000) } } };

describe('CaptureStore', () => {
  it('keeps only X-Amz-Target requests, counts the rest, and re-analyses once per frame', () => {
    const frames = manualFrames();
    const store = new CaptureStore(frames.schedule);
    const seen: number[] = [];
    store.subscribe((state) => seen.push(state.entries.length));
    for (const entry of signIn) store.add([entry]);
    store.add([plain, plain]);
    expect(frames.pending()).toBe(1);
    expect(seen).toEqual([]);
    frames.flush();
    const state = store.getState();
    expect(seen).toEqual([targeted.length]);
    expect(state.otherRequests).toBe(signIn.length - targeted.length + 2);
    expect(state.analysis.entries).toBe(targeted.length);
    expect(state.analysis.flows.length).toBeGreaterThan(0);
  });

  it('counts the requests a source already left out (the HAR viewer reader) with the others, the same as given them all', () => {
    const frames = manualFrames();
    const store = new CaptureStore(frames.schedule);
    const kept = signIn.filter(keptInCapture) as HarEntry[];
    store.add(kept, signIn.length - kept.length + 2);
    frames.flush();
    const whole = new CaptureStore(frames.schedule);
    whole.add([...signIn, plain, plain]);
    frames.flush();
    expect(store.getState().otherRequests).toBe(signIn.length - targeted.length + 2);
    expect(toReport(store.getState().analysis)).toEqual(toReport(whole.getState().analysis));
    expect(store.getState()).toMatchObject({ otherRequests: whole.getState().otherRequests, entries: whole.getState().entries });
  });

  it('drops what arrives while paused (counting Cognito calls only), keeps replays, and Clear resets everything', () => {
    const frames = manualFrames();
    const store = new CaptureStore(frames.schedule);
    store.setPaused(true);
    store.add(signIn);
    store.add([plain, plain]);
    frames.flush();
    // Page requests are never kept, paused or not: "dropped while paused" counts the Cognito calls lost.
    const userPoolCalls = signIn.filter((e) => e.request.headers.some((h) => h.name === 'X-Amz-Target' && h.value.startsWith('AWSCognitoIdentityProviderService.'))).length;
    expect(userPoolCalls).toBeGreaterThan(0);
    expect(store.getState()).toMatchObject({ paused: true, droppedWhilePaused: userPoolCalls, entries: [] });
    const replay = { ...signIn.find((e) => e.request.headers.some((h) => h.name === 'X-Amz-Target'))!, _replayOf: 0 } as HarEntry;
    store.addReplay(replay);
    frames.flush();
    expect(store.getState().entries).toEqual([replay]);
    store.setPaused(false);
    store.clear();
    frames.flush();
    expect(store.getState()).toMatchObject({ paused: false, droppedWhilePaused: 0, otherRequests: 0, entries: [] });
    expect(store.getState().analysis.calls).toEqual([]);
  });

  it('shows the first entry after a quiet moment on the next frame, and a growing capture at most every UPDATE_INTERVAL_MS, however quick the analysis', () => {
    const frames = manualFrames();
    const clock = manualClock(0);
    const store = new CaptureStore(frames.schedule, clock.now);
    const seen: number[] = [];
    store.subscribe((state) => seen.push(state.analysis.entries));
    // Entries a frame (16 ms) apart: the first shows at once, the next ones wait for their run,
    // due UPDATE_INTERVAL_MS after the last one, and then show together.
    for (const entry of targeted) {
      store.add([entry]);
      frames.flush();
      clock.t += 16;
    }
    expect(seen).toEqual([1]);
    expect(frames.delays()).toHaveLength(1);
    expect(frames.delays()[0]).toBeLessThanOrEqual(UPDATE_INTERVAL_MS);
    clock.t += UPDATE_INTERVAL_MS;
    frames.flush();
    expect(seen).toEqual([1, targeted.length]);
    // After a quiet moment, the next entry shows on the next frame again.
    clock.t += UPDATE_INTERVAL_MS;
    store.add([targeted[0]!]);
    expect(frames.delays()).toEqual([0]);
    frames.flush();
    expect(seen).toEqual([1, targeted.length, targeted.length + 1]);
  });

  it('paces re-analysis when it gets slow: the next waits three times as long as the last took, then shows everything', () => {
    const frames = manualFrames();
    const clock = manualClock(40);
    const store = new CaptureStore(frames.schedule, clock.now);
    const seen: number[] = [];
    store.subscribe((state) => seen.push(state.entries.length));
    const half = Math.ceil(targeted.length / 2);
    store.add(targeted.slice(0, half));
    frames.flush();
    expect(seen).toEqual([half]);

    store.add(targeted.slice(half));
    frames.flush();
    // The analysis read the clock twice, 40 ms apart: the next may start 120 ms after it ended.
    expect(frames.delays()).toHaveLength(1);
    expect(frames.delays()[0]).toBeGreaterThan(0);
    expect(frames.delays()[0]).toBeLessThanOrEqual(120);
    expect(seen).toEqual([half]);
    expect(store.getState().entries).toHaveLength(half);

    // More arrivals meanwhile join the paced run; they do not ask for frames of their own.
    store.add([plain]);
    expect(frames.pending()).toBe(1);
    clock.t += 200;
    frames.flush();
    expect(seen).toEqual([half, targeted.length]);
    expect(store.getState().analysis.entries).toBe(targeted.length);
    expect(store.getState().otherRequests).toBe(1);
  });

  it('never holds new entries back longer than the cap, however slow an analysis was', () => {
    const frames = manualFrames();
    const clock = manualClock(60_000);
    const store = new CaptureStore(frames.schedule, clock.now);
    store.add(targeted.slice(0, 1));
    frames.flush();
    clock.perReading = 0;
    store.add(targeted.slice(1));
    frames.flush();
    expect(frames.delays()).toEqual([expect.any(Number)]);
    expect(frames.delays()[0]).toBeLessThanOrEqual(MAX_ANALYSIS_WAIT_MS);
  });

  it('shows Pause, Clear and a replay on the next frame even while a slow re-analysis waits', () => {
    const frames = manualFrames();
    const clock = manualClock(40);
    const store = new CaptureStore(frames.schedule, clock.now);
    store.add(targeted.slice(0, 1));
    frames.flush();
    store.add(targeted.slice(1));
    frames.flush();
    expect(frames.delays()[0]).toBeGreaterThan(0);

    store.setPaused(true);
    expect(frames.delays()).toContain(0);
    frames.flush();
    // Paused is shown at once; the waiting entries still wait for their run.
    expect(store.getState()).toMatchObject({ paused: true, entries: targeted.slice(0, 1) });
    expect(frames.delays()).toEqual([expect.any(Number)]);
    expect(frames.delays()[0]).toBeGreaterThan(0);

    const replay = { ...targeted[0]!, _replayOf: 0 } as HarEntry;
    store.addReplay(replay);
    frames.flush();
    expect(store.getState().entries).toEqual([...targeted, replay]);

    store.add(targeted);
    store.setPaused(false);
    store.add(targeted);
    frames.flush();
    store.clear();
    frames.flush();
    expect(store.getState().entries).toEqual([]);
    expect(store.getState().analysis.calls).toEqual([]);
    // The paced run that was waiting finds nothing left to do and does not notify again.
    const notified: number[] = [];
    store.subscribe((state) => notified.push(state.entries.length));
    clock.t += 10_000;
    frames.flush();
    expect(notified).toEqual([]);
  });

  it('streams into the same analysis as one run over everything, and starts over after Clear', () => {
    const frames = manualFrames();
    const clock = manualClock(0);
    const store = new CaptureStore(frames.schedule, clock.now);
    const all = scenarios.flatMap((s) => s.har.log.entries as HarEntry[]);
    const kept: HarEntry[] = [];
    for (let i = 0; i < all.length; i += 7) {
      // A batch per update: the next is due UPDATE_INTERVAL_MS after the last.
      clock.t += UPDATE_INTERVAL_MS;
      store.add(all.slice(i, i + 7));
      // What the store keeps: X-Amz-Target calls and managed-login candidates (the catalogue has managed-login scenarios too).
      kept.push(...all.slice(i, i + 7).filter((e) => e.request.headers.some((h) => h.name.toLowerCase() === 'x-amz-target') || mayBeManagedLogin(e)));
      frames.flush();
      expect(toReport(store.getState().analysis)).toEqual(toReport(analyzeEntries(kept)));
    }
    // One analysis per flush that had new entries, each counted in what analysing cost.
    expect(store.analysisCost.runs).toBe(Math.ceil(all.length / 7));
    store.clear();
    store.add(targeted);
    frames.flush();
    expect(toReport(store.getState().analysis)).toEqual(toReport(analyzeEntries(targeted)));
  });
});
