/**
 * What happens after a sign-in, linked back to it (issue 11): refreshes to the flow that issued
 * the refresh token they send; user-pool calls carrying a flow's access token into that flow
 * ("with this sign-in's tokens"); identity-pool exchanges to the flow whose ID token they carry in
 * Logins (identity-pools.md "Linking to the user-pool sign-in"). Runs after linkFlows, on its
 * result, so the sign-in linking stays as it is. Nothing is dropped: an exchange with no token of
 * this capture forms an identity flow of its own.
 *
 * The same linking for a capture that grows (the live panel, core/live-analysis.ts): the one-shot
 * `linkAfterSignIn` is one update over all the calls, so both tell the same story. An update must
 * not cost a pass that reads every call again, so what is costly is done once and kept:
 *
 * - the tokens each sign-in step was issued are indexed when the step appears (the linker says
 *   which flows changed), ranked by where the one-shot registration would meet them, so "the first
 *   issue wins" holds whatever order they arrive in;
 * - an identity exchange is read (Logins decoded, fingerprinted) once, and read again only when a
 *   token it carries now resolves differently (its flow's tokens arrived after it);
 * - a joined step keeps its object while it joins the same way;
 * - the identity pass (time order, each exchange learning from the earlier ones) carries on from
 *   the last update, and starts over only when a call arrives before those it linked or a token
 *   they could have found is indexed.
 *
 * `resolve` re-decides the refreshes and the calls with a flow's tokens on every update, with map
 * look-ups only: a later refresh can join a flow shown earlier, and an earlier call can now find
 * its tokens. Nothing here mutates a linker flow: joins are returned, and the caller builds the
 * flows it shows from them (`linkAfterSignIn` applies them in place).
 */
import type { CognitoCall, Flow, IdentityExchange, JsonObject, Step } from '../model';
import { bodyObject } from '../body';
import { readExchange } from '../identity/exchange';
import type { IssuedToken } from './token-index';
import type { LinkResult } from '../flows';
import { sendTimes } from './time-order';
import { LongKeyMap } from '../long-key-map';
import { firstIndexWhere } from '../sorted';
import { joinStep, latestValid, newIdentityFlow, refreshTokenSent, responseDate, tokenSentBy, type AfterSignIn, type IdentityStepContext, type RefreshContext } from './joined-steps';
import { appendAll } from '../long-lists';

export { refreshTokenSent, type AfterSignIn, type IdentityStepContext, type RefreshContext } from './joined-steps';

/** Where the one-shot registration meets a token: flow (creation order), step, then id/access/refresh. */
type Rank = readonly [flow: number, step: number, use: number];

const earlier = (a: Rank, b: Rank): boolean => a[0] - b[0] < 0 || (a[0] === b[0] && (a[1] - b[1] < 0 || (a[1] === b[1] && a[2] < b[2])));

interface Ranked<T> {
  value: T;
  rank: Rank;
}

interface IdTokenIssue {
  flow: Flow;
  issuedAt: number;
  expiresAt: number | null;
  rank: Rank;
}

interface RefreshStart {
  flow: Flow;
  first: CognitoCall;
  token: string | null;
  request: JsonObject;
}

/** The refresh a flow starts with (its first call sends a refresh token), or undefined. */
function refreshStart(flow: Flow): RefreshStart | undefined {
  const first = flow.steps[0];
  const token = first ? refreshTokenSent(first.call) : undefined;
  return first && token !== undefined ? { flow, first: first.call, token, request: bodyObject(first.call.request) } : undefined;
}

type Answer = ReturnType<Parameters<typeof readExchange>[1]>;

interface ReadExchange {
  exchange: IdentityExchange;
  /** The token values it looked up, with what they resolved to then. */
  lookups: [string, Answer][];
}

/** What the calls after the sign-ins join, decided again on every update. Flows are the linker's (and identity drafts). */
export interface Joins {
  /** Steps joined to each sign-in flow (with its tokens, identity exchanges), in the order they joined. */
  joined: Map<Flow, Step[]>;
  /** `refreshOf` of every flow that starts with a refresh. */
  refreshOf: Map<Flow, string | null>;
  refreshes: RefreshContext[];
  /** User-pool calls outside any flow that no flow's tokens claimed. */
  standalone: CognitoCall[];
  /**
   * Identity flows, in creation order, steps in time order. Kept and extended between updates, and
   * without an id: the one-shot and the live analysis number them (identity-1, … in this order).
   */
  identityFlows: Flow[];
  identity: IdentityStepContext[];
  /**
   * For the live analysis, which keeps what it showed of the identity pass between updates: the
   * pass started over in this resolve (every identity flow and context is new), and the identity
   * flows that gained a step in it (new ones included). Contexts are only ever appended otherwise.
   */
  identityRestarted: boolean;
  identityTouched: ReadonlySet<Flow>;
}

