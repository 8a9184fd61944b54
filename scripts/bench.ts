/**
 * `npm run bench`: how much slower is analysing a HAR than merely parsing it, on every shape a
 * capture can take, and how fast does the command start?
 *
 * 1. Parse cost. Deterministic synthetic captures, each timed in this one process as
 *    `JSON.parse(text)` against `analyzeHar(JSON.parse(text))` (warm-up, then the median of
 *    interleaved runs):
 *    - mixed: 10,000 entries, 500 interleaved sign-in flows with 2,000 Cognito calls among 8,000
 *      ordinary requests with realistic bodies (written to .bench/synthetic-10000.har for the
 *      panel bench);
 *    - Cognito-dense: every entry a Cognito call (a long test run, a support HAR of many
 *      sign-ins), 10,000 and 50,000 entries.
 *    Goal: analysis ≤ 2× JSON.parse (every body is JSON inside JSON: two parses are the floor).
 * 2. Linking on pathological shapes, each against independent sign-ins of the same size
 *    (scripts/lib/synthetic-signins.ts): 80,000 entries that never name a user, for one app
 *    client; 100,000 entries of one user whose answers send Sessions the capture never saw
 *    issued; 50,000 entries whose Sessions all end with the same 64 characters; 50,000 answers of
 *    one user that all join one flow. Goal: ≤ 3× the independent sign-ins.
 * 3. CLI start-up: `cognito-flow --help` (the built dist/cli) against `node -e 0`, fastest of 15
 *    runs each. Goal ≤ 2×.
 *
 * 4. The panel half: scripts/bench-panel.ts (`npm run bench:panel`) as a child process.
 *
 * Ends with one table of every goal of issue 13, this half's and the panel's, each PASS or FAIL.
 * `npm run bench -- --core` skips the panel half (no browser).
 *
 * Speed goals are printed PASS/FAIL, never asserted (machines are shared and noisy): the exit code
 * is 0 unless an analysis is wrong (flows not as generated, calls dropped). On a shared machine
 * wall time mostly measures the neighbours, so the in-process ratios are judged on this process's
 * CPU time (all its threads, garbage collection included), medians of interleaved runs; wall-time
 * medians are printed next to them. Start-up is wall time (a process's life is short). The exit
 * code is also non-zero when the panel bench fails (its correctness checks).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { analyzeHar } from '../src/core/analyze';
import type { Analysis } from '../src/core/model';
import { DIST_CLI } from './build/paths';
import { generateSyntheticHar, serializeHar } from './lib/synthetic-har';
import { generateSignInCapture, type SignInShape } from './lib/synthetic-signins';
import { BENCH_EXPECTED as EXPECTED, BENCH_HAR_FILE as outFile, BENCH_ROOT as root, generateBenchHar, writeBenchHar } from './lib/bench-synthetic';
import { checkCapture, errorsOnCleanFlows, type GeneratedCapture } from './lib/check-synthetic';

const GOAL = { analyzePerParse: 2, pathologicalPerIndependent: 3, startupPerNode: 2 };
/** A run slower than this is not repeated: one slow run says enough, and the bench must end. */
const SLOW_RUN_MS = 15_000;
const STARTUP_RUNS = 15;

/** A gc() for steadier numbers, without needing --expose-gc on the command line. */
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
const gc = getGc();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const verdict = (ratio: number, goal: number): string => `${ratio.toFixed(2).padStart(6)}×   goal ≤ ${goal}×: ${ratio <= goal ? 'PASS' : 'FAIL'}`;

/** One goal of issue 13 as the final table prints it. */
interface GoalRow {
  what: string;
  result: string;
  goal: string;
  pass: boolean;
}

/** This half's goals, for the table printed at the end (and pasted into the README). */
const rows: GoalRow[] = [];

function addRow(what: string, measured: number, base: number, unit: string, goal: number, how: string): void {
  const ratio = measured / base;
  rows.push({ what, result: `${Math.round(measured).toLocaleString('en')} / ${Math.round(base).toLocaleString('en')} ${unit} = ${ratio.toFixed(2)}×`, goal: `≤ ${goal}× ${how}`, pass: ratio <= goal });
}

function fail(message: string): never {
  console.error(`\nBENCH CORRECTNESS FAILURE: ${message}`);
  process.exit(1);
}

let sink = 0; // consumes results so that no measured work can be optimized away

function analyzeText(text: string): Analysis {
  return analyzeHar(JSON.parse(text));
}

