/**
 * The vocabulary of what happens after a sign-in (after-sign-in.ts links it): which calls are
 * refreshes, the step a call joins a flow with, an identity flow of its own, and the contexts the
 * refresh and identity checks read.
 */
import type { CognitoCall, Flow, IdentityExchange, JsonObject, Step } from '../model';
import { bodyObject } from '../body';
import { headerValue } from '../har';
import { obj, str } from '../json';
import { tokenClaims } from '../tokens';

export interface IdentityStepContext {
  step: Step;
  flow: Flow;
  exchange: IdentityExchange;
  /** When the request was sent (epoch ms; the previous call's time when the HAR had none). */
  at: number;
  /** When the server answered, from the response's Date header (epoch ms), else NaN. */
  respondedAt: number;
  /** The latest successful sign-in before this call whose ID token was still valid then, if any. */
  recentSignIn: Flow | null;
  /** The IdentityId an earlier GetId returned for a token this call carries, if any. */
  idForToken: string | null;
  /** The IdentityId sent was returned earlier by a guest GetId (no Logins): Amplify upgrades such ids. */
  sentGuestId: boolean;
}

export interface RefreshContext {
  flow: Flow;
  request: JsonObject;
  /** The refresh token sent, or null when the request has none. */
  token: string | null;
  origin: Flow | null;
  linkedBy: 'refresh-token' | 'origin-jti' | null;
  /** Entry of an earlier refresh whose response replaced this refresh token with a new one (rotation). */
  rotatedBy: number | null;
}

export interface AfterSignIn {
  identity: IdentityStepContext[];
  refreshes: RefreshContext[];
}

const REFRESH_FLOWS: ReadonlySet<string> = new Set(['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']);

/** The refresh token a refresh request sends, or undefined when the call is not a refresh. */
export function refreshTokenSent(call: CognitoCall): string | null | undefined {
  const request = bodyObject(call.request);
  if (call.operation === 'GetTokensFromRefreshToken') return str(request, 'RefreshToken') ?? null;
  if ((call.operation === 'InitiateAuth' || call.operation === 'AdminInitiateAuth') && REFRESH_FLOWS.has(str(request, 'AuthFlow') ?? '')) {
    return str(obj(request, 'AuthParameters'), 'REFRESH_TOKEN') ?? null;
  }
  return undefined;
}

/** A token a call outside any flow sends that a sign-in's could be, and as what it must have been issued. */
export type TokenSent = { value: string; as: 'access' | 'refresh' } | null;

const sentBy = new WeakMap<CognitoCall, TokenSent>();

/**
 * Its `AccessToken` (an access token), else RevokeToken's `Token` (a refresh token), trimmed; null
 * when it sends neither. Read once per call: the live analysis asks again on every update.
 */
export function tokenSentBy(call: CognitoCall): TokenSent {
  let sent = sentBy.get(call);
  if (sent !== undefined) return sent;
  const request = bodyObject(call.request);
  const access = str(request, 'AccessToken');
  const revoked = access === undefined && call.operation === 'RevokeToken' ? str(request, 'Token') : undefined;
  sent = access !== undefined ? { value: access.trim(), as: 'access' } : revoked !== undefined ? { value: revoked.trim(), as: 'refresh' } : null;
  sentBy.set(call, sent);
  return sent;
}

export function responseDate(call: CognitoCall): number {
  const date = headerValue(Array.isArray(call.har.response?.headers) ? call.har.response.headers : [], 'Date');
  return date !== undefined ? Date.parse(date) : Number.NaN;
}

/** A step joined to a flow after its sign-in (no challenge, Session or tokens of its own), linked by `via`. */
export function joinedStep(call: CognitoCall, handoff: 'start' | 'ok', via: Step['handoffVia']): Step {
  return {
    call, challengeIn: null, challengeOut: null, handoff, handoffVia: via,
    sessionAgeMs: null, sessionExpired: false,
    tokens: null, expected: null,
  };
}

/** `call` joined to `flow` by `via`: the flow's first step when it has none yet. */
export function joinStep(call: CognitoCall, flow: Flow, via: Step['handoffVia']): Step {
  return joinedStep(call, flow.steps.length === 0 ? 'start' : 'ok', via);
}

/** The flow of the latest ID token issued before `end` (exclusive index), if it was still valid at `at`. */
export function latestValid(idTokens: readonly { flow: Flow; expiresAt: number | null }[], end: number, at: number): Flow | null {
  const latest = idTokens[end - 1];
  return latest && (latest.expiresAt === null || latest.expiresAt > at) ? latest.flow : null;
}

/** An identity flow: exchanges with no user-pool token of this capture (social, guests, older tokens). */
export function newIdentityFlow(id: string, call: CognitoCall, at: number, exchange: IdentityExchange): Flow {
  const claims = exchange.logins.map((l) => (l.token.kind === 'jwt' ? tokenClaims(l.token) : null)).find((c) => c !== null) ?? {};
  const user = claims['cognito:username'] ?? claims.sub;
  const client = claims.aud;
  return {
    id,
    user: typeof user === 'string' ? user : null,
    clientId: typeof client === 'string' ? client : null,
    authFlow: null,
    outcome: 'pending',
    steps: [],
    tokens: { id: null, access: null, refresh: null, issuedBy: null },
    clientHasSecret: false,
    deviceInPlay: false,
    startedAt: at,
    endedAt: at + call.duration,
    refreshOf: null,
    kind: 'identity',
  };
}