const USES = ['id', 'access', 'refresh'] as const;

/** The identity pass over the calls linked so far, and what it has learnt (kept between updates). */
interface IdentityPass {
  done: number;
  /** When the last call linked was sent. */
  lastAt: number;
  flows: Flow[];
  /** Identity steps joined to sign-in flows, in the order they joined. */
  joined: Map<Flow, Step[]>;
  contexts: IdentityStepContext[];
  flowOfIdentityId: Map<string, Flow>;
  flowOfOtherToken: Map<string, Flow>;
  idForToken: Map<string, string>;
  guestIds: Set<string>;
}

function freshPass(): IdentityPass {
  return {
    done: 0, lastAt: -Infinity, flows: [], joined: new Map(), contexts: [],
    flowOfIdentityId: new Map(), flowOfOtherToken: new Map(), idForToken: new Map(), guestIds: new Set(),
  };
}

export class AfterSignInLinker {
  /** Keyed on whole token values (~1,000 characters): a LongKeyMap hashes a short sample of each. */
  private readonly byValue = new LongKeyMap<Ranked<IssuedToken>>();
  private readonly byOrigin = new Map<string, Ranked<Flow>>();
  /** ID tokens by issue time (then rank): the one-shot list after its stable sort. */
  private readonly idTokens: IdTokenIssue[] = [];
  private readonly order = new Map<Flow, number>();
  private readonly flowById = new Map<string, Flow>();
  /** How many of each flow's steps have had their tokens indexed (the linker only appends steps). */
  private readonly registered = new Map<Flow, number>();
  private readonly refreshStarts: RefreshStart[] = [];
  /** Identity calls in time order (time, then entry). */
  private readonly identityCalls: CognitoCall[] = [];
  private readonly exchanges = new Map<CognitoCall, ReadExchange>();
  private readonly steps = new Map<CognitoCall, Step>();
  private readonly responded = new Map<CognitoCall, number>();
  private identity = freshPass();
  /** Since the last resolve: the earliest issue time of a token indexed (-Infinity: one displaced another). */
  private touchedFrom = Infinity;
  /** Since the last resolve: the earliest place an identity call was inserted at. */
  private insertedBefore = Infinity;

  /** `timeOf`: when a call was sent, as callTimes (time-order.ts) has it (stable as the capture grows). */
  constructor(private readonly timeOf: (call: CognitoCall) => number) {}

  /** The linker's flows (creation order) after its latest update, and which of them it changed. */
  addFlows(flows: readonly Flow[], changed: ReadonlySet<Flow>): void {
    for (let i = this.order.size; i < flows.length; i++) {
      const flow = flows[i]!;
      this.order.set(flow, i);
      this.flowById.set(flow.id, flow);
      const start = refreshStart(flow);
      if (start) this.refreshStarts.push(start);
    }
    for (const flow of changed) {
      const order = this.order.get(flow)!;
      for (let i = this.registered.get(flow) ?? 0; i < flow.steps.length; i++) this.register(flow, order, i, flow.steps[i]!);
      this.registered.set(flow, flow.steps.length);
    }
  }

  /** New identity-pool calls, in any order. */
  addIdentityCalls(calls: readonly CognitoCall[]): void {
    for (const call of calls) {
      const list = this.identityCalls;
      let i = list.length;
      while (i > 0 && this.after(list[i - 1]!, call)) i--;
      list.splice(i, 0, call);
      this.insertedBefore = Math.min(this.insertedBefore, i);
    }
  }

  private after(a: CognitoCall, b: CognitoCall): boolean {
    const ta = this.timeOf(a);
    const tb = this.timeOf(b);
    return ta > tb || (ta === tb && a.entry > b.entry);
  }

