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

/**
 * Which Cognito service a call went to, from its `X-Amz-Target` prefix: user pools
 * (`AWSCognitoIdentityProviderService.*`) or identity pools (`AWSCognitoIdentityService.*`,
 * identity-pools.md "Wire").
 */
/** Which service a call or step belongs to; managed-login steps are shown as calls too (core/view/oauth-chain.ts). */
export type CognitoService = 'user-pool' | 'identity' | 'managed-login';

export interface CognitoCall {
  /** Index of the entry in the HAR (or in capture order, live). */
  entry: number;
  /** `InitiateAuth`, `RespondToAuthChallenge`, `GetId`, … from `X-Amz-Target`. */
  operation: string;
  /** The service named by the `X-Amz-Target` prefix. */
  service: CognitoService;
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

/**
 * What carried the handoff: the Session, SECRET_BLOCK echoed back (PASSWORD_VERIFIER), an access
 * token, or — for ConfirmSignUp of the older API, which has no Session — the user name of the SignUp.
 */
export type HandoffVia = 'session' | 'secret-block' | 'access-token' | 'confirm-session' | 'user-name' | 'none'
  /** An identity-pool call carrying this flow's ID token in `Logins`. */
  | 'id-token'
  /** An identity-pool call naming the IdentityId an earlier step of this flow was given (no token of this flow in it). */
  | 'identity-id'
  /** Managed-login steps shown as chains (core/view/oauth-chain.ts): what linked the step to its flow. */
  | 'redirect' | 'state' | 'code' | 'refresh-token' | 'client' | 'order'
  /** A managed-login refresh whose refresh token is not in the capture: its tokens share origin_jti with the flow's. */
  | 'origin-jti';

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
  /** The tokens this step's response issued (AuthenticationResult), decoded; null when none. */
  tokens: FlowTokens | null;
  /** The keys this request had to carry, each with why (from the rules table); null when none apply. */
  expected: ExpectedKeys | null;
  /** Identity-pool calls: what the exchange sent and got (identity id, provider, credentials' expiry, role). */
  identity?: IdentityExchange;
  /** Calls joined to a flow after its sign-in because they carry its access token ("with this sign-in's tokens"). */
  withTokens?: boolean;
  /** Why the step joined its flow, in words, where handoffVia alone does not say it (managed-login refresh lineage). */
  linkReason?: string;
}

/** One `Logins` entry of an identity-pool request: provider key and what the token is. */
export interface IdentityLogin {
  provider: string;
  /** The value decoded (a JWT, or why it is not one: social providers send opaque access tokens). */
  token: DecodedToken;
  /** 8-character fingerprint of the value (never the value). */
  fingerprint: string;
  /** The user-pool token of this capture it is, if any: which flow issued it and as what. */
  issued: { flow: string; entry: number; as: 'id' | 'access' | 'refresh' } | null;
}

/** Credentials a GetCredentialsForIdentity response carried; the keys themselves are never kept. */
export interface IdentityCredentials {
  /** `ASIA…` + last 4 characters (an identifier sent in clear with every signed request, identity-pools.md "Masking"). */
  accessKeyId: string | null;
  /** Epoch ms of `Expiration` (epoch seconds on the wire), null when absent or unreadable. */
  expiresAt: number | null;
  /** Why `Expiration` could not be read (not a number), else null. */
  expirationProblem: string | null;
}

export interface IdentityExchange {
  identityPoolId: string | null;
  /** IdentityId sent in the request / returned in the response. */
  identityIdSent: string | null;
  identityIdReturned: string | null;
  /** False when the request has no `Logins` key at all; `{}` counts as sent but empty (Amplify's guest GetId). */
  loginsSent: boolean;
  logins: IdentityLogin[];
  /** Why the `Logins` field could not be read (not an object), else null. */
  loginsProblem: string | null;
  customRoleArn: string | null;
  credentials: IdentityCredentials | null;
  /** GetOpenIdToken: fingerprint of the OpenID token returned. */
  openIdToken: string | null;
}
export interface ExpectedKey {
  key: string;
  /** Why the key is needed here, e.g. "the app client has a secret" for SECRET_HASH. */
  why: string;
}

/** ChallengeResponses of a challenge answer, AuthParameters of InitiateAuth. Shared between steps where equal: never changed. */
export interface ExpectedKeys {
  readonly field: 'ChallengeResponses' | 'AuthParameters';
  readonly keys: readonly ExpectedKey[];
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
  /** The AuthFlow its requests sent (the first one), null when none did (SignUp, GetTokensFromRefreshToken, …). */
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
  /** A refresh flow: the id of the sign-in (or earlier refresh) that issued the refresh token it sends. */
  refreshOf?: string | null;
  /** `identity` for identity-pool exchanges with no user-pool sign-in of this capture to join. */
  kind?: 'sign-in' | 'identity';
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
  | 'access-token-scope'
  | 'answer-not-offered'
  | 'logins-provider-mismatch'
  | 'logins-not-id-token'
  | 'logins-token-expired'
  | 'identity-region-mismatch'
  | 'identity-id-mismatch'
  | 'guest-after-sign-in'
  | 'role-not-in-token'
  | 'identity-format'
  | 'refresh-client-mismatch'
  | 'refresh-device-key-missing'
  | 'refresh-secret-hash-alias'
  | 'refresh-token-rotated'
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
