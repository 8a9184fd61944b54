/**
 * What the analysis produces: calls (one per Cognito HAR entry), flows (calls linked by
 * their handoffs) and diagnostics. Every shell (panel, CLI, tests) reads these types.
 */
import type { HarEntry } from './har';
import type { DecodedToken } from './tokens';
import type { OAuthDiagnosticCode } from './oauth/rules';
import type { OAuthAnalysis } from './oauth/model';

export type JsonObject = Record<string, unknown>;

/** A request or response body as far as we could read it. Never throws, never guesses. */
export type Body =
  | { state: 'json'; value: JsonObject }
  | { state: 'empty' }
  | { state: 'not-captured'; reason: string }
  | { state: 'unparseable'; reason: string; preview: string; length: number };

export interface CognitoError {
  /** `__type` with any namespace (`…#`) and suffix (`:…`) removed, e.g. `NotAuthorizedException`. */
  type: string;
  message: string;
  /** Where the type was read: the JSON body, the `x-amzn-ErrorType` header, or only the HTTP status. */
  source: 'body' | 'header' | 'status';
}

export interface CognitoCall {
  /** Index of the entry in the HAR (or in capture order, live). */
  entry: number;
  /** `InitiateAuth`, `RespondToAuthChallenge`, … from `X-Amz-Target`. */
  operation: string;
  url: string;
  method: string;
  /** Epoch milliseconds when the request started; NaN when the HAR had no usable date. */
  startedAt: number;
  /** Milliseconds, 0 when unknown. */
  duration: number;
  /** HTTP status; 0 when the request never got a response (blocked, cancelled). */
  status: number;
  request: Body;
  response: Body;
  error: CognitoError | null;
  /** The original HAR entry, for the Raw view and for replay. */
  har: HarEntry;
  /** When the user replayed an earlier call from the panel: that call's entry index. */
  replayOf: number | null;
}

export type IgnoredReason = 'not-cognito' | 'preflight' | 'other-aws-service' | 'invalid-entry';

/** An entry that is not a Cognito user-pool call, with the reason (nothing is silently dropped). */
export interface IgnoredEntry {
  entry: number;
  reason: IgnoredReason;
  detail: string;
}

/**
 * How a request took over from the step before it:
 * - `start`: first step of a flow (nothing to hand over);
 * - `ok`: sent exactly the Session (or SECRET_BLOCK, or access token) the previous step issued;
 * - `missing`: sent nothing although the previous step issued a Session;
 * - `mismatch`: sent a Session that was not the flow's latest when the request was sent (older, or unknown);
 * - `reused`: sent the flow's latest Session again after an earlier request (answered by Cognito, even
 *   with an error) had already spent it: sessions are single-use, retries included.
 */
export type Handoff = 'start' | 'ok' | 'missing' | 'mismatch' | 'reused';

/** What carried the handoff: the Session, SECRET_BLOCK echoed back (PASSWORD_VERIFIER), or an access token. */
export type HandoffVia = 'session' | 'secret-block' | 'access-token' | 'confirm-session' | 'none'
  /** Managed-login steps shown as chains (core/view/oauth-chain.ts): what linked the step to its flow. */
  | 'redirect' | 'state' | 'code' | 'refresh-token' | 'client' | 'order';

export interface Step {
  call: CognitoCall;
  /** The ChallengeName this request answers (RespondToAuthChallenge), else null. */
  challengeIn: string | null;
  /** The ChallengeName this response issues, else null. */
  challengeOut: string | null;
  handoff: Handoff;
  handoffVia: HandoffVia;
  /** Milliseconds between the response that issued the Session and this request; null when none. */
  sessionAgeMs: number | null;
  /** True when sessionAgeMs exceeds the configured session validity. */
  sessionExpired: boolean;
  /** Short stable fingerprint of the Session sent (never the value itself). */
  sessionSent: string | null;
  /** Short stable fingerprint of the Session returned. */
  sessionReturned: string | null;
  /** The tokens this step's response issued (AuthenticationResult), decoded; null when none. */
  tokens: FlowTokens | null;
  /** The keys this request had to carry, each with why (from the rules table); null when none apply. */
  expected: ExpectedKeys | null;
}

export interface ExpectedKey {
  key: string;
  /** Why the key is needed here, e.g. "the app client has a secret" for SECRET_HASH. */
  why: string;
}

/** ChallengeResponses of a challenge answer, AuthParameters of InitiateAuth. */
export interface ExpectedKeys {
  field: 'ChallengeResponses' | 'AuthParameters';
  keys: ExpectedKey[];
}

export type Outcome = 'authenticated' | 'failed' | 'pending';

export interface FlowTokens {
  id: DecodedToken | null;
  access: DecodedToken | null;
  refresh: DecodedToken | null;
  /** Entry index of the step whose response carried the tokens. */
  issuedBy: number | null;
}

export interface Flow {
  id: string;
  /** USERNAME as sent (or the token's username when the flow has none, e.g. refresh). */
  user: string | null;
  clientId: string | null;
  /** AuthFlow of the InitiateAuth that started it, `SignUp` for sign-up chains, null when unknown. */
  authFlow: string | null;
  outcome: Outcome;
  steps: Step[];
  tokens: FlowTokens;
  /** The app client has a secret: some request of this flow sent SECRET_HASH. */
  clientHasSecret: boolean;
  /** A remembered device is in play: DEVICE_KEY was sent, or a DEVICE_* challenge ran. */
  deviceInPlay: boolean;
  startedAt: number;
  endedAt: number;
}

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'missing-challenge-response'
  | 'missing-auth-parameter'
  | 'challenge-name-mismatch'
  | 'session-missing'
  | 'session-mismatch'
  | 'session-reused'
  | 'session-expired'
  | 'username-not-srp-id'
  | 'timestamp-format'
  | 'slow-password-verifier'
  | 'unknown-challenge'
  | 'unparseable-body'
  | 'body-not-captured'
  | 'cognito-error'
  | 'token-expired'
  | 'answer-not-offered'
  | OAuthDiagnosticCode;

export interface Diagnostic {
  entry: number;
  /** Flow id, null for calls outside any flow. */
  flow: string | null;
  code: DiagnosticCode;
  severity: Severity;
  /** What is wrong, in plain words. */
  message: string;
  /** What usually causes it / what to do. */
  hint: string;
  /** For missing-* codes: the absent keys. Empty otherwise. */
  keys: string[];
  /** For missing-* codes: why each absent key is needed here (e.g. SECRET_HASH: the client has a secret). */
  reasons: Record<string, string>;
}

export interface AnalyzeOptions {
  /** The app client's AuthSessionValidity in minutes (3..15, default 3). */
  sessionValidityMinutes?: number;
  /** PASSWORD_VERIFIER answered later than this (ms) gets a warning. Default 5000. */
  passwordVerifierWindowMs?: number;
}

export interface Analysis {
  /** Number of HAR entries read. */
  entries: number;
  calls: CognitoCall[];
  flows: Flow[];
  /** Cognito calls that belong to no sign-in flow (GetUser, ListUsers, AdminCreateUser, …). */
  standalone: CognitoCall[];
  ignored: IgnoredEntry[];
  /** API and managed-login diagnostics together, by entry. */
  diagnostics: Diagnostic[];
  /** Managed login (hosted UI, /oauth2/* endpoints): its entries, flows and evidence (src/core/oauth). */
  oauth: OAuthAnalysis;
}
