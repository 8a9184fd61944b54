/**
 * Compares an analysis of a synthetic capture with what the generator built: the same flows
 * (same entries, in order), the designed outcomes, clean handoffs.
 */
import type { Analysis } from '../../src/core/model';
import type { SyntheticFlowInfo } from './synthetic-har';

/** Problems found, one line each; empty when the analysis matches the plan. */
export function checkAgainstPlan(analysis: Analysis, plan: readonly SyntheticFlowInfo[]): string[] {
  const problems: string[] = [];
  const byFirstEntry = new Map<number, Analysis['flows'][number]>();
  for (const flow of analysis.flows) {
    const first = flow.steps[0]?.call.entry;
    if (first !== undefined) byFirstEntry.set(first, flow);
  }
  for (const expected of plan) {
    const label = `${expected.kind} flow starting at entry ${expected.entries[0]}`;
    const flow = byFirstEntry.get(expected.entries[0] ?? -1);
    if (!flow) {
      problems.push(`${label}: no analysed flow starts there`);
      continue;
    }
    const got = flow.steps.map((step) => step.call.entry);
    if (got.join(',') !== expected.entries.join(',')) {
      problems.push(`${label}: steps are entries [${got.join(', ')}], expected [${expected.entries.join(', ')}]`);
      continue;
    }
    if (flow.outcome !== expected.expectedOutcome) problems.push(`${label}: outcome ${flow.outcome}, expected ${expected.expectedOutcome}`);
    if (flow.authFlow !== expected.authFlow) problems.push(`${label}: authFlow ${flow.authFlow}, expected ${expected.authFlow}`);
    const handoffs = flow.steps.map((step) => step.handoff);
    if (handoffs[0] !== 'start' || handoffs.slice(1).some((h) => h !== 'ok')) {
      problems.push(`${label}: handoffs [${handoffs.join(', ')}], expected start then ok`);
    }
  }
  return problems;
}

/** `error` diagnostics on flows designed to succeed: false positives worth reporting. */
export function errorsOnCleanFlows(analysis: Analysis, plan: readonly SyntheticFlowInfo[]): string[] {
  const clean = new Set<number>();
  for (const flow of plan) if (flow.expectedOutcome === 'authenticated') for (const entry of flow.entries) clean.add(entry);
  return analysis.diagnostics
    .filter((d) => d.severity === 'error' && clean.has(d.entry))
    .map((d) => `entry ${d.entry}: ${d.code} — ${d.message}`);
}
