/**
 * The big synthetic capture both benches use (`scripts/bench.ts` for the core, `scripts/bench-panel.ts`
 * for the panel in a browser): one definition, so both measure the same 10,000 entries.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratedCapture } from './check-synthetic';
import type { SyntheticFlowInfo } from './synthetic-har';
import { generateSyntheticHar, serializeHar } from './synthetic-har';

/**
 * The plan: 10,000 entries, 500 sign-in flows of 2,000 user-pool calls. The ordinary traffic also
 * holds identity-pool calls (GetId, GetCredentialsForIdentity), which the analysis counts as Cognito
 * calls in identity flows of their own: `BenchHar.capture.identityEntries` says where they are.
 */
export const BENCH_EXPECTED = { entries: 10_000, flows: 500, calls: 2_000 };
const SEED = 20260314;

export const BENCH_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_HAR_FILE = join(BENCH_ROOT, '.bench', `synthetic-${BENCH_EXPECTED.entries}.har`);

export interface BenchHar {
  text: string;
  plan: SyntheticFlowInfo[];
  /** Everything the analysis must find (check-synthetic.ts checkCapture). */
  capture: GeneratedCapture;
  summary: string;
}

/** Generates the capture (deterministic: same seed, same bytes). */
export function generateBenchHar(): BenchHar {
  const generated = generateSyntheticHar({ seed: SEED, flows: BENCH_EXPECTED.flows, cognitoCalls: BENCH_EXPECTED.calls, ordinary: BENCH_EXPECTED.entries - BENCH_EXPECTED.calls });
  const kinds = Object.entries(generated.ordinaryByKind).map(([k, v]) => `${k} ${v}`).join(', ');
  return {
    text: serializeHar(generated.har),
    plan: generated.flows,
    capture: { ...generated, entries: generated.har.log.entries.length },
    summary: `${generated.har.log.entries.length} entries (${generated.cognitoCalls} user-pool calls in ${generated.flows.length} flows; ${generated.ordinary} ordinary, of which ${generated.identityEntries.length} identity-pool calls: ${kinds})`,
  };
}

export function writeBenchHar(text: string): void {
  mkdirSync(dirname(BENCH_HAR_FILE), { recursive: true });
  writeFileSync(BENCH_HAR_FILE, text);
}

/** The file `npm run bench` wrote, or a fresh one (the generator is deterministic, so either is the same). */
export function readOrWriteBenchHar(): string {
  if (existsSync(BENCH_HAR_FILE)) return readFileSync(BENCH_HAR_FILE, 'utf8');
  const { text } = generateBenchHar();
  writeBenchHar(text);
  return text;
}
