/**
 * Links managed-login entries into one flow per authorization request (managed-login-oauth2.md §7):
 * authorize → redirect hops (by Location) → login pages → callback (by state, then by code) →
 * token exchange (by code) → tokens; a refresh joins the flow whose refresh token it sends, else
 * (its refresh token is not in the capture: a reload, a capture started after the sign-in, a masked
 * export) the flow whose tokens carry the `origin_jti` of the tokens it got back, for the same
 * client (§3 rule 20: refreshed tokens keep the original origin_jti [KC-REVOKE]); userInfo joins
 * the flow whose access token it carries. Every join is a map look-up: linking stays linear. Nothing is dropped: an entry with nothing to
 * link to starts its own flow (a callback or token request whose authorize was not captured) or
 * is kept as standalone (userInfo, revoke, logout).
 */
import type { FlowTokens } from '../model';
import { decodeToken, tokenClaims, type DecodedToken } from '../tokens';
import { fingerprint } from '../fingerprint';
import { str } from '../json';
import type { OAuthEntry, OAuthFlow, OAuthLink, OAuthStep } from './model';
import { requestParam } from './entries';
import { originPath, param, withoutFragment } from './url';

interface FlowState {
  flow: OAuthFlow;
  /** Decoded state of the authorize request. */
  state: string | null;
  /** originPath of the redirect_uri, the callback's address. */
  callbackAt: string | null;
  exchanged: boolean;
}

/** Where an origin_jti was first seen: the flow, and the entry whose tokens carried it. */
interface Lineage {
  target: FlowState;
  entry: number;
}

/** The `origin_jti` claim of a decoded token, if it is a JWT that has one. */
export function originJti(token: DecodedToken | null): string | undefined {
  return token?.kind === 'jwt' ? (token.originJti ?? undefined) : undefined;
}

/** The app client a token was issued to: the access token's `client_id`, the ID token's `aud`. */
export function tokenClient(token: DecodedToken | null): string | undefined {
  if (token?.kind !== 'jwt') return undefined;
  const claims = tokenClaims(token);
  return str(claims, 'client_id') ?? str(claims, 'aud');
}

export interface LinkResult {
  flows: OAuthFlow[];
  standalone: OAuthEntry[];
}

function emptyTokens(): FlowTokens {
  return { id: null, access: null, refresh: null, issuedBy: null };
}

/** The user a token names, for the flows list. */
function userOf(token: DecodedToken | null): string | null {
  if (token?.kind !== 'jwt') return null;
  const claims = tokenClaims(token);
  return str(claims, 'cognito:username') ?? str(claims, 'username') ?? str(claims, 'email') ?? str(claims, 'sub') ?? null;
}

export class OAuthLinker {
  private readonly states: FlowState[] = [];
  private readonly standalone: OAuthEntry[] = [];
  private readonly byLocation = new Map<string, FlowState>();
  private readonly byState = new Map<string, FlowState>();
  private readonly byCode = new Map<string, FlowState>();
  private readonly byRefresh = new Map<string, FlowState>();
  private readonly byAccess = new Map<string, FlowState>();
  /** origin_jti → the flow whose tokens carried it first (§3 rule 20). */
  private readonly byOrigin = new Map<string, Lineage>();

  /** True when some accepted entry redirected to this URL (fragment ignored: browsers drop it). */
  isRedirectTarget(url: string): boolean {
    return this.byLocation.has(withoutFragment(url));
  }

  add(entry: OAuthEntry): void {
    const viaLocation = this.byLocation.get(withoutFragment(entry.url));
    switch (entry.kind) {
      case 'authorize':
        this.join(this.start(entry), entry, 'start');
        break;
      case 'login':
      case 'idp-response':
      case 'error-page':
      case 'redirect': {
        const byState = this.stateFlow(param(entry.query, 'state'));
        const target = viaLocation ?? byState ?? this.latestForClient(param(entry.query, 'client_id'));
        if (target) this.join(target, entry, viaLocation ? 'location' : byState ? 'state' : 'client');
        else this.join(this.start(entry), entry, 'unlinked');
        break;
      }
      case 'callback':
        this.addCallback(entry, viaLocation);
        break;
      case 'token':
        this.addToken(entry);
        break;
      case 'userInfo': {
        const target = entry.bearer ? this.byAccess.get(entry.bearer) : undefined;
        if (target) this.join(target, entry, 'access-token');
        else this.standalone.push(entry);
        break;
      }
      case 'revoke': {
        const token = requestParam(entry, 'token');
        const target = (token ? this.byRefresh.get(token) : undefined) ?? this.latestForClient(requestParam(entry, 'client_id') ?? entry.basicClientId ?? undefined);
        if (target) this.join(target, entry, token && this.byRefresh.has(token) ? 'refresh-token' : 'client');
        else this.standalone.push(entry);
        break;
      }
      case 'logout': {
        const target = viaLocation ?? this.latestForClient(param(entry.query, 'client_id'));
        if (target) this.join(target, entry, viaLocation ? 'location' : 'client');
        else this.standalone.push(entry);
        break;
      }
    }
  }

