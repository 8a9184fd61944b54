/**
 * The live panel re-renders only the rows that changed: FlowRowItem skips a row whose `row` object
 * is the same, and flowRows gives the same row object for a flow the live analysis kept (same flow
 * object, same diagnostic counts). Rows of flows an update touched are new, and say the new facts.
 */
import { describe, expect, it } from 'vitest';
import { LiveAnalysis } from '../../src/core/live-analysis';
import { flowRow, flowRows, diagnosticsByFlow } from '../../src/core/view/flow-row';
import { panelFlows } from '../../src/core/view/oauth-chain';
import { generateSyntheticHar } from '../../scripts/lib/synthetic-har';

const entries = generateSyntheticHar({ seed: 21, flows: 40, ordinary: 40, bodies: 'small' }).har.log.entries;

describe('flow rows of a growing capture', () => {
  it('keeps the row objects of untouched flows and makes new ones for flows that grew', () => {
    const live = new LiveAnalysis();
    const growing = entries.slice(0, 100);
    const before = flowRows(live.update(growing));
    growing.push(...entries.slice(100, 104));
    const analysis = live.update(growing);
    const after = flowRows(analysis);
    const byFlow = diagnosticsByFlow(analysis.diagnostics);
    const grown = new Set(analysis.flows.filter((f) => f.steps.some((s) => s.call.entry >= 100)).map((f) => f.id));
    let kept = 0;
    for (const [i, row] of after.entries()) {
      const flow = panelFlows(analysis)[i]!;
      // Whatever object it is, it says what a fresh row says.
      expect(row).toEqual(flowRow(flow, byFlow.get(flow.id) ?? []));
      const old = before.find((r) => r.id === row.id);
      if (grown.has(row.id) || !old) {
        expect(row).not.toBe(old);
      } else {
        expect(row).toBe(old);
        kept++;
      }
    }
    expect(kept).toBeGreaterThan(after.length / 2);
  });
});
