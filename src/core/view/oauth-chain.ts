/**
 * Managed-login flows in the panel's chain components: each OAuth flow becomes a Flow whose steps
 * carry call-shaped records (operation = the step kind: authorize, login, callback, token, …), so
 * the flows list shows a "managed login" row and the chain, details and token cards render it as
 * they render API flows. What the cards show is masked already: the URL's codes and state, the
 * form fields (code, code_verifier, password…) by the redaction rules, the raw entry through the
 * export's share profile (a managed-login entry's secrets sit in URLs, forms and Location headers,
 * which the panel's key masking alone would not reach).
 */
import type { Analysis, Body, CognitoCall, Flow, Step } from '../model';
import type { OAuthEntry, OAuthFlow, OAuthLink } from '../oauth/model';
import { PROFILES, maskUrl, redactEntry } from '../redact';
import { readResponseBody } from '../body';

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
  'refresh-token': 'refresh-token', 'access-token': 'access-token', client: 'client', order: 'order',
};

export function oauthChainFlow(flow: OAuthFlow): Flow {
  const steps: Step[] = flow.steps.map(({ entry, link }, index) => ({
    call: asCall(entry),
    challengeIn: null,
    challengeOut: null,
    handoff: index === 0 ? 'start' : 'ok',
    handoffVia: VIA[link],
    sessionAgeMs: null,
    sessionExpired: false,
    sessionSent: null,
    sessionReturned: null,
    tokens: flow.tokens.issuedBy === entry.entry ? flow.tokens : null,
    expected: null,
  }));
  return {
    id: flow.id,
    user: flow.user,
    clientId: flow.clientId,
    authFlow: `managed login${flow.grant ? ` (${flow.grant})` : ''}`,
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

/** API flows, then managed-login flows as chains; computed once per analysis. */
export function panelFlows(analysis: Analysis): Flow[] {
  let flows = cache.get(analysis);
  if (!flows) {
    flows = [...analysis.flows, ...analysis.oauth.flows.map(chainOf)];
    cache.set(analysis, flows);
  }
  return flows;
}
