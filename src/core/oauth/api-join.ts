/**
 * User-pool API calls made with a managed-login sign-in's tokens (issue 12, "linked into the same
 * story"). After `signInWithRedirect` an app calls cognito-idp with the tokens /oauth2/token issued:
 * GetUser (Amplify `fetchUserAttributes`), UpdateUserAttributes, ListDevices, AssociateSoftwareToken,
 * GlobalSignOut with the access token, RevokeToken with the refresh token (Amplify v6 `signOut()`,
 * managed-login-oauth2.md §2.5; §7 "later use: AccessToken in cognito-idp bodies"). The after-sign-in
 * linker joins such calls to the API flow whose tokens they carry, but it indexes API flows' tokens
 * only, so these stay outside any flow (`analysis.standalone`), or, for AssociateSoftwareToken /
 * VerifySoftwareToken, form a TOTP-setup API flow of their own. This finds the managed-login flow
 * that issued the token such a call sends: `AccessToken` must be an access token the flow was
 * issued, RevokeToken's `Token` one of its refresh tokens (the rules the API linker applies).
 *
 * The tokens of a flow are every set it was issued: the code exchange, each /oauth2/token refresh
 * linked to it (by refresh token, or by origin_jti lineage, §3 rule 20, with the refresh token that
 * refresh sent), and the implicit grant's redirect fragment (§2.2). The first flow a token was
 * issued to wins, as the linkers decide. Map look-ups only (linear). Derived from a finished
 * analysis and never stored in it, like identity-join.ts and api-refresh-join.ts, so the live and
 * the one-shot analysis agree by construction. The calls' diagnostics (access-token-scope, §3
 * rule 14; token-expired) are the ones the analysis gave them as calls outside any flow.
 *
 * A share export masks a token the same way wherever it appears (redact/mask.ts: a JWT keeps header
 * and claims, an opaque refresh token becomes its length and fingerprint), so the masked value in
 * the call still equals the masked value /oauth2/token returned and the join holds. A strict export
 * drops the bodies of requests that are not X-Amz-Target calls, /oauth2/token's answer with them:
 * no flow was issued anything, and the calls stay outside any flow.
 */
import type { Analysis, CognitoCall, Flow, Step } from '../model';
import { bodyObject } from '../body';
import { str } from '../json';
import { LongKeyMap } from '../long-key-map';
import type { OAuthAnalysis } from './model';
import { oauthIssuedTokens, type OAuthIssuedToken } from './issued';
import { joinedStep, tokenSentBy } from '../links/joined-steps';
import { byStartThenEntry } from '../links/time-order';

type Use = OAuthIssuedToken['as'];

interface Issue {
  flow: string;
  as: Use;
}

/** Every token the managed-login flows hold (issued.ts), by value (trimmed): the first flow wins. */
function issuedIndex(oauth: OAuthAnalysis): LongKeyMap<Issue> {
  const index = new LongKeyMap<Issue>();
  for (const { flow, as, value } of oauthIssuedTokens(oauth)) {
    const key = value.trim();
    if (index.get(key) === undefined) index.set(key, { flow, as });
  }
  return index;
}

/** A step shown in a managed-login chain, with the API flow it belongs to (null: a call outside any flow). */
export interface JoinedStep {
  step: Step;
  flow: Flow | null;
}

export interface ManagedLoginCalls {
  /** Managed-login flow id → the steps made with its tokens, in time order (then entry order). */
  byOAuth: Map<string, JoinedStep[]>;
  /** Entry of each joined call outside any flow → the managed-login flow id it joined. */
  oauthOf: Map<number, string>;
  /** Id of each joined API flow (TOTP setup started with the access token) → the managed-login flow id. */
  oauthOfFlow: Map<string, string>;
  /** The calls outside any flow that no managed-login flow claimed either ("Other Cognito calls"). */
  other: CognitoCall[];
}

/** One step object per call while it joins the same way, so an unchanged chain keeps its row. */
const stepOf = new WeakMap<CognitoCall, Step>();

function stepWithTokens(call: CognitoCall, as: Use): Step {
  const via: Step['handoffVia'] = as === 'refresh' ? 'refresh-token' : 'access-token';
  const known = stepOf.get(call);
  if (known && known.handoffVia === via) return known;
  const step: Step = { ...joinedStep(call, 'ok', via), withTokens: true };
  stepOf.set(call, step);
  return step;
}

/** The first step of a joined API flow, read as joined by the access token (a copy: the flow's own step stays). */
const firstCopies = new WeakMap<Step, Step>();

function joinedFirst(step: Step): Step {
  let copy = firstCopies.get(step);
  if (!copy) firstCopies.set(step, (copy = { ...step, handoff: 'ok', handoffVia: 'access-token', withTokens: true }));
  return copy;
}

/**
 * The access token an API flow was started with: AssociateSoftwareToken / VerifySoftwareToken with an
 * AccessToken no API sign-in of the capture issued make a TOTP-setup flow of their own (flows.ts).
 */
function startedWithAccessToken(flow: Flow): string | undefined {
  const first = flow.steps[0];
  if (flow.kind === 'identity' || !first || first.handoff !== 'start' || first.handoffVia !== 'access-token') return undefined;
  return str(bodyObject(first.call.request), 'AccessToken')?.trim();
}

const afterOrder = (a: JoinedStep, b: JoinedStep): number => byStartThenEntry(a.step.call, b.step.call);

const cache = new WeakMap<Pick<Analysis, 'flows' | 'standalone' | 'oauth'>, ManagedLoginCalls>();

/** The calls made with a managed-login flow's tokens that no API sign-in claimed, by flow; computed once per analysis. */
export function managedLoginCalls(analysis: Pick<Analysis, 'flows' | 'standalone' | 'oauth'>): ManagedLoginCalls {
  let found = cache.get(analysis);
  if (found) return found;
  found = { byOAuth: new Map(), oauthOf: new Map(), oauthOfFlow: new Map(), other: analysis.standalone };
  cache.set(analysis, found);
  if (analysis.oauth.flows.length === 0) return found;
  const issued = issuedIndex(analysis.oauth);
  const byOAuth = found.byOAuth;
  const add = (oauth: string, joined: JoinedStep) => {
    const list = byOAuth.get(oauth);
    if (list) list.push(joined);
    else byOAuth.set(oauth, [joined]);
  };
  for (const flow of analysis.flows) {
    const sent = startedWithAccessToken(flow);
    const issue = sent ? issued.get(sent) : undefined;
    if (!issue || issue.as !== 'access') continue;
    found.oauthOfFlow.set(flow.id, issue.flow);
    flow.steps.forEach((step, index) => add(issue.flow, { step: index === 0 ? joinedFirst(step) : step, flow }));
  }
  const other: CognitoCall[] = [];
  for (const call of analysis.standalone) {
    const sent = tokenSentBy(call);
    const issue = sent && sent.value !== '' ? issued.get(sent.value) : undefined;
    // An ID token sent as AccessToken (or an access token revoked) is not this flow's use of it: the call stays apart.
    if (!sent || !issue || issue.as !== sent.as) {
      other.push(call);
      continue;
    }
    add(issue.flow, { step: stepWithTokens(call, sent.as), flow: null });
    found.oauthOf.set(call.entry, issue.flow);
  }
  if (found.oauthOf.size > 0) found.other = other;
  // Calls come in time order mostly (the API linker's); sorted only when they are not.
  for (const list of byOAuth.values()) if (list.some((item, i) => i > 0 && afterOrder(list[i - 1]!, item) > 0)) list.sort(afterOrder);
  return found;
}
