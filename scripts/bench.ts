/**
 * `npm run bench`: how much slower is analysing a large HAR than merely parsing it?
 *
 * Builds a deterministic synthetic capture (10,000 entries: 500 interleaved Cognito sign-in flows
 * with 2,000 calls, plus 8,000 ordinary requests with realistic bodies), writes it to
 * .bench/synthetic-10000.har, then times, in this one process, `JSON.parse(text)` against
 * `analyzeHar(JSON.parse(text))` (warm-up, then the median of several runs each, interleaved).
 *
 * Speed goals are reported, not asserted (machines are shared and noisy): the exit code is 0
 * unless the analysis is wrong (not 500 flows / 2,000 calls, or flows not as generated).
 */
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { analyzeHar } from '../src/core/analyze';
import type { Analysis } from '../src/core/model';
import type { SyntheticFlowInfo } from './lib/synthetic-har';
import { BENCH_EXPECTED as EXPECTED, BENCH_HAR_FILE as outFile, BENCH_ROOT as root, generateBenchHar, writeBenchHar } from './lib/bench-synthetic';
import { checkAgainstPlan, errorsOnCleanFlows } from './lib/check-synthetic';

const GOAL_RATIO = 3;
const WARMUP = 3;
const RUNS = 9;

/** A gc() for steadier heap numbers, without needing --expose-gc on the command line. */
function getGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

function fail(message: string): never {
  console.error(`\nBENCH CORRECTNESS FAILURE: ${message}`);
  process.exit(1);
}

/** Fails the bench (exit 1) unless the analysis finds exactly the generated flows and calls. */
function checkCorrectness(text: string, plan: readonly SyntheticFlowInfo[]): void {
  const analysis: Analysis = analyzeHar(JSON.parse(text));
  if (analysis.entries !== EXPECTED.entries) fail(`analysis.entries is ${analysis.entries}, expected ${EXPECTED.entries}`);
  if (analysis.calls.length !== EXPECTED.calls) fail(`found ${analysis.calls.length} Cognito calls, expected ${EXPECTED.calls}`);
  if (analysis.flows.length !== EXPECTED.flows) fail(`found ${analysis.flows.length} flows, expected ${EXPECTED.flows}`);
  const problems = checkAgainstPlan(analysis, plan);
  if (problems.length > 0) fail(`flows differ from the generated ones (${problems.length}):\n  ${problems.slice(0, 15).join('\n  ')}`);
  const outcomes: Record<string, number> = {};
  for (const flow of analysis.flows) outcomes[flow.outcome] = (outcomes[flow.outcome] ?? 0) + 1;
  const diagnostics: Record<string, number> = {};
  for (const d of analysis.diagnostics) diagnostics[`${d.severity}:${d.code}`] = (diagnostics[`${d.severity}:${d.code}`] ?? 0) + 1;
  console.log(`Analysis: ${analysis.flows.length} flows (${Object.entries(outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}), ${analysis.calls.length} calls, ${analysis.standalone.length} standalone, ${analysis.ignored.length} ignored — OK`);
  console.log(`  diagnostics: ${analysis.diagnostics.length}${analysis.diagnostics.length ? ' (' + Object.entries(diagnostics).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') + ')' : ''}`);
  const falseErrors = errorsOnCleanFlows(analysis, plan);
  if (falseErrors.length > 0) {
    console.log(`  WARNING: ${falseErrors.length} error diagnostics on flows generated as valid, e.g.:\n    ${falseErrors.slice(0, 5).join('\n    ')}`);
  }
}

let sink = 0; // consumes results so that no measured work can be optimized away

/** Warm-up, then interleaved runs so that machine noise hits both sides alike. */
function timeRuns(text: string, gc: () => void): { parseTimes: number[]; analyzeTimes: number[] } {
  for (let i = 0; i < WARMUP; i++) {
    sink += (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length;
    sink += analyzeHar(JSON.parse(text)).calls.length;
  }
  const parseTimes: number[] = [];
  const analyzeTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    gc();
    let t = performance.now();
    sink += (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length;
    parseTimes.push(performance.now() - t);

    gc();
    t = performance.now();
    sink += analyzeHar(JSON.parse(text)).flows.length;
    analyzeTimes.push(performance.now() - t);
  }
  return { parseTimes, analyzeTimes };
}

/** In its own frame, so that the parsed HAR is not kept alive by a stale register of the caller. */
function analyzeText(text: string): Analysis {
  return analyzeHar(JSON.parse(text));
}

/** Heap used while a finished analysis is alive (it references the parsed entries of its calls). */
function measureHeap(text: string, gc: () => void): { before: number; after: number; rss: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = analyzeText(text);
  gc();
  const after = process.memoryUsage().heapUsed;
  const rss = process.memoryUsage().rss;
  sink += kept.flows.length;
  return { before, after, rss };
}

function main(): void {
  const gc = getGc();

  const t = performance.now();
  // Only the string and the plan stay alive: the generated object graph is dropped here.
  const { text, plan, summary } = generateBenchHar();
  const generateMs = performance.now() - t;
  writeBenchHar(text);

  console.log(`Synthetic HAR: ${summary}, ${mb(text.length)}`);
  console.log(`  written to ${relative(root, outFile)}; generated and serialized in ${ms(generateMs)}`);

  // Correctness first (this run also warms the analyzer up); its analysis is dropped on return.
  checkCorrectness(text, plan);

  const { parseTimes, analyzeTimes } = timeRuns(text, gc);
  const heap = measureHeap(text, gc);

  const parseMs = median(parseTimes);
  const analyzeMs = median(analyzeTimes);
  const ratio = analyzeMs / parseMs;
  console.log(`\nTiming (median of ${RUNS} after ${WARMUP} warm-up runs, Node ${process.version}):`);
  console.log(`  JSON.parse(text)             ${ms(parseMs).padStart(10)}   (min ${ms(Math.min(...parseTimes))}, max ${ms(Math.max(...parseTimes))})`);
  console.log(`  analyzeHar(JSON.parse(text)) ${ms(analyzeMs).padStart(10)}   (min ${ms(Math.min(...analyzeTimes))}, max ${ms(Math.max(...analyzeTimes))})`);
  console.log(`  analysis alone (difference)  ${ms(analyzeMs - parseMs).padStart(10)}`);
  console.log(`  ratio analyze / JSON.parse   ${ratio.toFixed(2).padStart(7)}×   goal ≤ ${GOAL_RATIO}×: ${ratio <= GOAL_RATIO ? 'PASS' : 'FAIL'}`);
  console.log(`\nHeap used after analysis: ${mb(heap.after)} (before it, with the text: ${mb(heap.before)}; the analysis retains ${mb(heap.after - heap.before)}, incl. the HAR entries of its calls); RSS ${mb(heap.rss)}`);
}

main();
if (sink < 0) console.log(sink);