  private register(flow: Flow, order: number, index: number, step: Step): void {
    const tokens = step.tokens;
    if (!tokens) return;
    const issuedAt = this.timeOf(step.call) + step.call.duration;
    const entry = tokens.issuedBy ?? -1;
    // A plain loop, not USES.forEach: this runs for every token of every sign-in.
    for (let use = 0; use < USES.length; use++) {
      const as = USES[use]!;
      const token = tokens[as];
      if (!token) continue;
      const rank: Rank = [order, index, use];
      const key = token.raw.trim();
      const known = this.byValue.get(key);
      // The first issue wins (TokenIndex.register), first as the one-shot pass meets them.
      if (key !== '' && (!known || earlier(rank, known.rank))) {
        this.byValue.set(key, { value: { flow, entry, as, issuedAt }, rank });
        this.touchedFrom = known ? -Infinity : Math.min(this.touchedFrom, issuedAt);
      }
      const origin = token.kind === 'jwt' ? token.originJti : null;
      if (origin !== null) {
        const first = this.byOrigin.get(origin);
        if (!first || earlier(rank, first.rank)) this.byOrigin.set(origin, { value: flow, rank });
      }
    }
    const id = tokens.id;
    if (id) {
      const issue: IdTokenIssue = { flow, issuedAt, expiresAt: id.kind === 'jwt' ? id.expiresAt : null, rank: [order, index, 0] };
      let i = this.idTokens.length;
      while (i > 0) {
        const last = this.idTokens[i - 1]!;
        if (last.issuedAt > issuedAt || (last.issuedAt === issuedAt && earlier(issue.rank, last.rank))) i--;
        else break;
      }
      // Issued in time order, mostly: then it goes last, without a splice (and its removed-items array).
      if (i === this.idTokens.length) this.idTokens.push(issue);
      else this.idTokens.splice(i, 0, issue);
      this.touchedFrom = Math.min(this.touchedFrom, issuedAt);
    }
  }

  private issuedBefore(value: string, at: number): IssuedToken | undefined {
    const issued = this.byValue.get(value.trim())?.value;
    return issued && !(issued.issuedAt > at) ? issued : undefined;
  }

  private lookup(value: string, at: number): Answer {
    const issued = this.issuedBefore(value, at);
    return issued ? { flow: issued.flow.id, entry: issued.entry, as: issued.as } : null;
  }

  /** The exchange read once; read again only when a token it carries resolves differently now. */
  private exchangeOf(call: CognitoCall, at: number): IdentityExchange {
    const known = this.exchanges.get(call);
    const same = (a: Answer, b: Answer) => a === b || (a !== null && b !== null && a.flow === b.flow && a.entry === b.entry && a.as === b.as);
    if (known && known.lookups.every(([value, answer]) => same(this.lookup(value, at), answer))) return known.exchange;
    const lookups: [string, Answer][] = [];
    const exchange = readExchange(call, (value) => {
      const answer = this.lookup(value, at);
      lookups.push([value, answer]);
      return answer;
    });
    this.exchanges.set(call, { exchange, lookups });
    return exchange;
  }

  /** The joined step of `call`: the one made before when it joins the same way. */
  private stepOf(call: CognitoCall, made: Step, identity?: IdentityExchange): Step {
    const known = this.steps.get(call);
    if (known && known.handoff === made.handoff && known.handoffVia === made.handoffVia && known.identity === identity) return known;
    if (identity) made.identity = identity;
    else made.withTokens = true;
    this.steps.set(call, made);
    return made;
  }

