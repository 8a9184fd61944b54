/**
 * `npm run bench:panel` (also the second half of `npm run bench`): the panel under load, in
 * headless Debian Chromium.
 *
 * 1. The HAR viewer (dist/viewer, built first if missing) opens the synthetic 10,000-entry capture
 *    (2,000 Cognito calls in 500 flows) from 127.0.0.1 with `?har=`: time to the flows list,
 *    opening flows and steps, moving with ↓, typing into the filter, JS heap after a full GC.
 *    "HAR received" is the `responseEnd` of the page's fetch of the HAR (Resource Timing: the
 *    network has the last byte), whatever the page did with the bytes meanwhile; the viewer reads
 *    the file as it downloads, so the time from sending the request to the list is printed too
 *    (a reader that slowed the download would move "received" later and show there).
 * 2. Live streaming: the real App and CaptureStore (bench-stream-page.tsx) fed the same entries in
 *    batches at a fixed rate, against the same entries delivered at once: the median of three
 *    streams against the median of five one-shots, interleaved; a stream's worst moments (longest
 *    flush, task, stall) are the worst of the three.
 *
 * `--viewer-only` runs part 1 alone.
 *
 * Goals are budgets and ratios, reported, never asserted (shared machines are noisy); the exit
 * code is 1 only when the panel shows the wrong thing or never shows it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_VIEWER } from './build/paths';
import { heapUsedAfterGc, launchBenchBrowser, type BenchBrowser, type BenchWindow } from './lib/bench-browser';
import { buildStreamPage, STREAM_PAGE_DIR } from './lib/bench-stream-build';
import type { StreamResult } from './lib/bench-stream-page';
import { BENCH_EXPECTED, BENCH_ROOT, readOrWriteBenchHar } from './lib/bench-synthetic';
import { VIEWER_ACTIONS, viewerReady, type ViewerTimings } from './lib/bench-viewer-actions';
import { JSON_TYPE, startStaticServer } from './lib/static-server';
import { analyzeHar } from '../src/core/analyze';

/** `--viewer-only`: the HAR viewer part alone (the streaming part takes minutes). */
const VIEWER_ONLY = process.argv.includes('--viewer-only');
/** Page loads of the viewer; first-render numbers are their median, interactions are pooled. */
const LOADS = 3;
const FLOWS_OPENED = 4;
const CURSOR_MOVES = 10;
const STREAM = { batch: 50, everyMs: 16 };

const BUDGET = {
  firstRenderMs: 300, // HAR received → 500-flow list on screen
  interactionMs: 100, // the slowest click, ↓ or keystroke → its result rendered and laid out
  heapPerBodyByte: 1, // JS heap after load, per byte of the entries' bodies (request + response text)
  // While streaming, analysis + render may take this share of the main thread.
  streamBusyShare: 1 / 3,
  // Streaming the capture costs at most this much more than analysing it at once (incremental core).
  streamPerOneShot: 1.5,
  // No main-thread task longer than this while streaming: neither a flush (analysis + render) nor
  // a batch timer held up by one.
  taskMs: 50,
};

/** Bytes of the entries' bodies, request and response text: what a capture has to hold at least. */
function bodyBytes(harText: string): number {
  const entries = (JSON.parse(harText) as { log: { entries: { request?: { postData?: { text?: unknown } }; response?: { content?: { text?: unknown } } }[] } }).log.entries;
  let bytes = 0;
  for (const entry of entries) {
    const request = entry.request?.postData?.text;
    const response = entry.response?.content?.text;
    if (typeof request === 'string') bytes += request.length;
    if (typeof response === 'string') bytes += response.length;
  }
  return bytes;
}