/**
 * Heap used once another collection frees nothing more. Why not one gc(): from one analysis to
 * the next, one call's reading of what a finished analysis retains moved from −85 to +102 MB
 * (a parsed HAR of an earlier run still counted before, or this one's still held after). Even
 * settled, one reading in a few still does either, so the median of five analyses is printed.
 */
function settledHeapUsed(): number {
  let used = Infinity;
  for (let i = 0; i < 6; i++) {
    gc();
    const now = process.memoryUsage().heapUsed;
    if (used - now < 256 * 1024) return Math.min(used, now);
    used = now;
  }
  return used;
}

/** CPU time this process has used, all threads, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Times {
  /** CPU ms of each run. */
  cpu: number[];
  /** Wall ms of each run. */
  wall: number[];
}

function measure<T>(times: Times, work: () => T): T {
  gc();
  const cpu = cpuMs();
  const wall = performance.now();
  const result = work();
  times.wall.push(performance.now() - wall);
  times.cpu.push(cpuMs() - cpu);
  return result;
}

/**
 * The floor the goal's "two parses" names: JSON.parse of the HAR, then of every request and
 * response body that is a string, each result kept until the end as an analysis keeps its bodies
 * (what is kept is what young-generation collections copy). No classifying, linking or checks.
 */
function parseBodiesText(text: string): number {
  const kept: unknown[] = [];
  for (const entry of (JSON.parse(text) as { log: { entries: { request?: { postData?: { text?: unknown } }; response?: { content?: { text?: unknown } } }[] } }).log.entries) {
    for (const body of [entry.request?.postData?.text, entry.response?.content?.text]) {
      if (typeof body !== 'string') continue;
      try {
        kept.push(JSON.parse(body));
      } catch {
        kept.push(null);
      }
    }
  }
  return kept.length;
}