  /**
   * Every join, decided as linkAfterSignIn decides them: `flows` are the linker's flows, in
   * creation order, `standalone` its calls outside any flow.
   */
  resolve(flows: readonly Flow[], standalone: readonly CognitoCall[]): Joins {
    const joined = new Map<Flow, Step[]>();
    const join = (flow: Flow, step: Step) => {
      const list = joined.get(flow);
      if (list) list.push(step);
      else joined.set(flow, [step]);
    };

    // Refreshes, in flow order: by the refresh token sent, else by origin_jti.
    const refreshOf = new Map<Flow, string | null>();
    const refreshes: RefreshContext[] = [];
    const replaced = new Map<string, number>();
    for (const { flow, first, token, request } of this.refreshStarts) {
      const at = this.timeOf(first);
      const byToken = token !== null ? this.issuedBefore(token, at) : undefined;
      let origin: Flow | null = byToken && byToken.flow !== flow ? byToken.flow : null;
      let linkedBy: RefreshContext['linkedBy'] = origin ? 'refresh-token' : null;
      if (!origin) {
        for (const issued of [flow.tokens.id, flow.tokens.access]) {
          const jti = issued?.kind === 'jwt' ? issued.originJti : null;
          const found = jti !== null ? this.byOrigin.get(jti)?.value : undefined;
          if (found && found !== flow) {
            origin = found;
            linkedBy = 'origin-jti';
            break;
          }
        }
      }
      refreshOf.set(flow, origin?.id ?? null);
      refreshes.push({ flow, request, token, origin, linkedBy, rotatedBy: token !== null ? (replaced.get(token) ?? null) : null });
      const fresh = flow.tokens.refresh?.raw;
      if (token !== null && fresh !== undefined && fresh.trim() !== token.trim() && !replaced.has(token)) replaced.set(token, first.entry);
    }

    // User-pool calls outside any sign-in that carry a flow's access token (or revoke its refresh token).
    const stillStandalone: CognitoCall[] = [];
    for (const call of standalone) {
      const sent = tokenSentBy(call);
      const issued = sent ? this.issuedBefore(sent.value, this.timeOf(call)) : undefined;
      if (!sent || !issued || issued.as !== sent.as) {
        stillStandalone.push(call);
        continue;
      }
      join(issued.flow, this.stepOf(call, joinStep(call, issued.flow, 'access-token')));
    }

    // Identity-pool exchanges, in time order: carried on from where the last update stopped.
    const before = this.identity;
    const state = this.identityFrom();
    const touched = new Set<Flow>();
    for (; state.done < this.identityCalls.length; state.done++) this.linkIdentity(this.identityCalls[state.done]!, state, touched);
    for (const [flow, steps] of state.joined) for (const step of steps) join(flow, step);
    return {
      joined, refreshOf, refreshes, standalone: stillStandalone, identityFlows: state.flows, identity: state.contexts,
      identityRestarted: state !== before, identityTouched: touched,
    };
  }

  /**
   * The identity pass as the last update left it, when the calls it linked are still linked the
   * same way: no call arrived before them, and no token was indexed that they could find (one
   * issued no later than the last of them, or one that displaced another's first issue).
   * Otherwise the pass starts over.
   */
  private identityFrom(): IdentityPass {
    const state = this.identity;
    if (state.done > 0 && (this.touchedFrom <= state.lastAt || this.insertedBefore < state.done)) this.identity = freshPass();
    this.touchedFrom = Infinity;
    this.insertedBefore = Infinity;
    return this.identity;
  }

  private linkIdentity(call: CognitoCall, state: IdentityPass, touched: Set<Flow>): void {
    const at = this.timeOf(call);
    state.lastAt = at;
    const exchange = this.exchangeOf(call, at);
    const own = exchange.logins.map((login) => login.issued).find((issued) => issued !== null);
    let flow: Flow | undefined = own ? this.flowById.get(own.flow) : undefined;
    let via: Step['handoffVia'] = own?.as === 'access' ? 'access-token' : 'id-token';
    if (!flow && exchange.identityIdSent !== null) {
      flow = state.flowOfIdentityId.get(exchange.identityIdSent);
      via = 'identity-id';
    }
    const firstOther = exchange.logins.find((login) => login.fingerprint !== '');
    if (!flow && firstOther) {
      flow = state.flowOfOtherToken.get(firstOther.token.raw.trim());
      via = 'id-token';
    }
    if (!flow) {
      // Numbered when shown (identityFlowId), in the order they are made here.
      flow = newIdentityFlow('', call, at, exchange);
      state.flows.push(flow);
      via = 'none';
    }
    const step = this.stepOf(call, joinStep(call, flow, via), exchange);
    if (flow.kind === 'identity') {
      // Calls come in time order: the step goes last, and the flow ends no earlier than it.
      touched.add(flow);
      flow.steps.push(step);
      flow.endedAt = Math.max(flow.endedAt, at + call.duration);
    } else {
      const list = state.joined.get(flow);
      if (list) list.push(step);
      else state.joined.set(flow, [step]);
    }

    const tokenKeys = exchange.logins.filter((l) => l.fingerprint !== '').map((l) => l.token.raw.trim());
    const knownId = tokenKeys.map((key) => state.idForToken.get(key)).find((id) => id !== undefined) ?? null;
    let responded = this.responded.get(call);
    if (responded === undefined) this.responded.set(call, (responded = responseDate(call)));
    state.contexts.push({
      step, flow, exchange, at, respondedAt: responded,
      recentSignIn: latestValid(this.idTokens, this.issuedUpTo(at), at),
      idForToken: knownId,
      sentGuestId: exchange.identityIdSent !== null && state.guestIds.has(exchange.identityIdSent),
    });

    for (const id of [exchange.identityIdSent, exchange.identityIdReturned]) if (id !== null && !state.flowOfIdentityId.has(id)) state.flowOfIdentityId.set(id, flow);
    if (flow.kind === 'identity') for (const key of tokenKeys) if (!state.flowOfOtherToken.has(key)) state.flowOfOtherToken.set(key, flow);
    if (call.operation === 'GetId' && exchange.identityIdReturned !== null) {
      if (tokenKeys.length === 0) state.guestIds.add(exchange.identityIdReturned);
      for (const key of tokenKeys) state.idForToken.set(key, exchange.identityIdReturned);
    }
    if (flow.kind === 'identity') {
      flow.outcome = call.error ? 'failed' : exchange.credentials || exchange.openIdToken !== null ? 'authenticated' : flow.outcome === 'authenticated' ? 'authenticated' : 'pending';
    }
  }

