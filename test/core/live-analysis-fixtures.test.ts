/**
 * The live analysis' contract on real captures: every HAR under test/fixtures (user-pool sign-ins,
 * identity pools, refreshes, managed login) and the scenario catalogue, streamed into one
 * LiveAnalysis in random batch sizes, must give after every batch the very Analysis that
 * analyzeEntries gives over the same entries — flows step by step, diagnostics in their order,
 * managed login and all. And what an update did not change keeps its object (the panel skips
 * re-rendering those rows).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeEntries } from '../../src/core/analyze';
import { LiveAnalysis } from '../../src/core/live-analysis';
import type { Analysis } from '../../src/core/model';
import { toReport } from '../../src/core/report';
import { scenarios } from '../fixtures/scenarios';
import { hostileHar } from '../fixtures/hostile';
import { generateSyntheticHar } from '../../scripts/lib/synthetic-har';

const FIXTURES = ['test/fixtures/real', 'test/fixtures/oauth'];

const captures: [string, readonly unknown[]][] = [
  ...FIXTURES.flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.har')).sort()
    .map((name): [string, readonly unknown[]] => [join(dir, name), (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { log: { entries: unknown[] } }).log.entries])),
  ['hostile corpus', hostileHar().log.entries],
  ...scenarios.map((s): [string, readonly unknown[]] => [`scenario ${s.name}`, s.har.log.entries]),
];

/** The whole analysis, and its report: what the panel, the CLI and --json show. */
function expectSame(live: Analysis, oneShot: Analysis): void {
  expect(toReport(live)).toEqual(toReport(oneShot));
  expect(live).toEqual(oneShot);
}

/** Streams `entries` in batches of the given sizes (cycled), comparing after every batch. */
function stream(entries: readonly unknown[], sizes: readonly number[]): void {
  const live = new LiveAnalysis();
  const growing: unknown[] = [];
  let turn = 0;
  while (growing.length < entries.length) {
    const size = Math.max(1, sizes[turn++ % sizes.length] ?? 1);
    growing.push(...entries.slice(growing.length, growing.length + size));
    expectSame(live.update(growing), analyzeEntries(growing));
  }
}

describe('LiveAnalysis on every fixture capture', () => {
  it('has captures of every kind to stream', () => {
    expect(captures.filter(([name]) => name.startsWith('test/fixtures/real')).length).toBeGreaterThan(10);
    expect(captures.filter(([name]) => name.startsWith('test/fixtures/oauth')).length).toBeGreaterThan(2);
    expect(captures.some(([name]) => name.includes('identity'))).toBe(true);
    expect(captures.some(([name]) => name.includes('refresh'))).toBe(true);
  });

  it.each(captures)('equals the one-shot analysis after every random batch: %s', (_name, entries) => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }), (sizes) => stream(entries, sizes)),
      { numRuns: 6, seed: 13 });
  });

  it.each(captures.filter(([, entries]) => entries.length > 3))('equals it when entries arrive in any order: %s', (_name, entries) => {
    fc.assert(fc.property(fc.shuffledSubarray([...entries.keys()], { minLength: entries.length, maxLength: entries.length }), fc.integer({ min: 1, max: 4 }),
      (order, size) => stream(order.map((i) => entries[i]), [size])), { numRuns: 4, seed: 7 });
  });
});

describe('LiveAnalysis keeps what did not change', () => {
  const synthetic = generateSyntheticHar({ seed: 5, flows: 40, ordinary: 40, bodies: 'small' }).har.log.entries;

  it('returns the same flow objects for flows an update did not touch, and new ones for those it did', () => {
    const live = new LiveAnalysis();
    const growing = synthetic.slice(0, 120);
    const first = live.update(growing);
    growing.push(...synthetic.slice(120, 130));
    const second = live.update(growing);
    expectSame(second, analyzeEntries(growing));
    const touched = new Set(synthetic.slice(120, 130).map((_e, i) => 120 + i));
    let kept = 0;
    for (const flow of second.flows) {
      const before = first.flows.find((f) => f.id === flow.id);
      const grew = flow.steps.some((step) => touched.has(step.call.entry));
      if (!before || grew) {
        expect(flow).not.toBe(before);
        continue;
      }
      // Same steps and facts: the very object shown before.
      expect(flow).toBe(before);
      kept++;
    }
    expect(kept).toBeGreaterThan(second.flows.length / 2);
  });

  it('answers the same managed-login analysis while no managed-login entry arrives', () => {
    const entries = captures.find(([name]) => name.endsWith('oauth/good.har'))![1];
    const live = new LiveAnalysis();
    const growing = [...entries];
    const first = live.update(growing);
    expect(first.oauth.flows.length).toBeGreaterThan(0);
    growing.push(...synthetic.filter((e) => JSON.stringify(e).includes('X-Amz-Target')).slice(0, 5));
    const second = live.update(growing);
    expectSame(second, analyzeEntries(growing));
    expect(second.oauth).toBe(first.oauth);
  });
});
