/**
 * The stable JSON shape of an analysis (`cognito-flow analyze --json`, version 1).
 * Fields may be added; none may change meaning without bumping `version`.
 */
import type { Analysis, Diagnostic, Flow, Handoff, Outcome, Severity, DiagnosticCode } from './model';

export interface ReportStep {
  entry: number;
  operation: string;
  challengeIn: string | null;
  challengeOut: string | null;
  status: number;
  handoff: Handoff;
  handoffVia: string;
  sessionAgeMs: number | null;
  sessionExpired: boolean;
  error: { type: string; message: string } | null;
}

export interface ReportFlow {
  id: string;
  user: string | null;
  clientId: string | null;
  authFlow: string | null;
  outcome: Outcome;
  steps: ReportStep[];
  tokens: { id: Record<string, unknown> | null; access: Record<string, unknown> | null };
}

export interface ReportDiagnostic {
  entry: number;
  flow: string | null;
  code: DiagnosticCode;
  severity: Severity;
  keys: string[];
  message: string;
  hint: string;
}

export interface Report {
  version: 1;
  entries: number;
  flows: ReportFlow[];
  diagnostics: ReportDiagnostic[];
  /** Cognito calls outside sign-in flows (GetUser, admin calls, …). */
  otherCalls: { entry: number; operation: string; status: number }[];
  /** Entries that are not Cognito user-pool calls, counted by reason. */
  ignored: Record<string, number>;
}

function reportFlow(flow: Flow): ReportFlow {
  return {
    id: flow.id,
    user: flow.user,
    clientId: flow.clientId,
    authFlow: flow.authFlow,
    outcome: flow.outcome,
    steps: flow.steps.map((step) => ({
      entry: step.call.entry,
      operation: step.call.operation,
      challengeIn: step.challengeIn,
      challengeOut: step.challengeOut,
      status: step.call.status,
      handoff: step.handoff,
      handoffVia: step.handoffVia,
      sessionAgeMs: step.sessionAgeMs,
      sessionExpired: step.sessionExpired,
      error: step.call.error ? { type: step.call.error.type, message: step.call.error.message } : null,
    })),
    tokens: {
      id: flow.tokens.id?.kind === 'jwt' ? flow.tokens.id.claims : null,
      access: flow.tokens.access?.kind === 'jwt' ? flow.tokens.access.claims : null,
    },
  };
}

function reportDiagnostic(d: Diagnostic): ReportDiagnostic {
  return { entry: d.entry, flow: d.flow, code: d.code, severity: d.severity, keys: d.keys, message: d.message, hint: d.hint };
}

export function toReport(analysis: Analysis): Report {
  const ignored: Record<string, number> = {};
  for (const entry of analysis.ignored) ignored[entry.reason] = (ignored[entry.reason] ?? 0) + 1;
  return {
    version: 1,
    entries: analysis.entries,
    flows: analysis.flows.map(reportFlow),
    diagnostics: analysis.diagnostics.map(reportDiagnostic),
    otherCalls: analysis.standalone.map((call) => ({ entry: call.entry, operation: call.operation, status: call.status })),
    ignored,
  };
}
