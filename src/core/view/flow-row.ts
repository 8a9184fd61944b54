/**
 * One row of the flows list: what the user scans for (who, which client, which auth flow, how it
 * ended, how many steps, when) and how many diagnostics of each severity the flow has.
 */
import type { Analysis, Diagnostic, Flow, Outcome, Severity } from '../model';
import { formatClientId } from './format';
import { diagnosticsByShownFlow, panelFlows } from './oauth-chain';

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
  /**
   * How it stands, in a few words: the error type of a failed flow ("NotAuthorizedException"),
   * what a pending flow waits for ("waiting for SOFTWARE_TOKEN_MFA"), "authenticated".
   */
  status: string;
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


/** What kind of flow it is: its AuthFlow (a refresh names the flow it refreshes), or an identity-pool flow. */
function flowKindLabel(flow: Flow): string {
  if (flow.kind === 'identity') return 'identity pool';
  const kind = flow.authFlow ?? flow.steps[0]?.call.operation ?? '—';
  return flow.refreshOf ? `${kind} (refresh of ${flow.refreshOf})` : kind;
}

export function flowRow(flow: Flow, flowDiagnostics: readonly Diagnostic[]): FlowRow {
  return {
    id: flow.id,
    user: flow.user ?? '(unknown user)',
    clientId: formatClientId(flow.clientId),
    authFlow: flowKindLabel(flow),
    outcome: flow.outcome,
    steps: flow.steps.length,
    startedAt: flow.startedAt,
    errors: count(flowDiagnostics, 'error'),
    warnings: count(flowDiagnostics, 'warning'),
    replayed: flow.steps.some((step) => step.call.replayOf !== null),
    status: flowStatus(flow),
  };
}

/** The last error type, else the last challenge issued, else the outcome. */
function flowStatus(flow: Flow): string {
  const last = flow.steps.at(-1);
  const failed = [...flow.steps].reverse().find((step) => step.call.error !== null);
  if (flow.outcome === 'failed' && failed?.call.error) return failed.call.error.type;
  if (flow.outcome === 'pending' && last?.challengeOut) return `waiting for ${last.challengeOut}`;
  if (flow.outcome === 'pending' && last?.call.status === 0) return 'no response';
  return OUTCOME_LABEL[flow.outcome].text;
}

/**
 * The row made for a flow object before. The live analysis keeps a flow's object while the flow
 * does not change, so its row stays the same object too and the list skips re-rendering it.
 */
const rowOf = new WeakMap<Flow, FlowRow>();

const shownOf = new WeakMap<Analysis, Map<string, Diagnostic[]>>();

/**
 * Diagnostics by the flow the panel shows them in (a managed-login row counts those of the calls
 * and identity exchanges its chain shows): computed once per analysis, for the rows and the filter.
 */
export function diagnosticsOfShownFlows(analysis: Analysis): Map<string, Diagnostic[]> {
  let shown = shownOf.get(analysis);
  if (!shown) shownOf.set(analysis, (shown = diagnosticsByShownFlow(analysis, diagnosticsByFlow(analysis.diagnostics))));
  return shown;
}

/** Rows for every flow of an analysis, in the analysis' order (first call first), managed-login flows after the API flows. */
export function flowRows(analysis: Analysis): FlowRow[] {
  const byFlow = diagnosticsOfShownFlows(analysis);
  return panelFlows(analysis).map((flow) => {
    const diagnostics = byFlow.get(flow.id) ?? [];
    const known = rowOf.get(flow);
    // A row reads only the counts of its flow's diagnostics.
    if (known && known.id === flow.id && known.errors === count(diagnostics, 'error') && known.warnings === count(diagnostics, 'warning')) return known;
    const row = flowRow(flow, diagnostics);
    rowOf.set(flow, row);
    return row;
  });
}

/**
 * Outcome as words and an icon that does not rely on colour alone. Pending has its own sign (a
 * clock), distinct from the "Other calls" row's (OTHER_CALLS_ICON).
 */
export const OUTCOME_LABEL: Readonly<Record<Outcome, { icon: string; text: string }>> = {
  authenticated: { icon: '✔', text: 'authenticated' },
  failed: { icon: '✖', text: 'failed' },
  pending: { icon: '◷', text: 'pending' },
};

/** The sign of the "Other calls" row (calls outside any sign-in): a list, not a state. */
export const OTHER_CALLS_ICON = '☰';

/** "3 of 60 flows" when a filter hides some, else "60 flows". */
export function flowCountText(shown: number, total: number): string {
  return shown === total ? `${total} ${total === 1 ? 'flow' : 'flows'}` : `${shown} of ${total} ${total === 1 ? 'flow' : 'flows'}`;
}
