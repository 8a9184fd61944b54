/**
 * Compares an analysis of a synthetic capture with what the generator built: the same flows
 * (same entries, in order), the designed outcomes, clean handoffs.
 */
import type { Analysis } from '../../src/core/model';
import type { SyntheticFlowInfo, SyntheticHarResult } from './synthetic-har';

/** What a generated capture holds, as the analysis must find it. */
export type GeneratedCapture = Pick<SyntheticHarResult, 'flows' | 'cognitoEntries' | 'identityEntries'> & { entries: number };

function sameEntries(what: string, got: readonly number[], expected: readonly number[], problems: string[]): void {
  const want = new Set(expected);
  const have = new Set(got);
  const missing = expected.filter((entry) => !have.has(entry));
  const extra = got.filter((entry) => !want.has(entry));
  if (got.length === expected.length && missing.length === 0 && extra.length === 0) return;
  problems.push(`${what}: found ${got.length}, expected ${expected.length}` +
    (missing.length ? `; missing entries ${missing.slice(0, 10).join(', ')}` : '') +
    (extra.length ? `; unexpected entries ${extra.slice(0, 10).join(', ')}` : ''));
}

/**
 * The whole capture against what the generator put in: every user-pool call and every identity-pool
 * call found at its entry (no more, no fewer), the planned sign-in flows as built (checkAgainstPlan),
 * each background identity-pool call an identity flow of its own (its tokens belong to no sign-in of
 * the capture), nothing standalone, and every other entry ignored with a reason.
 */
export function checkCapture(analysis: Analysis, generated: GeneratedCapture): string[] {
  const problems: string[] = [];
  if (analysis.entries !== generated.entries) problems.push(`analysis.entries is ${analysis.entries}, expected ${generated.entries}`);
  const userPool = analysis.calls.filter((call) => call.service === 'user-pool').map((call) => call.entry);
  const identity = analysis.calls.filter((call) => call.service === 'identity').map((call) => call.entry);
  sameEntries('user-pool calls', userPool, generated.cognitoEntries, problems);
  sameEntries('identity-pool calls', identity, generated.identityEntries, problems);
  const others = analysis.calls.length - userPool.length - identity.length;
  if (others !== 0) problems.push(`${others} calls of another service (none generated)`);
  const signIns = analysis.flows.filter((flow) => flow.kind !== 'identity');
  const identityFlows = analysis.flows.filter((flow) => flow.kind === 'identity');
  if (signIns.length !== generated.flows.length) problems.push(`found ${signIns.length} sign-in flows, expected ${generated.flows.length}`);
  problems.push(...checkAgainstPlan({ ...analysis, flows: signIns }, generated.flows));
  const lonely = identityFlows.filter((flow) => flow.steps.length !== 1);
  if (lonely.length > 0) problems.push(`${lonely.length} identity flows with other than one step, e.g. ${lonely[0]?.id}`);
  sameEntries('identity flows (by entry)', identityFlows.flatMap((flow) => flow.steps.map((step) => step.call.entry)), generated.identityEntries, problems);
  if (analysis.standalone.length !== 0) problems.push(`${analysis.standalone.length} standalone calls, expected none`);
  const ignored = generated.entries - generated.cognitoEntries.length - generated.identityEntries.length;
  if (analysis.ignored.length !== ignored) problems.push(`${analysis.ignored.length} ignored entries, expected ${ignored}`);
  return problems;
}

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
