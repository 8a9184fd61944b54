import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Analysis, CognitoCall, Flow } from '../../src/core/model';
import { formatOffset, signInTimeline, storyTimeline, type TimelineEvent } from '../../src/core/view/timeline';
import { scenarios } from '../fixtures/scenarios';
import { realCapture, scenario } from './view-support';

/** A sign-in's lineage found as the timeline first found it: scanning every flow for each refresh (quadratic over a capture). */
function scannedLineage(analysis: Analysis, root: Flow): Flow[] {
  const lineage = [root];
  for (let i = 0; i < lineage.length; i++) {
    for (const flow of analysis.flows) if (flow.refreshOf === lineage[i]!.id && !lineage.includes(flow)) lineage.push(flow);
  }
  return lineage;
}

/**
 * The timeline as the scanning code made it: the same events over the scanned lineage alone, and
 * the capture's end as the largest finite end of every call.
 */
function scannedTimeline(analysis: Analysis, root: Flow): TimelineEvent[] {
  const events = signInTimeline({ ...analysis, flows: scannedLineage(analysis, root) }, root).filter((e) => e.kind !== 'capture-end');
  const ends = analysis.calls.map((call) => call.startedAt + call.duration).filter(Number.isFinite);
  if (ends.length > 0) events.push({ at: Math.max(...ends), kind: 'capture-end', flow: null, entry: null, label: 'capture ends' });
  return events.sort((a, b) => a.at - b.at);
}

const realFiles = readdirSync(new URL('../fixtures/real/', import.meta.url)).filter((file) => file.endsWith('.har'));

describe('the timeline shared by the CLI and the panel', () => {
  it('offsets read in seconds, then minutes for two days, then days', () => {
    expect(formatOffset(0)).toBe('+0 s');
    expect(formatOffset(119_000)).toBe('+119 s');
    expect(formatOffset(3_600_000)).toBe('+60 min');
    expect(formatOffset(86_400_000)).toBe('+1440 min');
    expect(formatOffset(3 * 86_400_000)).toBe('+3 d');
    expect(formatOffset(-3000)).toBe('-3 s');
  });

  it('is given for a sign-in with a story, not for its refresh nor for a sign-in with nothing after it', () => {
    const refreshed = realCapture('refresh-token.har');
    const [signIn, refresh] = refreshed.flows;
    expect(storyTimeline(refreshed, signIn!)?.map((e) => e.kind)).toEqual(['tokens', 'refresh', 'capture-end', 'tokens-expire', 'tokens-expire']);
    expect(storyTimeline(refreshed, refresh!)).toBeNull();
    const plain = realCapture('user-password-auth.har');
    expect(storyTimeline(plain, plain.flows[0]!)).toBeNull();
  });

  it('equals the scanning timeline for every flow of every real capture and scenario', () => {
    const analyses = [...realFiles.map(realCapture), ...scenarios.map((s) => scenario(s.name))];
    let flows = 0;
    let withRefresh = 0;
    for (const analysis of analyses) {
      for (const flow of analysis.flows) {
        const events = signInTimeline(analysis, flow);
        expect(events).toEqual(scannedTimeline(analysis, flow));
        flows++;
        if (events.some((e) => e.kind === 'refresh' || e.kind === 'refresh-failed')) withRefresh++;
      }
    }
    // The comparison covered refresh lineages, not only sign-ins without one.
    expect(flows).toBeGreaterThan(50);
    expect(withRefresh).toBeGreaterThan(0);
  });

  it('follows refreshes of refreshes, each once, even when refreshOf runs in a circle', () => {
    const base = realCapture('refresh-token.har');
    const [signIn, refresh] = base.flows as [Flow, Flow];
    // A refresh of the refresh, and a made-up cycle back to the sign-in (a hostile or broken analysis).
    const second: Flow = { ...refresh, id: 'flow-second', refreshOf: refresh.id };
    const looped: Analysis = { ...base, flows: [{ ...signIn, refreshOf: 'flow-second' }, refresh, second] };
    const root = looped.flows[0]!;
    const events = signInTimeline(looped, root);
    expect(events).toEqual(scannedTimeline(looped, root));
    expect(events.filter((e) => e.kind === 'refresh').map((e) => e.flow)).toEqual([refresh.id, 'flow-second']);
  });

  it('finds where a capture of 300,000 calls ends (spreading their end times into Math.max threw)', () => {
    const base = realCapture('refresh-token.har');
    const template = base.calls[0]!;
    const calls: CognitoCall[] = Array.from({ length: 300_000 }, (_, i) => ({ ...template, entry: i, startedAt: template.startedAt + i, duration: 10 }));
    calls.push({ ...template, entry: 300_000, startedAt: Number.NaN, duration: 10 });
    const big: Analysis = { ...base, calls };
    const end = signInTimeline(big, big.flows[0]!).find((e) => e.kind === 'capture-end');
    expect(end?.at).toBe(template.startedAt + 299_999 + 10);
    expect(() => scannedTimeline(big, big.flows[0]!)).toThrow(RangeError);
  });
});
