/**
 * The streaming half of the panel bench, bundled for the browser by bench-stream-build.ts (never
 * shipped). It mounts the real App over the real CaptureStore, with the store's own frame
 * schedule, and feeds it through a PanelHost the way the live DevTools capture does — from the
 * synthetic HAR, in small batches at a fixed rate — to see what re-analysing on every frame costs
 * while a capture grows. Results land in `window.__streamResult` for scripts/bench-panel.ts.
 */
import { render } from 'preact';
import { App } from '../../src/panel/components/App';
import { CaptureStore, nextFrame, type Schedule } from '../../src/panel/store';
import type { CaptureSink, PanelHost } from '../../src/panel/host';
import { MemorySettings } from '../../src/panel/viewer-host';
import type { HarEntry } from '../../src/core/har';
import '../../src/panel/panel.css';

export interface StreamRun {
  batches: number;
  /** First batch delivered → the last batch's analysis on screen. */
  wallMs: number;
  /** What wallMs would be if delivery were never held up (batches × interval). */
  idealMs: number;
  /** The store's analysis alone: runs, total and longest (CaptureStore.analysisCost). */
  storeAnalyses: number;
  storeAnalysisMs: number;
  storeMaxAnalysisMs: number;
  /** Store flushes that re-analysed, and their cost (analysis + the render it triggers). */
  analyses: number;
  analysisMs: number;
  maxFlushMs: number;
  /** How late the most delayed batch timer fired: how long the page could not react to anything. */
  maxStallMs: number;
  /** Main-thread tasks over 50 ms while streaming (the Long Tasks API): how many, and the longest. */
  longTasks: number;
  maxTaskMs: number;
  calls: number;
}

export interface StreamResult {
  entries: number;
  /** The one-shot run whose analysis took the median time of ONE_SHOT_RUNS. */
  oneShot: StreamRun;
  oneShotRuns: number;
  /**
   * The streamed run whose analysis took the median time of STREAM_RUNS, with the worst of every
   * streamed run where a run is judged by its worst moment (longest flush, task and stall).
   */
  stream: StreamRun;
  streamRuns: number;
  batchSize: number;
  everyMs: number;
}

/** One-shot and streamed runs timed (odd: the median is one of them). */
const ONE_SHOT_RUNS = 5;
const STREAM_RUNS = 3;

const paint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The store's real schedule, timed: a flush runs analysis and notifies the App, which renders in
 * the microtask Preact queued meanwhile; a microtask queued after the flush runs after that render.
 */
function timedSchedule(getStore: () => CaptureStore, record: (ms: number) => void): Schedule {
  return (run, ...rest) => nextFrame(() => {
    const before = getStore().getState().analysis;
    const start = performance.now();
    run();
    queueMicrotask(() => {
      if (getStore().getState().analysis !== before) record(performance.now() - start);
    });
  }, ...rest);
}

function benchHost(connected: (sink: CaptureSink) => void): PanelHost {
  return {
    kind: 'devtools',
    source: { connect: (sink) => { connected(sink); return () => undefined; } },
    settings: new MemorySettings(),
    theme: () => 'light',
    onThemeChange: () => () => undefined,
    replay: () => Promise.reject(new Error('the bench sends no replays')),
  };
}

/**
 * Stops until scripts/bench-panel.ts, which watches `window.__streamPause`, has done what it does
 * at `name` (read the heap after a garbage collection) and clears it.
 */
async function pauseFor(name: string): Promise<void> {
  const page = window as unknown as { __streamPause: string | null };
  page.__streamPause = name;
  while (page.__streamPause === name) await sleep(20);
}

/** The capture being fed; let go of before the panel's heap is read, so only what the panel keeps counts. */
interface Feed {
  entries: readonly HarEntry[] | null;
}

