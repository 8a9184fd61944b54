/**
 * Managed-login flows in the panel's chain components: each OAuth flow becomes a Flow whose steps
 * carry call-shaped records (operation = the step kind: authorize, login, callback, token, …), so
 * the flows list shows a "managed login" row and the chain, details and token cards render it as
 * they render API flows. What the cards show is masked already: the URL's codes and state, the
 * form fields (code, code_verifier, password…) by the redaction rules, the raw entry through the
 * export's share profile (a managed-login entry's secrets sit in URLs, forms and Location headers,
 * which the panel's key masking alone would not reach).
 */
import { identityFlowsByManagedLogin } from '../oauth/identity-join';
import { managedLoginOfRefreshFlows } from '../oauth/api-refresh-join';
import { managedLoginCalls } from '../oauth/api-join';
import type { Analysis, Body, CognitoCall, Diagnostic, Flow, Step } from '../model';
import type { OAuthEntry, OAuthFlow, OAuthLink } from '../oauth/model';
import { oauthLinkReason } from '../oauth/link-reason';
import { PROFILES, maskUrl, redactEntry } from '../redact';
import { readResponseBody } from '../body';
import { byStartThenEntry } from '../links/time-order';
import { sameList } from '../same-list';
import { maxOf } from '../long-lists';

export const OAUTH_FLOW_PREFIX = 'oauth-';

/** True for the id of a managed-login flow (the panel offers no replay for those). */
export function isOAuthFlowId(id: string | null): boolean {
  return id !== null && id.startsWith(OAUTH_FLOW_PREFIX);
}

function formBody(entry: OAuthEntry): Body {
  const params = entry.method === 'POST' ? entry.form : entry.query;
  if (params.length === 0) return entry.method === 'POST' && !entry.har.request?.postData ? { state: 'not-captured', reason: 'the HAR has no request body (postData) for this POST' } : { state: 'empty' };
  const value: Record<string, string> = {};
  for (const p of params) if (!(p.name in value)) value[p.name] = p.value;
  return { state: 'json', value };
}

/**
 * The raw entry for the Raw tab: the export's share masking, and HTML pages left out (a redirect's
 * "Redirecting to …?code=…" body, the sign-in page's _csrf: share masking keeps HTML as it is).
 */
function shownHar(entry: OAuthEntry): CognitoCall['har'] {
  const har = redactEntry(entry.har, PROFILES.share);
  const content = har.response?.content;
  if (!content || typeof content.text !== 'string' || content.text === '' || entry.responseJson !== null) return har;
  const note = `(page of ${content.text.length} characters not shown: it may hold codes and form tokens)`;
  return { ...har, response: { ...har.response, content: { ...content, text: note } } };
}

/**
 * A body the capture does not hold says so (why, when the capture noted it) rather than "empty": a token
 * answer Chrome's DevTools lost after the page changed its URL (token-body-not-captured). Other bodies
 * without JSON (HTML pages, which may hold codes) stay "empty" here; the Raw tab shows them masked.
 */
function responseNotKept(entry: OAuthEntry): Body {
  const body = readResponseBody(entry.har.response?.content, entry.status);
  return body.state === 'not-captured' ? body : { state: 'empty' };
}

function asCall(entry: OAuthEntry): CognitoCall {
  return {
    entry: entry.entry,
    operation: entry.kind,
    url: maskUrl(entry.url, PROFILES.share),
    method: entry.method,
    startedAt: entry.startedAt,
    duration: entry.duration,
    status: entry.status,
    request: formBody(entry),
    response: entry.responseJson ? { state: 'json', value: entry.responseJson } : responseNotKept(entry),
    error: entry.error ? { type: entry.error.code, message: entry.error.description ?? '', source: entry.error.source === 'token-body' ? 'body' : entry.error.source === 'www-authenticate' ? 'header' : 'status' } : null,
    har: shownHar(entry),
    replayOf: null,
    service: 'managed-login',
  };
}

