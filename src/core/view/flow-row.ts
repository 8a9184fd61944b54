/**
 * One row of the flows list: what the user scans for (who, which client, which auth flow, how it
 * ended, how many steps, when) and how many diagnostics of each severity the flow has.
 */
import type { Analysis, Diagnostic, Flow, Outcome, Severity } from '../model';

export interface FlowRow {
  id: string;
  user: string;
  clientId: string;
  authFlow: string;
  outcome: Outcome;
  steps: number;
  startedAt: number;
  errors: number;
  warnings: number;
  /** The flow includes a replayed call. */
  replayed: boolean;
}

/** Diagnostics of each entry, in the order the analysis gives them. */
export function diagnosticsByEntry(diagnostics: readonly Diagnostic[]): Map<number, Diagnostic[]> {
  const byEntry = new Map<number, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const list = byEntry.get(diagnostic.entry);
    if (list) list.push(diagnostic);
    else byEntry.set(diagnostic.entry, [diagnostic]);
  }
  return byEntry;
}

function count(diagnostics: readonly Diagnostic[], severity: Severity): number {
  return diagnostics.filter((d) => d.severity === severity).length;
}

/** Whether a HAR entry is a replay made from the panel (replay entries carry `_replayOf`). */
export function isReplay(har: unknown): boolean {
  return typeof har === 'object' && har !== null && '_replayOf' in har;
}

export function flowRow(flow: Flow, flowDiagnostics: readonly Diagnostic[]): FlowRow {
  return {
    id: flow.id,
    user: flow.user ?? '(unknown user)',
    clientId: flow.clientId ?? '—',
    authFlow: flow.authFlow ?? flow.steps[0]?.call.operation ?? '—',
    outcome: flow.outcome,
    steps: flow.steps.length,
    startedAt: flow.startedAt,
    errors: count(flowDiagnostics, 'error'),
    warnings: count(flowDiagnostics, 'warning'),
    replayed: flow.steps.some((step) => isReplay(step.call.har)),
  };
}

/** Rows for every flow of an analysis, in the analysis' order (first call first). */
export function flowRows(analysis: Analysis): FlowRow[] {
  const byFlow = new Map<string, Diagnostic[]>();
  for (const diagnostic of analysis.diagnostics) {
    if (diagnostic.flow === null) continue;
    const list = byFlow.get(diagnostic.flow);
    if (list) list.push(diagnostic);
    else byFlow.set(diagnostic.flow, [diagnostic]);
  }
  return analysis.flows.map((flow) => flowRow(flow, byFlow.get(flow.id) ?? []));
}

/** Outcome as words and an icon that does not rely on colour alone. */
export const OUTCOME_LABEL: Readonly<Record<Outcome, { icon: string; text: string }>> = {
  authenticated: { icon: '✔', text: 'authenticated' },
  failed: { icon: '✖', text: 'failed' },
  pending: { icon: '…', text: 'pending' },
};
