/**
 * The stable JSON shape of an analysis (`cognito-flow analyze --json`, version 1).
 * Fields may be added; none may change meaning without bumping `version`.
 */
import { identityFlowsByManagedLogin, managedLoginOfIdentityFlows } from './oauth/identity-join';
import { managedLoginOfRefreshFlows } from './oauth/api-refresh-join';
import { managedLoginCalls } from './oauth/api-join';
import type { Analysis, CognitoService, Diagnostic, Flow, FlowTokens, Handoff, IdentityExchange, Outcome, Severity, DiagnosticCode, Step } from './model';
import type { OAuthFlow } from './oauth/model';
import { tokenClaims } from './tokens';

/** What an identity-pool step sent and got; never a token, a key or a secret. */
export interface ReportIdentity {
  identityPoolId: string | null;
  identityIdSent: string | null;
  identityIdReturned: string | null;
  /** One per Logins entry: the provider key, what the token is, and the flow that issued it, if any. */
  logins: { provider: string; tokenUse: string | null; fingerprint: string; issuedBy: { flow: string; entry: number; as: string } | null; problem: string | null }[];
  /** False when the request had no Logins key (a guest). */
  loginsSent: boolean;
  customRoleArn: string | null;
  /** AccessKeyId masked to ASIA…last 4; expiry as ISO time, or why it could not be read. */
  credentials: { accessKeyId: string | null; expiresAt: string | null; problem: string | null } | null;
}

export interface ReportStep {
  entry: number;
  operation: string;
  /** `user-pool` (AWSCognitoIdentityProviderService) or `identity` (AWSCognitoIdentityService). */
  service: CognitoService;
  challengeIn: string | null;
  challengeOut: string | null;
  status: number;
  handoff: Handoff;
  handoffVia: string;
  sessionAgeMs: number | null;
  sessionExpired: boolean;
  error: { type: string; message: string } | null;
  /** Present on calls made after the sign-in with its access token ("with this sign-in's tokens"). */
  withTokens?: true;
  /** Present on identity-pool steps. */
  identity?: ReportIdentity;
}

export interface ReportFlow {
  /**
   * `api`: user-pool calls linked by Session (maybe followed by identity-pool steps); `identity`:
   * identity-pool calls with no sign-in of this capture; `oauth`: managed login (hosted UI,
   * /oauth2/*), steps named by kind.
   */
  kind: 'api' | 'identity' | 'oauth';
  id: string;
  user: string | null;
  clientId: string | null;
  authFlow: string | null;
  outcome: Outcome;
  /**
   * For a refresh: the flow that issued the refresh token it sends (or whose tokens share its origin_jti), an
   * `oauth-N` flow for an API refresh of managed-login tokens; null otherwise or when not in the capture.
   */
  refreshOf: string | null;
  steps: ReportStep[];
  tokens: { id: Record<string, unknown> | null; access: Record<string, unknown> | null };
  /**
   * An `identity` flow whose Logins carry a token a managed-login flow was issued, or an `api` flow that
   * started with its access token (AssociateSoftwareToken / VerifySoftwareToken): that flow's id.
   */
  managedLogin?: string;
  /** An `oauth` flow: the identity flows its tokens were sent to (identity-pool exchanges after the sign-in). */
  identityFlows?: string[];
  /**
   * An `oauth` flow: entries of the user-pool calls made with its tokens that no API sign-in claimed,
   * in time order: calls outside any flow (GetUser, GlobalSignOut, … with its access token; RevokeToken
   * with its refresh token), each in `otherCalls` with `managedLogin` naming this flow, and the steps
   * of `api` flows started with its access token (TOTP setup), which carry `managedLogin` too.
   */
  apiCalls?: number[];
}

/** A Cognito call outside any API flow. */
export interface ReportOtherCall {
  entry: number;
  operation: string;
  status: number;
  /** A user-pool call made with a managed-login flow's token: that flow's id (it lists the call in `apiCalls`). */
  managedLogin?: string;
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
  otherCalls: ReportOtherCall[];
  /** Entries that are not Cognito calls (user pools or identity pools), counted by reason. */
  ignored: Record<string, number>;
}

function isoTime(ms: number | null): string | null {
  return ms !== null && Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : null;
}

function reportIdentity(exchange: IdentityExchange): ReportIdentity {
  return {
    identityPoolId: exchange.identityPoolId,
    identityIdSent: exchange.identityIdSent,
    identityIdReturned: exchange.identityIdReturned,
    logins: exchange.logins.map((login) => ({
      provider: login.provider,
      tokenUse: login.token.kind === 'jwt' ? login.token.use : null,
      fingerprint: login.fingerprint,
      issuedBy: login.issued,
      problem: login.token.kind === 'malformed' ? login.token.reason : null,
    })),
    loginsSent: exchange.loginsSent,
    customRoleArn: exchange.customRoleArn,
    credentials: exchange.credentials && {
      accessKeyId: exchange.credentials.accessKeyId,
      expiresAt: isoTime(exchange.credentials.expiresAt),
      problem: exchange.credentials.expirationProblem,
    },
  };
}

