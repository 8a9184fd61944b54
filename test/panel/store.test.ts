/**
 * The panel's capture store, without a browser: which entries it keeps, how it batches
 * re-analysis, Pause and Clear. The scheduler is injected so a test decides when a frame ends.
 */
import { describe, expect, it } from 'vitest';
import { CaptureStore } from '../../src/panel/store';
import type { HarEntry } from '../../src/core/har';
import { scenarios } from '../fixtures/scenarios';

function manualFrames() {
  const queue: (() => void)[] = [];
  return { schedule: (run: () => void) => queue.push(run), flush: () => queue.splice(0).forEach((run) => run()), pending: () => queue.length };
}

const signIn = scenarios.find((s) => s.name === 'mixed-traffic')!.har.log.entries as HarEntry[];
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
    const targeted = signIn.filter((e) => e.request.headers.some((h) => h.name.toLowerCase() === 'x-amz-target'));
    expect(seen).toEqual([targeted.length]);
    expect(state.otherRequests).toBe(signIn.length - targeted.length + 2);
    expect(state.analysis.entries).toBe(targeted.length);
    expect(state.analysis.flows.length).toBeGreaterThan(0);
  });

  it('drops what arrives while paused (counted), keeps replays, and Clear resets everything', () => {
    const frames = manualFrames();
    const store = new CaptureStore(frames.schedule);
    store.setPaused(true);
    store.add(signIn);
    frames.flush();
    expect(store.getState()).toMatchObject({ paused: true, droppedWhilePaused: signIn.length, entries: [] });
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
});