/** Warm-up, then interleaved runs so that machine noise hits both sides alike (and the floor, when asked). */
function timeRuns(text: string, runs: number, warmup: number, withFloor = false): { parse: Times; analyze: Times; floor: Times } {
  let slow = false;
  for (let i = 0; i < warmup && !slow; i++) {
    sink += (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length;
    const t = performance.now();
    sink += analyzeText(text).calls.length;
    slow = performance.now() - t > SLOW_RUN_MS;
  }
  const parse: Times = { cpu: [], wall: [] };
  const analyze: Times = { cpu: [], wall: [] };
  const floor: Times = { cpu: [], wall: [] };
  for (let i = 0; i < (slow ? 1 : runs); i++) {
    sink += measure(parse, () => (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length);
    sink += measure(analyze, () => analyzeText(text).flows.length);
    if (withFloor) sink += measure(floor, () => parseBodiesText(text));
  }
  return { parse, analyze, floor };
}

/**
 * Fails the bench (exit 1) unless the analysis finds exactly what the generator put in: every
 * user-pool and identity-pool call at its entry, the planned flows with their outcomes and clean
 * handoffs, the rest ignored (check-synthetic.ts checkCapture).
 */
function checkPlanned(name: string, analysis: Analysis, capture: GeneratedCapture): void {
  const problems = checkCapture(analysis, capture);
  if (problems.length > 0) fail(`${name}: the analysis differs from the generated capture (${problems.length}):\n  ${problems.slice(0, 15).join('\n  ')}`);
  const outcomes: Record<string, number> = {};
  for (const flow of analysis.flows) outcomes[flow.outcome] = (outcomes[flow.outcome] ?? 0) + 1;
  const diagnostics: Record<string, number> = {};
  for (const d of analysis.diagnostics) diagnostics[`${d.severity}:${d.code}`] = (diagnostics[`${d.severity}:${d.code}`] ?? 0) + 1;
  const identityCalls = capture.identityEntries.length;
  console.log(`  analysis: ${analysis.flows.length} flows (${Object.entries(outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}), ${analysis.calls.length} calls (${analysis.calls.length - identityCalls} user-pool, ${identityCalls} identity-pool in flows of their own), ${analysis.standalone.length} standalone, ${analysis.ignored.length} ignored — as generated`);
  console.log(`  diagnostics: ${analysis.diagnostics.length}${analysis.diagnostics.length ? ' (' + Object.entries(diagnostics).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') + ')' : ''}`);
  const falseErrors = errorsOnCleanFlows(analysis, capture.flows);
  if (falseErrors.length > 0) {
    console.log(`  WARNING: ${falseErrors.length} error diagnostics on flows generated as valid, e.g.:\n    ${falseErrors.slice(0, 5).join('\n    ')}`);
  }
}

/**
 * One parse-cost capture: correctness, then timing against JSON.parse. `withFloor` for captures
 * where every entry is a Cognito call: there the floor (parseBodiesText) parses exactly the bodies
 * an analysis parses. On the mixed capture it would also parse the ordinary requests' bodies, which
 * an analysis never reads, and say nothing.
 */
function benchParseCost(name: string, text: string, capture: GeneratedCapture, runs: number, withFloor = false): void {
  console.log(`\n${name}: ${mb(text.length)}`);
  checkPlanned(name, analyzeText(text), capture);
  const { parse, analyze, floor } = timeRuns(text, runs, 2, withFloor);
  const parseMs = median(parse.cpu);
  const analyzeMs = median(analyze.cpu);
  console.log(`  JSON.parse(text)             CPU ${ms(parseMs).padStart(10)}   wall ${ms(median(parse.wall)).padStart(10)}`);
  console.log(`  analyzeHar(JSON.parse(text)) CPU ${ms(analyzeMs).padStart(10)}   wall ${ms(median(analyze.wall)).padStart(10)}   (medians of ${analyze.cpu.length})`);
  // Not a goal: how much of the 2× the bodies' own parse takes, on this capture, in this run.
  if (withFloor) {
    const floorMs = median(floor.cpu);
    console.log(`  floor: JSON.parse, then every body parsed and kept: CPU ${ms(floorMs)} = ${(floorMs / parseMs).toFixed(2)}× JSON.parse (no linking, no checks)`);
  }
  const line = `${name}: analyze ${ms(analyzeMs)} / JSON.parse ${ms(parseMs)} CPU = ${verdict(analyzeMs / parseMs, GOAL.analyzePerParse)}`;
  console.log(`  ${line}`);
  addRow(`${name} (${mb(text.length)}): analysis / JSON.parse`, analyzeMs, parseMs, 'ms CPU', GOAL.analyzePerParse, 'JSON.parse');
}

/** The bench's mixed capture, written to .bench/ for the panel bench, then timed. */
function benchMixed(): void {
  const t = performance.now();
  const { text, capture, summary: what } = generateBenchHar();
  writeBenchHar(text);
  console.log(`Mixed capture: ${what}\n  written to ${relative(root, outFile)}; generated in ${ms(performance.now() - t)}`);
  benchParseCost(`mixed ${EXPECTED.entries.toLocaleString('en')}`, text, capture, 9);
  // Heap while a finished analysis is alive (it references the parsed entries of its calls).
  const readings = Array.from({ length: 5 }, () => retainedBy(text)).sort((a, b) => a.retained - b.retained);
  const middle = readings[2]!;
  console.log(`  heap used with the analysis alive: ${mb(middle.before + middle.retained)} (the text alone: ${mb(middle.before)}; the analysis retains ${mb(middle.retained)}, incl. the HAR entries of its calls; median of ${readings.map((r) => mb(r.retained)).join(', ')})`);
}

/**
 * What one finished analysis of `text` keeps alive, and the heap before it: in a function of its
 * own, so that nothing of one reading (a variable's stale slot) is still alive in the next.
 */
function retainedBy(text: string): { before: number; retained: number } {
  const before = settledHeapUsed();
  const kept = analyzeText(text);
  const retained = settledHeapUsed() - before;
  sink += kept.flows.length;
  return { before, retained };
}

function benchDense(entries: number, runs: number, cliRuns: number): void {
  const flows = entries / 4;
  const generated = generateSyntheticHar({ seed: 20261201 + entries, flows, cognitoCalls: entries, ordinary: 0 });
  const text = serializeHar(generated.har);
  if (generated.cognitoCalls !== entries || generated.flows.length !== flows) fail(`Cognito-dense ${entries}: generated ${generated.cognitoCalls} calls in ${generated.flows.length} flows`);
  benchParseCost(`Cognito-dense ${entries.toLocaleString('en')}`, text, { ...generated, entries }, runs, true);
  benchCliWhole(`dense-${entries}`, text, cliRuns);
}

/** The built CLI (bin/cognito-flow.mjs over dist/cli), built first when missing, as from a fresh clone. */
function builtCli(): string {
  if (!existsSync(join(DIST_CLI, 'main.js'))) {
    console.log('\ndist/cli is missing: building it (npm run build)…');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
  return join(root, 'bin/cognito-flow.mjs');
}

/**
 * Not a goal: what a user waits for `cognito-flow analyze` on the capture, the whole process
 * (start-up, reading, analysis, report), next to a process that only reads and parses the file.
 * Printed because the text report once scanned every flow and call for each sign-in's timeline:
 * 48 s on dense 50,000, against 3 s for --json. Wall time, medians of `runs`.
 */
function benchCliWhole(name: string, text: string, runs: number): void {
  const file = join(dirname(outFile), `${name}.har`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const cli = builtCli();
  const wall = (args: string[]): number => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      times.push(performance.now() - t);
      // Exit status 1 is "error diagnostics found": the capture has failed sign-ins on purpose.
      if (result.status !== 0 && result.status !== 1) fail(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
    }
    return median(times);
  };
  try {
    const parseMs = wall(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
    const textMs = wall([cli, 'analyze', file]);
    const jsonMs = wall([cli, 'analyze', file, '--json']);
    console.log(`  CLI, whole process (not a goal): analyze ${ms(textMs)} with the text report, ${ms(jsonMs)} with --json; node reading and parsing the file alone ${ms(parseMs)} (wall, median of ${runs})`);
  } finally {
    rmSync(file, { force: true });
  }
}

/** Every call of a pathological shape must still land in a flow: linking may be odd, never lossy. */
function checkSignIns(name: string, analysis: Analysis, shape: SignInShape, signIns: number): void {
  const linked = analysis.flows.reduce((sum, flow) => sum + flow.steps.length, 0);
  if (analysis.calls.length !== signIns * 2 || linked !== signIns * 2) fail(`${name}: ${analysis.calls.length} calls, ${linked} in flows; expected ${signIns * 2} of each`);
  if (shape === 'independent' || shape === 'shared-trailer') {
    if (analysis.flows.length !== signIns) fail(`${name}: ${analysis.flows.length} flows, expected ${signIns}`);
    const broken = analysis.flows.find((flow) => flow.steps.map((step) => step.handoff).join() !== 'start,ok');
    if (broken) fail(`${name}: ${broken.id} has handoffs ${broken.steps.map((step) => step.handoff).join(', ')}`);
  }
  if (shape === 'one-flow' && analysis.flows.length !== 1) fail(`${name}: ${analysis.flows.length} flows, expected one`);
  console.log(`  ${name}: ${analysis.flows.length} flows, ${linked} calls linked, ${analysis.diagnostics.length} diagnostics — OK`);
}

/** Analysis time (parse included) of `shape`, median of `runs`; the text is dropped on return. */
function timeSignIns(shape: SignInShape, signIns: number, runs: number): number {
  const name = `${shape} ${(signIns * 2).toLocaleString('en')}`;
  // Compact JSON: 100,000 entries pretty-printed come close to the longest string V8 allows.
  const text = JSON.stringify(generateSignInCapture({ shape, signIns }));
  checkSignIns(name, analyzeText(text), shape, signIns);
  const { analyze } = timeRuns(text, runs, 1);
  console.log(`    analyzeHar(JSON.parse(text)) CPU ${ms(median(analyze.cpu))}, wall ${ms(median(analyze.wall))} (medians of ${analyze.cpu.length}; ${mb(text.length)})`);
  return median(analyze.cpu);
}

function benchPathological(shape: Exclude<SignInShape, 'independent'>, entries: number, what: string): void {
  console.log(`\n${what}, against independent sign-ins of the same size:`);
  const independent = timeSignIns('independent', entries / 2, 3);
  const pathological = timeSignIns(shape, entries / 2, 3);
  const line = `${shape} ${entries.toLocaleString('en')}: ${ms(pathological)} / independent ${ms(independent)} CPU = ${verdict(pathological / independent, GOAL.pathologicalPerIndependent)}`;
  console.log(`  ${line}`);
  addRow(`${what} / independent sign-ins`, pathological, independent, 'ms CPU', GOAL.pathologicalPerIndependent, 'independent');
}

/** Wall time of starting a process, median over interleaved runs. */
function benchStartup(): void {
  const cli = builtCli();
  const node: number[] = [];
  const command: number[] = [];
  const run = (args: string[], into: number[]): void => {
    const t = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    into.push(performance.now() - t);
    if (result.status !== 0) fail(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  };
  for (let i = 0; i < STARTUP_RUNS + 2; i++) {
    run(['-e', '0'], node);
    run([cli, '--help'], command);
  }
  // The first two of each warm the file cache. The fastest run of each is the one the neighbours
  // disturbed least; medians are printed too.
  const nodeMs = Math.min(...node.slice(2));
  const cliMs = Math.min(...command.slice(2));
  const line = `CLI start-up: cognito-flow --help ${ms(cliMs)} / node -e 0 ${ms(nodeMs)} wall = ${verdict(cliMs / nodeMs, GOAL.startupPerNode)}`;
  console.log(`\n${line} (fastest of ${STARTUP_RUNS}; medians ${ms(median(command.slice(2)))} / ${ms(median(node.slice(2)))})`);
  addRow('CLI start-up: cognito-flow --help / node -e 0', cliMs, nodeMs, 'ms wall', GOAL.startupPerNode, 'node -e 0');
}

/**
 * The panel half (scripts/bench-panel.ts, in headless Chromium), run as its own process as
 * `npm run bench:panel` runs it: its output passes through, and the rows of its tables that carry
 * a verdict (what, result, goal, PASS/FAIL, two spaces or more apart) join the final table.
 */
function runPanelBench(): { rows: GoalRow[]; status: number } {
  console.log('\n--- panel (scripts/bench-panel.ts) ---');
  const result = spawnSync('npx', ['tsx', join(root, 'scripts/bench-panel.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  const output = result.stdout?.toString() ?? '';
  process.stdout.write(output);
  const panelRows: GoalRow[] = [];
  let section = '';
  let parent = '';
  for (const line of output.split('\n')) {
    // A table's heading ("HAR viewer (3 loads; …):"), its rows, and rows under a row (indented by two more).
    if (/^\S.*:$/.test(line)) section = line.replace(/\s*\(.*$/, '').replace(/:$/, '');
    if (/^ {2}\S.* {2}/.test(line)) parent = line.trim().split(/ {2,}/)[0] ?? '';
    const match = /^ {2}( *)(\S.*?) {2,}(\S.*?) {2,}(\S.*?) {2,}(PASS|FAIL)\s*$/.exec(line);
    if (!match) continue;
    // "ratio streamed / one-shot" says of what only with the row above it.
    const what = match[1] && match[2]!.startsWith('ratio') ? `${parent}, ${match[2]}` : match[2]!;
    panelRows.push({ what: `${section}: ${what}`, result: match[3]!, goal: match[4]!, pass: match[5] === 'PASS' });
  }
  if (result.status === 0 && panelRows.length === 0) {
    console.log('\nWARNING: no goal rows (what, result, goal, PASS/FAIL) found in the panel bench\'s output: did its table format change?');
  }
  return { rows: panelRows, status: result.status ?? 1 };
}

function printGoals(all: readonly GoalRow[]): void {
  const width = (pick: (row: GoalRow) => string) => Math.max(...all.map((row) => pick(row).length));
  const [w1, w2, w3] = [width((r) => r.what), width((r) => r.result), width((r) => r.goal)];
  for (const row of all) console.log(`  ${row.what.padEnd(w1)}  ${row.result.padStart(w2)}  ${row.goal.padEnd(w3)}  ${row.pass ? 'PASS' : 'FAIL'}`);
  const failed = all.filter((row) => !row.pass).length;
  console.log(`  ${all.length - failed} of ${all.length} goals PASS${failed ? `, ${failed} FAIL` : ''}`);
}

function main(): void {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  // --core: this half only (no browser), for working on the analysis.
  const coreOnly = process.argv.includes('--core');
  console.log(`Node ${process.version}, ${cpus().length} × ${cpu}\n`);
  benchMixed();
  benchDense(10_000, 9, 3);
  benchDense(50_000, 3, 1);
  benchPathological('no-username', 80_000, '80,000 entries that never name a user, one app client');
  benchPathological('unknown-sessions', 100_000, '100,000 entries of one user answering with Sessions never issued');
  benchPathological('shared-trailer', 50_000, '50,000 entries whose Sessions all end with the same 64 characters');
  benchPathological('one-flow', 50_000, '50,000 answers of one user joined into one flow, half of them refused');
  benchStartup();
  const panel = coreOnly ? { rows: [], status: 0 } : runPanelBench();
  console.log(`\nIssue 13 goals (Node ${process.version}, ${cpus().length} × ${cpu}${coreOnly ? '; panel half skipped: --core' : ''}):`);
  printGoals([...rows, ...panel.rows]);
  if (panel.status !== 0) {
    console.error(`\nthe panel bench exited ${panel.status}: its goals are missing or incomplete above`);
    process.exit(panel.status);
  }
}

main();
if (sink < 0) console.log(sink);
