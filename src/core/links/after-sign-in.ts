/**
 * What happens after a sign-in, linked back to it (issue 11): refreshes to the flow that issued
 * the refresh token they send; user-pool calls carrying a flow's access token into that flow
 * ("with this sign-in's tokens"); identity-pool exchanges to the flow whose ID token they carry in
 * Logins (identity-pools.md "Linking to the user-pool sign-in"). Runs after linkFlows, on its
 * result, so the sign-in linking stays as it is. Nothing is dropped: an exchange with no token of
 * this capture forms an identity flow of its own.
 */
import type { CognitoCall, Flow, IdentityExchange, JsonObject, Step } from '../model';
import type { LinkResult } from '../flows';
import { bodyObject } from '../body';
import { headerValue } from '../har';
import { obj, str } from '../json';
import { readExchange } from '../identity/exchange';
import { TokenIndex, type IssuedToken } from './token-index';
import { callTimes } from './time-order';

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

export function responseDate(call: CognitoCall): number {
  const date = headerValue(Array.isArray(call.har.response?.headers) ? call.har.response.headers : [], 'Date');
  return date !== undefined ? Date.parse(date) : Number.NaN;
}

export function joinStep(call: CognitoCall, flow: Flow, via: Step['handoffVia']): Step {
  return {
    call, challengeIn: null, challengeOut: null,
    handoff: flow.steps.length === 0 ? 'start' : 'ok', handoffVia: via,
    sessionAgeMs: null, sessionExpired: false, sessionSent: null, sessionReturned: null,
    tokens: null, expected: null,
  };
}

