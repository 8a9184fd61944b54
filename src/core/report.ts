/**
 * The stable JSON shape of an analysis (`cognito-flow analyze --json`, version 1).
 * Fields may be added; none may change meaning without bumping `version`.
 */
import type { Analysis, Diagnostic, Flow, FlowTokens, Handoff, Outcome, Severity, DiagnosticCode } from './model';
import type { OAuthFlow } from './oauth/model';

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
  /** `api`: cognito-idp calls linked by Session; `oauth`: managed login (hosted UI, /oauth2/*), steps named by kind. */
  kind: 'api' | 'oauth';
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

function reportTokens(tokens: FlowTokens): ReportFlow['tokens'] {
  return {
    id: tokens.id?.kind === 'jwt' ? tokens.id.claims : null,
    access: tokens.access?.kind === 'jwt' ? tokens.access.claims : null,
  };
}

function reportFlow(flow: Flow): ReportFlow {
  return {
    kind: 'api',
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
    tokens: reportTokens(flow.tokens),
  };
}

/**
 * A managed-login flow in the same shape: `operation` is the step kind (authorize, login, callback,
 * token, …), `handoff` is `start` for the first step and `ok` for the others, `handoffVia` says what
 * linked it (location, state, code, refresh-token, access-token, or only the client id: client).
 * `authFlow` is the grant (code, token, refresh_token).
 */
function reportOAuthFlow(flow: OAuthFlow): ReportFlow {
  return {
    kind: 'oauth',
    id: flow.id,
    user: flow.user,
    clientId: flow.clientId,
    authFlow: flow.grant,
    outcome: flow.outcome,
    steps: flow.steps.map(({ entry, link }, index) => ({
      entry: entry.entry,
      operation: entry.kind,
      challengeIn: null,
      challengeOut: null,
      status: entry.status,
      handoff: index === 0 ? 'start' : 'ok',
      handoffVia: link,
      sessionAgeMs: null,
      sessionExpired: false,
      error: entry.error ? { type: entry.error.code, message: entry.error.description ?? '' } : null,
    })),
    tokens: reportTokens(flow.tokens),
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
    flows: [...analysis.flows.map(reportFlow), ...analysis.oauth.flows.map(reportOAuthFlow)],
    diagnostics: analysis.diagnostics.map(reportDiagnostic),
    otherCalls: [
      ...analysis.standalone.map((call) => ({ entry: call.entry, operation: call.operation, status: call.status })),
      ...analysis.oauth.standalone.map((entry) => ({ entry: entry.entry, operation: entry.kind, status: entry.status })),
    ],
    ignored,
  };
}
