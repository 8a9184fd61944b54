/**
 * One row of the flows list: what the user scans for (who, which client, which auth flow, how it
 * ended, how many steps, when) and how many diagnostics of each severity the flow has.
 */
import type { Analysis, Diagnostic, Flow, Outcome, Severity } from '../model';
import { panelFlows } from './oauth-chain';

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
function groupBy<K>(diagnostics: readonly Diagnostic[], key: (d: Diagnostic) => K | null): Map<K, Diagnostic[]> {
  const groups = new Map<K, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const k = key(diagnostic);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(diagnostic);
    else groups.set(k, [diagnostic]);
  }
  return groups;
}

export function diagnosticsByEntry(diagnostics: readonly Diagnostic[]): Map<number, Diagnostic[]> {
  return groupBy(diagnostics, (d) => d.entry);
}

/** Diagnostics of each flow (those of calls outside any flow are left out). */
export function diagnosticsByFlow(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  return groupBy(diagnostics, (d) => d.flow);
}

function count(diagnostics: readonly Diagnostic[], severity: Severity): number {
  return diagnostics.filter((d) => d.severity === severity).length;
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
    replayed: flow.steps.some((step) => step.call.replayOf !== null),
  };
}

/** Rows for every flow of an analysis, in the analysis' order (first call first), managed-login flows after the API flows. */
export function flowRows(analysis: Analysis): FlowRow[] {
  const byFlow = diagnosticsByFlow(analysis.diagnostics);
  return panelFlows(analysis).map((flow) => flowRow(flow, byFlow.get(flow.id) ?? []));
}

/** Outcome as words and an icon that does not rely on colour alone. */
export const OUTCOME_LABEL: Readonly<Record<Outcome, { icon: string; text: string }>> = {
  authenticated: { icon: '✔', text: 'authenticated' },
  failed: { icon: '✖', text: 'failed' },
  pending: { icon: '…', text: 'pending' },
};