  result(): LinkResult {
    return { flows: this.states.map((s) => s.flow), standalone: this.standalone };
  }

  private start(entry: OAuthEntry): FlowState {
    const redirectUri = requestParam(entry, 'redirect_uri') ?? null;
    const responseType = entry.kind === 'authorize' ? (param(entry.query, 'response_type') ?? null) : null;
    const flow: OAuthFlow = {
      id: `oauth-${this.states.length + 1}`,
      grant: responseType,
      clientId: requestParam(entry, 'client_id') ?? entry.basicClientId ?? null,
      redirectUri,
      user: null,
      outcome: 'pending',
      steps: [],
      tokens: emptyTokens(),
      idTokenFingerprints: [],
      startedAt: entry.startedAt,
      endedAt: entry.startedAt,
    };
    const state: FlowState = { flow, state: null, callbackAt: redirectUri ? originPath(redirectUri) : null, exchanged: false };
    if (entry.kind === 'authorize') {
      state.state = param(entry.query, 'state') ?? null;
      if (state.state !== null) this.byState.set(state.state, state);
    }
    this.states.push(state);
    return state;
  }

  private join(target: FlowState, entry: OAuthEntry, link: OAuthLink, linkedTo?: number): void {
    const flow = target.flow;
    const step: OAuthStep = { entry, link };
    if (linkedTo !== undefined) step.linkedTo = linkedTo;
    flow.steps.push(step);
    if (Number.isFinite(entry.startedAt)) {
      if (!Number.isFinite(flow.startedAt)) flow.startedAt = entry.startedAt;
      flow.endedAt = Math.max(Number.isFinite(flow.endedAt) ? flow.endedAt : entry.startedAt, entry.startedAt + entry.duration);
    }
    if (flow.clientId === null) flow.clientId = requestParam(entry, 'client_id') ?? entry.basicClientId ?? null;
    if (flow.redirectUri === null) {
      const uri = requestParam(entry, 'redirect_uri');
      if (uri) {
        flow.redirectUri = uri;
        target.callbackAt = originPath(uri);
      }
    }
    if (entry.location) {
      this.byLocation.set(withoutFragment(entry.location), target);
      this.readLocation(target, entry);
    }
    if (entry.error) flow.outcome = flow.tokens.access ? flow.outcome : 'failed';
  }

  /** A redirect to the callback carries the code (query) or, for the implicit grant, the tokens (fragment, §2.2). */
  private readLocation(target: FlowState, entry: OAuthEntry): void {
    const location = entry.location ?? '';
    const hashAt = location.indexOf('#');
    const queryAt = location.indexOf('?');
    const query = queryAt < 0 ? '' : location.slice(queryAt + 1, hashAt < 0 ? undefined : hashAt);
    const code = /(?:^|&)code=([^&]*)/.exec(query)?.[1];
    if (code) this.byCode.set(decodeSafe(code), target);
    if (hashAt >= 0) {
      const fragment = location.slice(hashAt + 1);
      const access = /(?:^|&)access_token=([^&]*)/.exec(fragment)?.[1];
      const id = /(?:^|&)id_token=([^&]*)/.exec(fragment)?.[1];
      if (access || id) this.issue(target, entry, access ? decodeSafe(access) : undefined, id ? decodeSafe(id) : undefined, undefined);
    }
  }

  private addCallback(entry: OAuthEntry, viaLocation: FlowState | undefined): void {
    const state = param(entry.query, 'state');
    const code = param(entry.query, 'code');
    const at = originPath(entry.url);
    let link: OAuthLink = 'location';
    let target = viaLocation;
    if (!target && state !== undefined) {
      target = this.stateFlow(state);
      link = 'state';
    }
    if (!target && code !== undefined) {
      target = this.byCode.get(code);
      link = 'code';
    }
    if (!target) {
      // The latest flow that sends the browser here and has had no callback yet.
      target = [...this.states].reverse().find((s) => s.callbackAt === at && !s.flow.steps.some((step) => step.entry.kind === 'callback'));
      link = 'client';
    }
    if (!target) {
      target = this.start(entry);
      link = 'unlinked';
    }
    if (code !== undefined) this.byCode.set(code, target);
    this.join(target, entry, link);
  }