/** What linked a managed-login step, in the chain's handoff words (handoff-view.ts). */
const VIA: Readonly<Record<OAuthLink, Step['handoffVia']>> = {
  start: 'none', unlinked: 'none', location: 'redirect', state: 'state', code: 'code',
  'refresh-token': 'refresh-token', 'access-token': 'access-token', 'origin-jti': 'origin-jti', client: 'client', order: 'order',
};

/** Grants named in words on the flow's row where the protocol name reads badly; the others as sent (a Map: the grant is captured text). */
const GRANT_WORDS: ReadonlyMap<string, string> = new Map([['client_credentials', 'client credentials']]);

export function oauthChainFlow(flow: OAuthFlow): Flow {
  // Steps are named by their place in the chain, as the panel's cards number them.
  const stepName = (entry: number) => `step ${flow.steps.findIndex((s) => s.entry.entry === entry) + 1}`;
  const steps: Step[] = flow.steps.map((oauthStep, index) => {
    const { entry, link } = oauthStep;
    const reason = oauthLinkReason(oauthStep, stepName);
    const step: Step = {
      call: asCall(entry),
      challengeIn: null,
      challengeOut: null,
      handoff: index === 0 ? 'start' : 'ok',
      handoffVia: VIA[link],
      sessionAgeMs: null,
      sessionExpired: false,
      tokens: flow.tokens.issuedBy === entry.entry ? flow.tokens : null,
      expected: null,
    };
    if (reason !== undefined) step.linkReason = reason;
    return step;
  });
  return {
    id: flow.id,
    user: flow.user,
    clientId: flow.clientId,
    authFlow: `managed login${flow.grant ? ` (${GRANT_WORDS.get(flow.grant) ?? flow.grant})` : ''}`,
    outcome: flow.outcome,
    steps,
    tokens: flow.tokens,
    clientHasSecret: false,
    deviceInPlay: false,
    startedAt: flow.startedAt,
    endedAt: flow.endedAt,
  };
}

const cache = new WeakMap<Analysis, Flow[]>();
/** One chain per managed-login flow object: an unchanged managed-login analysis shows the same flows (and rows). */
const chains = new WeakMap<OAuthFlow, Flow>();

function chainOf(flow: OAuthFlow): Flow {
  let chain = chains.get(flow);
  if (!chain) chains.set(flow, (chain = oauthChainFlow(flow)));
  return chain;
}

/**
 * A managed-login chain with what followed the sign-in appended, as the API flows show theirs: the
 * user-pool calls made with its tokens ("with this sign-in's tokens", oauth/api-join.ts) and the
 * identity-pool exchanges its ID token was sent to (oauth/identity-join.ts), merged in time order
 * (then entry order). The first exchange of each identity flow reads as joined by the ID token (a
 * copy: the analysis' own step stays as the identity flow made it). Kept per chain while the same
 * calls and identity flows join it, so an unchanged flow keeps its row.
 */
const merged = new WeakMap<Flow, { calls: readonly Step[]; parts: readonly Flow[]; flow: Flow }>();

function withAfterSignIn(chain: Flow, calls: readonly Step[] = [], identity: readonly Flow[] = []): Flow {
  if (calls.length === 0 && identity.length === 0) return chain;
  const known = merged.get(chain);
  if (known && sameList(known.calls, calls) && sameList(known.parts, identity)) return known.flow;
  const joined: Step[] = [...calls];
  for (const part of identity) {
    part.steps.forEach((step, index) => joined.push(index === 0 ? { ...step, handoff: 'ok', handoffVia: 'id-token' } : step));
  }
  if (calls.length > 0 && identity.length > 0) joined.sort((a, b) => byStartThenEntry(a.call, b.call));
  const ends = [...identity.map((part) => part.endedAt), ...calls.map((step) => step.call.startedAt + step.call.duration).filter(Number.isFinite)];
  const flow: Flow = { ...chain, steps: [...chain.steps, ...joined], endedAt: Math.max(chain.endedAt, maxOf(ends)) };
  merged.set(chain, { calls, parts: identity, flow });
  return flow;
}