export function linkAfterSignIn(linked: LinkResult, identityCalls: readonly CognitoCall[]): AfterSignIn {
  const times = callTimes([...linked.flows.flatMap((f) => f.steps.map((s) => s.call)), ...linked.standalone, ...identityCalls]);
  const timeOf = (call: CognitoCall) => times.get(call) ?? { at: 0, rank: 0 };
  const index = new TokenIndex();
  const idTokens: { flow: Flow; issuedAt: number; expiresAt: number | null }[] = [];
  for (const flow of linked.flows) {
    for (const step of flow.steps) {
      if (!step.tokens) continue;
      const issuedAt = timeOf(step.call).at + step.call.duration;
      index.registerTokens(flow, step.tokens, issuedAt);
      const id = step.tokens.id;
      if (id) idTokens.push({ flow, issuedAt, expiresAt: id.kind === 'jwt' ? id.expiresAt : null });
    }
  }
  const issuedBefore = (value: string, at: number): IssuedToken | undefined => {
    const issued = index.find(value);
    return issued && !(issued.issuedAt > at) ? issued : undefined;
  };
  const touched = new Set<Flow>();

  // Refreshes, in flow (time) order: linked by the refresh token sent, else by origin_jti.
  const refreshes: RefreshContext[] = [];
  const replaced = new Map<string, number>();
  for (const flow of linked.flows) {
    const first = flow.steps[0];
    if (!first) continue;
    const token = refreshTokenSent(first.call);
    if (token === undefined) continue;
    const at = timeOf(first.call).at;
    const byToken = token !== null ? issuedBefore(token, at) : undefined;
    let origin: Flow | null = byToken && byToken.flow !== flow ? byToken.flow : null;
    let linkedBy: RefreshContext['linkedBy'] = origin ? 'refresh-token' : null;
    if (!origin) {
      for (const issued of [flow.tokens.id, flow.tokens.access]) {
        const jti = issued?.kind === 'jwt' ? issued.claims.origin_jti : undefined;
        const found = typeof jti === 'string' ? index.findOrigin(jti) : undefined;
        if (found && found !== flow) {
          origin = found;
          linkedBy = 'origin-jti';
          break;
        }
      }
    }
    flow.refreshOf = origin?.id ?? null;
    refreshes.push({ flow, request: bodyObject(first.call.request), token, origin, linkedBy, rotatedBy: token !== null ? (replaced.get(token) ?? null) : null });
    // Rotation: a refresh answered with a new refresh token replaces the one it sent.
    const fresh = flow.tokens.refresh?.raw;
    if (token !== null && fresh !== undefined && fresh.trim() !== token.trim() && !replaced.has(token)) replaced.set(token, first.call.entry);
  }

  // User-pool calls outside any sign-in that carry a flow's access token (or revoke its refresh token).
  const stillStandalone: CognitoCall[] = [];
  for (const call of linked.standalone) {
    const request = bodyObject(call.request);
    const accessToken = str(request, 'AccessToken');
    const revoked = call.operation === 'RevokeToken' ? str(request, 'Token') : undefined;
    const at = timeOf(call).at;
    const issued = accessToken !== undefined ? issuedBefore(accessToken, at) : revoked !== undefined ? issuedBefore(revoked, at) : undefined;
    const fits = issued && (accessToken !== undefined ? issued.as === 'access' : issued.as === 'refresh');
    if (!issued || !fits) {
      stillStandalone.push(call);
      continue;
    }
    const step = joinStep(call, issued.flow, 'access-token');
    step.withTokens = true;
    issued.flow.steps.push(step);
    touched.add(issued.flow);
  }
  linked.standalone.splice(0, linked.standalone.length, ...stillStandalone);

  // Identity-pool exchanges, in time order.
  const identity: IdentityStepContext[] = [];
  const flowOfIdentityId = new Map<string, Flow>();
  const flowOfOtherToken = new Map<string, Flow>();
  const idForToken = new Map<string, string>();
  const guestIds = new Set<string>();
  const flowById = new Map(linked.flows.map((f) => [f.id, f]));
  const ordered = [...identityCalls].sort((a, b) => timeOf(a).rank - timeOf(b).rank);
  idTokens.sort((a, b) => a.issuedAt - b.issuedAt);
  let nextIdToken = 0;
  for (const call of ordered) {
    const at = timeOf(call).at;
    const exchange = readExchange(call, (value) => {
      const issued = issuedBefore(value, at);
      return issued ? { flow: issued.flow.id, entry: issued.entry, as: issued.as } : null;
    });
    const own = exchange.logins.map((login) => login.issued).find((issued) => issued !== null);
    let flow: Flow | undefined = own ? flowById.get(own.flow) : undefined;
    // The token it carries says how it is tied: an access token in Logins is the wrong token, but its flow's.
    let via: Step['handoffVia'] = own?.as === 'access' ? 'access-token' : 'id-token';
    if (!flow && exchange.identityIdSent !== null) {
      flow = flowOfIdentityId.get(exchange.identityIdSent);
      via = 'identity-id';
    }
    const firstOther = exchange.logins.find((login) => login.fingerprint !== '');
    if (!flow && firstOther) {
      flow = flowOfOtherToken.get(firstOther.token.raw.trim());
      via = 'id-token';
    }
    if (!flow) {
      flow = newIdentityFlow(`flow-${linked.flows.length + 1}`, call, at, exchange);
      linked.flows.push(flow);
      via = 'none';
    }
    const step = joinStep(call, flow, via);
    step.identity = exchange;
    flow.steps.push(step);
    touched.add(flow);

    const tokenKeys = exchange.logins.filter((l) => l.fingerprint !== '').map((l) => l.token.raw.trim());
    const knownId = tokenKeys.map((key) => idForToken.get(key)).find((id) => id !== undefined) ?? null;
    while (nextIdToken < idTokens.length && !(idTokens[nextIdToken]!.issuedAt > at)) nextIdToken++;
    identity.push({
      step, flow, exchange, at, respondedAt: responseDate(call),
      recentSignIn: latestValid(idTokens, nextIdToken, at),
      idForToken: knownId,
      sentGuestId: exchange.identityIdSent !== null && guestIds.has(exchange.identityIdSent),
    });

    // What this exchange tells later ones.
    for (const id of [exchange.identityIdSent, exchange.identityIdReturned]) if (id !== null && !flowOfIdentityId.has(id)) flowOfIdentityId.set(id, flow);
    if (flow.kind === 'identity') for (const key of tokenKeys) if (!flowOfOtherToken.has(key)) flowOfOtherToken.set(key, flow);
    if (call.operation === 'GetId' && exchange.identityIdReturned !== null) {
      if (tokenKeys.length === 0) guestIds.add(exchange.identityIdReturned);
      for (const key of tokenKeys) idForToken.set(key, exchange.identityIdReturned);
    }
    if (flow.kind === 'identity') {
      flow.outcome = call.error ? 'failed' : exchange.credentials || exchange.openIdToken !== null ? 'authenticated' : flow.outcome === 'authenticated' ? 'authenticated' : 'pending';
    }
  }

  // Joined steps go where they happened in time; the flow's own steps are already in that order.
  for (const flow of touched) {
    flow.steps.sort((a, b) => timeOf(a.call).rank - timeOf(b.call).rank);
    for (const step of flow.steps) flow.endedAt = Math.max(flow.endedAt, timeOf(step.call).at + step.call.duration);
  }
  return { identity, refreshes };
}

/** The flow of the latest ID token issued before `end` (exclusive index), if it was still valid at `at`. */
export function latestValid(idTokens: readonly { flow: Flow; expiresAt: number | null }[], end: number, at: number): Flow | null {
  const latest = idTokens[end - 1];
  return latest && (latest.expiresAt === null || latest.expiresAt > at) ? latest.flow : null;
}

/** An identity flow: exchanges with no user-pool token of this capture (social, guests, older tokens). */
export function newIdentityFlow(id: string, call: CognitoCall, at: number, exchange: IdentityExchange): Flow {
  const claims = exchange.logins.map((l) => (l.token.kind === 'jwt' ? l.token.claims : null)).find((c) => c !== null) ?? {};
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