  private addToken(entry: OAuthEntry): void {
    const grant = requestParam(entry, 'grant_type');
    const clientId = requestParam(entry, 'client_id') ?? entry.basicClientId ?? undefined;
    let target: FlowState | undefined;
    let link: OAuthLink = 'unlinked';
    let linkedTo: number | undefined;
    if (grant === 'authorization_code') {
      const code = requestParam(entry, 'code');
      target = code !== undefined ? this.byCode.get(code) : undefined;
      link = 'code';
      if (!target) {
        const uri = requestParam(entry, 'redirect_uri');
        const at = uri ? originPath(uri) : null;
        target = [...this.states].reverse().find((s) => !s.exchanged && s.flow.grant === 'code' && (at === null || s.callbackAt === at) && (clientId === undefined || s.flow.clientId === clientId));
        link = 'client';
      }
    } else if (grant === 'refresh_token') {
      const refresh = requestParam(entry, 'refresh_token');
      target = refresh !== undefined ? this.byRefresh.get(refresh) : undefined;
      link = 'refresh-token';
      if (!target) {
        const lineage = this.lineageOf(entry, clientId);
        if (lineage) {
          target = lineage.target;
          link = 'origin-jti';
          linkedTo = lineage.entry;
        }
      }
      if (!target) {
        // An implicit flow has no refresh token (§2.2): a refresh for its client is a mistake the checks explain.
        target = [...this.states].reverse().find((s) => s.flow.grant === 'token' && (clientId === undefined || s.flow.clientId === clientId));
        link = 'client';
      }
    }
    if (!target && grant === undefined) {
      // No readable body (not captured, or a strict export dropped it): the latest sign-in on this domain
      // that reached its callback, preferring one that has not exchanged a code yet.
      const reached = [...this.states].reverse().filter((s) => s.flow.steps[0]?.entry.origin === entry.origin && s.flow.steps.some((step) => step.entry.kind === 'callback'));
      target = reached.find((s) => !s.exchanged) ?? reached[0];
      link = 'order';
    }
    if (!target) {
      target = this.start(entry);
      target.flow.grant = grant ?? null;
      link = 'unlinked';
    }
    if (grant === 'authorization_code' || link === 'order') target.exchanged = true;
    this.join(target, entry, link, linkedTo);
    const json = entry.responseJson;
    if (json && entry.status >= 200 && entry.status < 300) {
      this.issue(target, entry, str(json, 'access_token'), str(json, 'id_token'), str(json, 'refresh_token'));
    }
  }

  private issue(target: FlowState, entry: OAuthEntry, access: string | undefined, id: string | undefined, refresh: string | undefined): void {
    const flow = target.flow;
    const capturedAt = entry.startedAt + entry.duration;
    if (access) {
      flow.tokens.access = decodeToken(access, capturedAt);
      this.byAccess.set(access, target);
      this.remember(target, entry, flow.tokens.access);
    }
    if (id) {
      flow.tokens.id = decodeToken(id, capturedAt);
      this.remember(target, entry, flow.tokens.id);
      const print = fingerprint(id);
      if (!flow.idTokenFingerprints.includes(print)) flow.idTokenFingerprints.push(print);
      flow.user = userOf(flow.tokens.id) ?? flow.user;
    }
    if (refresh) {
      flow.tokens.refresh = decodeToken(refresh, capturedAt);
      this.byRefresh.set(refresh, target);
    }
    if (access || id) {
      flow.tokens.issuedBy = entry.entry;
      flow.outcome = 'authenticated';
    }
  }

  /** Registers a token's origin_jti; the first flow (and entry) that carried it keeps it. */
  private remember(target: FlowState, entry: OAuthEntry, token: DecodedToken): void {
    const origin = originJti(token);
    if (origin !== undefined && !this.byOrigin.has(origin)) this.byOrigin.set(origin, { target, entry: entry.entry });
  }

  /**
   * §3 rule 20 for a refresh whose refresh token no flow was issued: the flow whose tokens carry the
   * origin_jti of the tokens it got back, when the client is the same on both sides (the request's
   * client id, else the returned token's; the flow's client id, else its tokens'). A different client
   * or origin_jti, or tokens without one (not a Cognito JWT), link nothing.
   */
  private lineageOf(entry: OAuthEntry, requestClient: string | undefined): Lineage | undefined {
    const json = entry.responseJson;
    if (!json || entry.status < 200 || entry.status >= 300) return undefined;
    const capturedAt = entry.startedAt + entry.duration;
    for (const key of ['access_token', 'id_token']) {
      const raw = str(json, key);
      const token = raw === undefined ? null : decodeToken(raw, capturedAt);
      const origin = originJti(token);
      const found = origin === undefined ? undefined : this.byOrigin.get(origin);
      if (!found) continue;
      const tokens = found.target.flow.tokens;
      const flowClient = found.target.flow.clientId ?? tokenClient(tokens.access) ?? tokenClient(tokens.id);
      const returnedClient = tokenClient(token);
      const client = requestClient ?? returnedClient;
      if (client !== undefined && client === flowClient && (returnedClient === undefined || returnedClient === flowClient)) return found;
    }
    return undefined;
  }

  /** The flow whose authorize sent this state: exact, else equal after one more decoding (§3 rule 7). */
  private stateFlow(state: string | undefined): FlowState | undefined {
    if (state === undefined) return undefined;
    const exact = this.byState.get(state);
    if (exact) return exact;
    const decoded = decodeSafe(state);
    for (const [sent, target] of this.byState) if (decodeSafe(sent) === decoded) return target;
    return undefined;
  }

  private latestForClient(clientId: string | undefined): FlowState | undefined {
    if (clientId === undefined) return undefined;
    return [...this.states].reverse().find((s) => s.flow.clientId === clientId);
  }
}

export function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