async function runOnce(root: HTMLElement, feed: Feed, batchSize: number, everyMs: number, calls: number, beforeUnmount?: () => Promise<void>): Promise<StreamRun> {
  const flushes: number[] = [];
  const store: CaptureStore = new CaptureStore(timedSchedule(() => store, (ms) => flushes.push(ms)));
  let sink: CaptureSink | null = null;
  render(<App host={benchHost((s) => { sink = s; })} store={store} />, root);
  await paint();
  if (!sink) throw new Error('the App did not connect to its source');
  const target: CaptureSink = sink;

  const longTasks: number[] = [];
  const observer = typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('longtask')
    ? new PerformanceObserver((list) => { for (const task of list.getEntries()) longTasks.push(task.duration); })
    : null;
  observer?.observe({ type: 'longtask' });
  // Marks for a trace of the page (what a long task was): where each run starts and ends.
  performance.mark(`run-start-${batchSize}`);
  const start = performance.now();
  let maxStallMs = 0;
  let batches = 0;
  const count = feed.entries?.length ?? 0;
  for (let i = 0; i < count; i += batchSize, batches++) {
    // A fixed arrival rate; when the page was too busy to take a batch on time, it takes it late.
    const due = start + batches * everyMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    maxStallMs = Math.max(maxStallMs, performance.now() - due);
    target.add(feed.entries!.slice(i, i + batchSize));
  }
  const shown = () => store.getState().analysis.calls.length === calls && document.querySelector('[data-count="calls"]')?.textContent === `${calls} Cognito calls`;
  while (!shown()) await paint();
  const wallMs = performance.now() - start;
  performance.mark(`run-end-${batchSize}`);
  for (const task of observer?.takeRecords() ?? []) longTasks.push(task.duration);
  observer?.disconnect();
  if (beforeUnmount) await beforeUnmount();
  render(null, root);
  return {
    batches,
    wallMs,
    idealMs: (batches - 1) * everyMs,
    storeAnalyses: store.analysisCost.runs,
    storeAnalysisMs: store.analysisCost.totalMs,
    storeMaxAnalysisMs: store.analysisCost.maxMs,
    analyses: flushes.length,
    analysisMs: flushes.reduce((a, b) => a + b, 0),
    maxFlushMs: Math.max(0, ...flushes),
    maxStallMs,
    longTasks: observer ? longTasks.length : Number.NaN,
    maxTaskMs: observer ? Math.max(0, ...longTasks) : Number.NaN,
    calls,
  };
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const batchSize = Number(params.get('batch') ?? '50');
  const everyMs = Number(params.get('every') ?? '16');
  const calls = Number(params.get('calls') ?? '2000');
  const response = await fetch(params.get('har') ?? '/bench.har');
  const feed: Feed = { entries: ((await response.json()) as { log: { entries: HarEntry[] } }).log.entries };
  const total = feed.entries!.length;
  const root = document.getElementById('app');
  if (!root) throw new Error('no #app');
  // One-shot (as when a HAR is opened, or getHAR() returns a long capture at once) and streamed
  // runs, after one one-shot run to warm the JIT up, so neither side pays for compiling. Medians of
  // several of each, interleaved (two one-shots, a stream, …) so that the machine's load, which
  // moves over seconds on a shared machine, weighs on both sides alike: a single one-shot right
  // after the warm-up, as measured first, was colder than the streamed run after it (58–99 ms where
  // the median of five measures 41–59 ms), and a single streamed run against a median of one-shots
  // took the one-shots' median but the stream's every outlier (35–78 ms one-shots beside 65–93 ms
  // streams in one session's runs).
  await runOnce(root, feed, total, everyMs, calls);
  const oneShots: StreamRun[] = [];
  const streams: StreamRun[] = [];
  for (let i = 0; i < STREAM_RUNS; i++) {
    while (oneShots.length < Math.ceil((ONE_SHOT_RUNS * (i + 1)) / STREAM_RUNS)) oneShots.push(await runOnce(root, feed, total, everyMs, calls));
    // After the last stream, the page lets go of the capture: the heap then holds what the panel keeps.
    const last = i === STREAM_RUNS - 1;
    streams.push(await runOnce(root, feed, batchSize, everyMs, calls, last ? async () => {
      feed.entries = null;
      await pauseFor('streamed');
    } : undefined));
  }
  const oneShot = oneShots.sort((a, b) => a.storeAnalysisMs - b.storeAnalysisMs)[ONE_SHOT_RUNS >> 1]!;
  const median = streams.slice().sort((a, b) => a.storeAnalysisMs - b.storeAnalysisMs)[STREAM_RUNS >> 1]!;
  const worst = (pick: (run: StreamRun) => number) => Math.max(...streams.map(pick));
  const stream: StreamRun = {
    ...median,
    storeMaxAnalysisMs: worst((run) => run.storeMaxAnalysisMs),
    maxFlushMs: worst((run) => run.maxFlushMs),
    maxStallMs: worst((run) => run.maxStallMs),
    longTasks: worst((run) => run.longTasks),
    maxTaskMs: worst((run) => run.maxTaskMs),
  };
  const result: StreamResult = { entries: total, oneShot, oneShotRuns: ONE_SHOT_RUNS, stream, streamRuns: STREAM_RUNS, batchSize, everyMs };
  (window as unknown as { __streamResult: StreamResult }).__streamResult = result;
}

main().catch((error: unknown) => {
  (window as unknown as { __streamError: string }).__streamError = String(error);
});