  /** Puts `steps` in time order on `flow` and extends its end to theirs (linkAfterSignIn's last pass). */
  settle(flow: Flow, steps: Step[], endedAt: number): void {
    steps.sort((a, b) => this.timeOf(a.call) - this.timeOf(b.call) || a.call.entry - b.call.entry);
    for (const step of steps) endedAt = Math.max(endedAt, this.timeOf(step.call) + step.call.duration);
    flow.steps = steps;
    flow.endedAt = endedAt;
  }

  /** How many ID tokens were issued no later than `at`. */
  private issuedUpTo(at: number): number {
    const { idTokens } = this;
    return firstIndexWhere(idTokens.length, (i) => idTokens[i]!.issuedAt > at);
  }
}

/**
 * The id of the identity flow at `index` (in the order identity flows start): numbered apart from
 * the sign-in flows, like managed-login flows (oauth-1, …). Numbered after the sign-in flows, as
 * they were, every new sign-in of a growing capture renamed every identity flow, and the panel,
 * which keeps the selected flow by its id, then showed another one.
 */
export function identityFlowId(index: number): string {
  return `identity-${index + 1}`;
}

/**
 * Links what follows the sign-ins of `linked` in place: flows gain their joined steps (in time
 * order) and `refreshOf`, identity flows are appended, `standalone` keeps the calls no flow claimed.
 */
export function linkAfterSignIn(linked: LinkResult, identityCalls: readonly CognitoCall[]): AfterSignIn {
  // Only three kinds of call join a sign-in here: identity-pool calls, calls outside every flow, and
  // flows that start with a refresh. A capture with none of them (a test run of nothing but
  // sign-ins) has nothing to join, so its tokens are not indexed: resolve would find no joins.
  if (identityCalls.length === 0 && linked.standalone.length === 0 && !linked.flows.some((flow) => refreshStart(flow) !== undefined)) return { identity: [], refreshes: [] };
  const calls: CognitoCall[] = [];
  for (const flow of linked.flows) for (const step of flow.steps) calls.push(step.call);
  for (const call of linked.standalone) calls.push(call);
  for (const call of identityCalls) calls.push(call);
  const linker = new AfterSignInLinker(sendTimes(calls));
  linker.addFlows(linked.flows, new Set(linked.flows));
  linker.addIdentityCalls(identityCalls);
  const joins = linker.resolve(linked.flows, linked.standalone);
  for (const [flow, refreshOf] of joins.refreshOf) flow.refreshOf = refreshOf;
  for (const [flow, steps] of joins.joined) linker.settle(flow, [...flow.steps, ...steps], flow.endedAt);
  linked.standalone.length = 0;
  appendAll(linked.standalone, joins.standalone);
  joins.identityFlows.forEach((flow, index) => {
    flow.id = identityFlowId(index);
    linked.flows.push(flow);
  });
  return { identity: joins.identity, refreshes: joins.refreshes };
}