/** An API refresh of managed-login tokens, shown as the refresh of that flow (a copy, kept while the join holds). */
const refreshCopies = new WeakMap<Flow, Flow>();

function asRefreshOf(flow: Flow, oauth: string | undefined): Flow {
  if (oauth === undefined) return flow;
  const known = refreshCopies.get(flow);
  if (known && known.refreshOf === oauth) return known;
  const copy: Flow = { ...flow, refreshOf: oauth };
  refreshCopies.set(flow, copy);
  return copy;
}

/**
 * API flows, then managed-login flows as chains; computed once per analysis. An API refresh of a
 * managed-login sign-in's tokens (GetTokensFromRefreshToken) names that flow as what it refreshes. Identity flows that
 * followed a managed-login sign-in, and calls outside any flow made with its tokens, are shown inside
 * its chain, not as rows of their own (nor as "Other Cognito calls": otherCognitoCalls).
 */
export function panelFlows(analysis: Analysis): Flow[] {
  let flows = cache.get(analysis);
  if (!flows) {
    const byOAuth = identityFlowsByManagedLogin(analysis);
    const inside = new Set<Flow>();
    for (const list of byOAuth.values()) for (const flow of list) inside.add(flow);
    const refreshes = managedLoginOfRefreshFlows(analysis);
    const joined = managedLoginCalls(analysis);
    // TOTP setup started with a managed-login access token shows in that chain too.
    const api = inside.size === 0 && joined.oauthOfFlow.size === 0 ? analysis.flows : analysis.flows.filter((flow) => !inside.has(flow) && !joined.oauthOfFlow.has(flow.id));
    flows = [
      ...(refreshes.size === 0 ? api : api.map((flow) => asRefreshOf(flow, refreshes.get(flow.id)))),
      ...analysis.oauth.flows.map((flow) => withAfterSignIn(chainOf(flow), joined.byOAuth.get(flow.id)?.map((j) => j.step), byOAuth.get(flow.id))),
    ];
    cache.set(analysis, flows);
  }
  return flows;
}

/** The calls outside any flow that no managed-login flow's tokens claimed: the panel's "Other Cognito calls". */
export function otherCognitoCalls(analysis: Analysis): CognitoCall[] {
  return managedLoginCalls(analysis).other;
}

/**
 * Diagnostics by the flow the panel shows them in: an absorbed identity flow's findings, and those
 * of the calls made with the sign-in's tokens (diagnosed as calls outside any flow, `flow` null, or
 * as a TOTP-setup API flow), count for the managed-login row whose chain shows their steps.
 */
export function diagnosticsByShownFlow(analysis: Analysis, byFlow: Map<string, Diagnostic[]>): Map<string, Diagnostic[]> {
  const byOAuth = identityFlowsByManagedLogin(analysis);
  const { oauthOf, oauthOfFlow } = managedLoginCalls(analysis);
  if (byOAuth.size === 0 && oauthOf.size === 0 && oauthOfFlow.size === 0) return byFlow;
  const shown = new Map(byFlow);
  for (const [oauth, identity] of byOAuth) {
    const own = byFlow.get(oauth) ?? [];
    const theirs = identity.flatMap((flow) => byFlow.get(flow.id) ?? []);
    if (theirs.length > 0) shown.set(oauth, [...own, ...theirs]);
  }
  if (oauthOf.size > 0 || oauthOfFlow.size > 0) {
    for (const d of analysis.diagnostics) {
      const oauth = d.flow === null ? oauthOf.get(d.entry) : oauthOfFlow.get(d.flow);
      if (oauth === undefined) continue;
      let list = shown.get(oauth);
      // A copy the first time: byFlow's own lists are left as they were.
      if (list === undefined || list === byFlow.get(oauth)) shown.set(oauth, (list = [...(list ?? [])]));
      list.push(d);
    }
  }
  return shown;
}