interface ViewerLoad {
  harRequestedMs: number;
  harReceivedMs: number;
  /** When the viewer had the file's entries on the page (its `viewer:har-read` mark), if it marks it. */
  harReadMs: number | null;
  firstRenderMs: number;
  rowsInDom: number;
  heapBytes: number;
  timings: ViewerTimings;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const max = (values: readonly number[]): number => Math.max(0, ...values);
const ms = (value: number): string => `${Math.round(value)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function fail(message: string): never {
  console.error(`\nBENCH CORRECTNESS FAILURE: ${message}`);
  process.exit(1);
}

function ensureViewerBuild(): void {
  if (existsSync(join(DIST_VIEWER, 'viewer.html'))) return;
  console.log('dist/viewer is missing: npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: BENCH_ROOT, stdio: 'inherit' });
}

async function loadViewer(chromium: BenchBrowser, origin: string, expectedCalls: number): Promise<ViewerLoad> {
  const page = await chromium.newPage(viewerReady(expectedCalls), VIEWER_ACTIONS);
  try {
    await page.goto(`${origin}viewer.html?har=/bench.har`, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.firstRender !== null, { timeout: 120_000 });
    const firstRenderMs = await page.evaluate(() => (window as unknown as BenchWindow).__bench.firstRender ?? 0);
    const har = await page.evaluate(() => {
      const fetched = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/bench.har')) as PerformanceResourceTiming | undefined;
      const read = performance.getEntriesByName('viewer:har-read', 'mark')[0];
      return { requested: fetched?.requestStart ?? 0, received: fetched?.responseEnd ?? 0, read: read ? read.startTime : null };
    });
    const rowsInDom = (await page.evaluate('window.__viewerBench.rowsInDom()')) as number;
    const heapBytes = await heapUsedAfterGc(page);
    const timings = (await page.evaluate(`window.__viewerBench.run(${FLOWS_OPENED}, ${CURSOR_MOVES})`)) as ViewerTimings;
    return { harRequestedMs: har.requested, harReceivedMs: har.received, harReadMs: har.read, firstRenderMs, rowsInDom, heapBytes, timings };
  } finally {
    await page.close();
  }
}

async function runStream(chromium: BenchBrowser, origin: string, expectedCalls: number): Promise<StreamResult & { heapBytes: number }> {
  const page = await chromium.newPage('() => true');
  try {
    await page.goto(`${origin}stream.html?batch=${STREAM.batch}&every=${STREAM.everyMs}&calls=${expectedCalls}`, { waitUntil: 'load' });
    // The live panel's heap: every entry streamed, the page's own copy of the capture let go.
    await page.waitForFunction('window.__streamPause === "streamed" || window.__streamError !== undefined', { timeout: 300_000 });
    const heapBytes = await heapUsedAfterGc(page);
    await page.evaluate('window.__streamPause = null');
    await page.waitForFunction('window.__streamResult !== undefined || window.__streamError !== undefined', { timeout: 300_000 });
    const error = (await page.evaluate('window.__streamError')) as string | undefined;
    if (error) fail(`the streaming page failed: ${error}`);
    return { ...((await page.evaluate('window.__streamResult')) as StreamResult), heapBytes };
  } finally {
    await page.close();
  }
}

type Row = [what: string, result: string, goal: string, pass: boolean | null];

function printTable(rows: readonly Row[]): void {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const [what, result, goal, pass] of rows) {
    const status = pass === null ? '' : pass ? 'PASS' : 'FAIL';
    console.log(`  ${what.padEnd(widths[0]!)}  ${result.padStart(widths[1]!)}  ${goal.padEnd(widths[2]!)}  ${status}`);
  }
}

function stat(values: readonly number[]): string {
  return `${ms(median(values))} / ${ms(max(values))}`;
}

async function main(): Promise<void> {
  ensureViewerBuild();
  const harText = readOrWriteBenchHar();
  // What the panel must show in the end: the core's count for the same file (the background
  // traffic holds identity-pool calls too, which are Cognito calls since issue 11).
  const expectedCalls = analyzeHar(JSON.parse(harText)).calls.length;
  const har = Buffer.from(harText);
  const bodies = bodyBytes(harText);
  const streamHtml = await buildStreamPage();
  const harDocument = { '/bench.har': { type: JSON_TYPE, body: har } };
  const viewerServer = await startStaticServer(DIST_VIEWER, { index: 'viewer.html', documents: harDocument });
  const streamServer = await startStaticServer(STREAM_PAGE_DIR, {
    index: 'stream.html',
    documents: { ...harDocument, '/stream.html': { type: 'text/html; charset=utf-8', body: streamHtml } },
  });
  const chromium = await launchBenchBrowser();
  try {
    const version = await chromium.browser.version();
    console.log(`Panel bench: ${BENCH_EXPECTED.entries} entries (${BENCH_EXPECTED.calls} Cognito calls in ${BENCH_EXPECTED.flows} flows), HAR ${mb(har.length)}, ${version} headless`);

    const loads: ViewerLoad[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadViewer(chromium, viewerServer.url, expectedCalls));

    const pooled = (pick: (t: ViewerTimings) => number[]) => loads.flatMap((load) => pick(load.timings));
    const flows = pooled((t) => t.flows);
    const steps = pooled((t) => t.steps);
    const cursor = pooled((t) => t.cursor);
    const filter = pooled((t) => t.filter);
    const afterHar = loads.map((load) => load.firstRenderMs - load.harReceivedMs);
    const reads = loads.flatMap((load) => (load.harReadMs === null ? [] : [load.harReadMs - load.harReceivedMs]));
    const downloads = loads.map((load) => load.harReceivedMs - load.harRequestedMs);
    const wholeLoads = loads.map((load) => load.firstRenderMs - load.harRequestedMs);
    const heap = median(loads.map((load) => load.heapBytes));
    const first = loads[0]!;

    console.log(`\nHAR viewer (${LOADS} loads; interactions: median / max over all loads; "${first.timings.query}" typed then erased):`);
    printTable([
      ['navigation → flows list shown', ms(median(loads.map((l) => l.firstRenderMs))), `(HAR received at ${ms(median(loads.map((l) => l.harReceivedMs)))})`, null],
      ['HAR received → flows list shown', ms(median(afterHar)), `≤ ${BUDGET.firstRenderMs} ms`, median(afterHar) <= BUDGET.firstRenderMs],
      ['  each load', afterHar.map(ms).join(', '), '', null],
      ...(reads.length > 0 ? [['  received → entries on the page (parsed, kept ones)', ms(median(reads)), '', null] as Row] : []),
      ['  HAR requested → received', ms(median(downloads)), '', null],
      ['  HAR requested → flows list shown', ms(median(wholeLoads)), '', null],
      ['  rows in the DOM', String(first.rowsInDom), `of ${BENCH_EXPECTED.flows} flows`, null],
      [`open a flow (${flows.length})`, stat(flows), `max ≤ ${BUDGET.interactionMs} ms`, max(flows) <= BUDGET.interactionMs],
      [`open a step (${steps.length})`, stat(steps), `max ≤ ${BUDGET.interactionMs} ms`, max(steps) <= BUDGET.interactionMs],
      [`↓ moves the cursor (${cursor.length})`, stat(cursor), `max ≤ ${BUDGET.interactionMs} ms`, max(cursor) <= BUDGET.interactionMs],
      [`filter keystroke (${filter.length})`, stat(filter), `max ≤ ${BUDGET.interactionMs} ms`, max(filter) <= BUDGET.interactionMs],
      ['JS heap after load (after GC)', mb(heap), `≤ the bodies (${mb(bodies * BUDGET.heapPerBodyByte)}; HAR ${mb(har.length)})`, heap <= bodies * BUDGET.heapPerBodyByte],
    ]);

    if (VIEWER_ONLY) return;
    const stream = await runStream(chromium, streamServer.url, expectedCalls);
    if (stream.oneShot.calls !== expectedCalls || stream.stream.calls !== expectedCalls) fail('the streamed panel did not show every call');
    const { oneShot, stream: streamed } = stream;
    const analysisRatio = streamed.storeAnalysisMs / oneShot.storeAnalysisMs;
    const flushRatio = streamed.analysisMs / oneShot.analysisMs;
    const busyShare = streamed.analysisMs / streamed.wallMs;
    console.log(`\nStreaming into the store (${streamed.batches} batches of ${stream.batchSize} entries every ${stream.everyMs} ms, vs all ${stream.entries} at once):`);
    printTable([
      ['one-shot: analysis', ms(oneShot.storeAnalysisMs), `${oneShot.storeAnalyses} run (the median of ${stream.oneShotRuns} one-shots)`, null],
      ['streamed: analysis, total', ms(streamed.storeAnalysisMs), `${streamed.storeAnalyses} runs (the median of ${stream.streamRuns} streams), longest ${ms(streamed.storeMaxAnalysisMs)}`, null],
      ['  ratio streamed / one-shot', `${analysisRatio.toFixed(2)}×`, `≤ ${BUDGET.streamPerOneShot}×`, analysisRatio <= BUDGET.streamPerOneShot],
      ['one-shot: analysis + render', ms(oneShot.analysisMs), `${oneShot.analyses} run (the same one-shot)`, null],
      ['streamed: analysis + render, total', ms(streamed.analysisMs), `${streamed.analyses} runs (the same stream), longest ${ms(streamed.maxFlushMs)}`, null],
      ['  ratio streamed / one-shot', `${flushRatio.toFixed(2)}×`, '(each update re-renders the flow list)', null],
      ['  share of the main thread', `${Math.round(busyShare * 100)} %`, `≤ ${Math.round(BUDGET.streamBusyShare * 100)} %`, busyShare <= BUDGET.streamBusyShare],
      ['  longest flush (analysis + render)', ms(streamed.maxFlushMs), `≤ ${BUDGET.taskMs} ms`, streamed.maxFlushMs <= BUDGET.taskMs],
      ['  longest main-thread task (Long Tasks API)', ms(streamed.maxTaskMs), `≤ ${BUDGET.taskMs} ms (${streamed.longTasks} over 50 ms)`, streamed.maxTaskMs <= BUDGET.taskMs],
      ['  longest stall (batch timer late by)', ms(streamed.maxStallMs), `≤ ${BUDGET.taskMs} ms`, streamed.maxStallMs <= BUDGET.taskMs],
      ['  first batch → all shown', ms(streamed.wallMs), `(arrival alone: ${ms(streamed.idealMs)}; ${(streamed.wallMs / streamed.idealMs).toFixed(2)}×)`, null],
      ['  JS heap after streaming (after GC)', mb(stream.heapBytes), `≤ the bodies (${mb(bodies * BUDGET.heapPerBodyByte)})`, stream.heapBytes <= bodies * BUDGET.heapPerBodyByte],
    ]);
  } finally {
    await chromium.close();
    await viewerServer.close();
    await streamServer.close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.stack ?? error.message : String(error)));