/** Fields only some steps have are left out, not null, so existing readers see no change. */
function optionalStepFields(step: Step): Pick<ReportStep, 'withTokens' | 'identity'> {
  return {
    ...(step.withTokens ? { withTokens: true as const } : {}),
    ...(step.identity ? { identity: reportIdentity(step.identity) } : {}),
  };
}

function reportTokens(tokens: FlowTokens): ReportFlow['tokens'] {
  return {
    id: tokens.id?.kind === 'jwt' ? tokenClaims(tokens.id) : null,
    access: tokens.access?.kind === 'jwt' ? tokenClaims(tokens.access) : null,
  };
}

function reportFlow(flow: Flow, managedLogin: string | undefined, refreshOfManagedLogin: string | undefined): ReportFlow {
  return {
    kind: flow.kind === 'identity' ? 'identity' : 'api',
    id: flow.id,
    user: flow.user,
    clientId: flow.clientId,
    authFlow: flow.authFlow,
    outcome: flow.outcome,
    refreshOf: flow.refreshOf ?? refreshOfManagedLogin ?? null,
    steps: flow.steps.map((step) => ({
      entry: step.call.entry,
      operation: step.call.operation,
      service: step.call.service,
      challengeIn: step.challengeIn,
      challengeOut: step.challengeOut,
      status: step.call.status,
      handoff: step.handoff,
      handoffVia: step.handoffVia,
      sessionAgeMs: step.sessionAgeMs,
      sessionExpired: step.sessionExpired,
      error: step.call.error ? { type: step.call.error.type, message: step.call.error.message } : null,
      ...optionalStepFields(step),
    })),
    tokens: reportTokens(flow.tokens),
    ...(managedLogin ? { managedLogin } : {}),
  };
}

/**
 * A managed-login flow in the same shape: `operation` is the step kind (authorize, login, callback,
 * token, …), `handoff` is `start` for the first step and `ok` for the others, `handoffVia` says what
 * linked it (location, state, code, refresh-token, access-token, or only the client id: client).
 * `authFlow` is the grant (code, token, refresh_token).
 */
function reportOAuthFlow(flow: OAuthFlow, identityFlows: string[] | undefined, apiCalls: number[] | undefined): ReportFlow {
  return {
    kind: 'oauth',
    id: flow.id,
    user: flow.user,
    clientId: flow.clientId,
    authFlow: flow.grant,
    outcome: flow.outcome,
    refreshOf: null,
    steps: flow.steps.map(({ entry, link }, index) => ({
      entry: entry.entry,
      operation: entry.kind,
      service: 'managed-login',
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
    ...(identityFlows ? { identityFlows } : {}),
    ...(apiCalls ? { apiCalls } : {}),
  };
}

function reportDiagnostic(d: Diagnostic): ReportDiagnostic {
  return { entry: d.entry, flow: d.flow, code: d.code, severity: d.severity, keys: d.keys, message: d.message, hint: d.hint };
}

export function toReport(analysis: Analysis): Report {
  const byOAuth = identityFlowsByManagedLogin(analysis);
  const refreshes = managedLoginOfRefreshFlows(analysis);
  const calls = managedLoginCalls(analysis);
  const joins = managedLoginOfIdentityFlows(analysis);
  const ignored: Record<string, number> = {};
  for (const entry of analysis.ignored) ignored[entry.reason] = (ignored[entry.reason] ?? 0) + 1;
  return {
    version: 1,
    entries: analysis.entries,
    flows: [
      ...analysis.flows.map((flow) => reportFlow(flow, joins.get(flow.id) ?? calls.oauthOfFlow.get(flow.id), refreshes.get(flow.id))),
      ...analysis.oauth.flows.map((flow) => reportOAuthFlow(flow, byOAuth.get(flow.id)?.map((identity) => identity.id), calls.byOAuth.get(flow.id)?.map(({ step }) => step.call.entry))),
    ],
    diagnostics: analysis.diagnostics.map(reportDiagnostic),
    otherCalls: [
      ...analysis.standalone.map((call): ReportOtherCall => {
        const managedLogin = calls.oauthOf.get(call.entry);
        return { entry: call.entry, operation: call.operation, status: call.status, ...(managedLogin ? { managedLogin } : {}) };
      }),
      ...analysis.oauth.standalone.map((entry) => ({ entry: entry.entry, operation: entry.kind, status: entry.status })),
    ],
    ignored,
  };
}
