/**
 * The analysis of a capture that grows (the live panel): after every update exactly the
 * `Analysis` that `analyzeEntries` gives over the same entries, at the cost of what was added.
 *
 * - Each entry is classified once, when it arrives (parsing bodies is most of an analysis).
 * - The sign-in linker (flows.ts createLinker) keeps its state and links only the new calls; an
 *   entry that started before calls already linked (finishing order) makes it start over.
 * - What follows a sign-in (refreshes, calls with a flow's tokens, identity-pool exchanges) can
 *   join flows an earlier update already showed: those joins are decided by look-ups in indexes
 *   kept as tokens appear (links/after-sign-in.ts AfterSignInLinker, which the one-shot uses too).
 * - The flows shown are copies of the linker's: one is made again only when its steps, joins or
 *   refresh origin changed, else the previous object is kept. The panel skips rows whose flow
 *   object did not change; diagnostics are re-run for the new or moved steps of changed flows only,
 *   and stay filed by entry between updates (diagnostics/filed-by-entry.ts): an update walks the
 *   flows it changed, not every flow. Identity-pool flows and exchanges: live-identity.ts.
 * - Managed login is read entry by entry and re-linked only when an entry that can change it
 *   arrived (oauth/analyze.ts LiveOAuth).
 *
 * test/core/live-analysis.test.ts and live-analysis-fixtures.test.ts check the equality after
 * every batch, in random batches and orders, on synthetic traffic and every fixture capture.
 */
import type { AnalyzeOptions, Analysis, CognitoCall, Diagnostic, Flow, IgnoredEntry, Step } from './model';
import type { OAuthAnalysis } from './oauth/model';
import { resolveOptions } from './analyze';
import { classifyEntry } from './calls';
import type { ResolvedOptions } from './diagnostics/types';
import { createLinker, type LinkResult, type Linker } from './flows';
import { diagnoseCall, diagnoseStep, stamp } from './diagnostics/index';
import { AfterSignInLinker, type RefreshContext } from './links/after-sign-in';
import { LiveIdentity } from './live-identity';
import { checkRefreshes } from './links/refresh-checks';
import { LiveOAuth } from './oauth/analyze';
import type { Finding } from './diagnostics/types';
import { sessionSent } from './step-sessions';
import { FiledByEntry } from './diagnostics/filed-by-entry';
import { sameList } from './same-list';
import { appendAll } from './long-lists';
import { SentTokens } from './diagnostics/sent-tokens';

/** Diagnostics of one refresh, kept while what they were judged by stays the same. */
interface Judged<K> {
  key: K;
  diagnostics: Diagnostic[];
}

const NONE: readonly Step[] = [];
const NO_LISTS: readonly (readonly Diagnostic[])[] = [];

export class LiveAnalysis {
  private readonly options: ResolvedOptions;
  private readonly sessionValidityMs: number;
  /** The entries list analysed so far (appended to between updates) and how much of it. */
  private source: readonly unknown[] | null = null;
  private seen = 0;
  private latest: Analysis | null = null;
  private calls: CognitoCall[] = [];
  private ignored: IgnoredEntry[] = [];
  private userPoolCalls: CognitoCall[] = [];
  /** When each call was sent (the previous call's date when it has none), as linkAfterSignIn times them. */
  private times = new Map<CognitoCall, number>();
  private lastDate = 0;
  private linker!: Linker;
  private after!: AfterSignInLinker;
  private oauth = new LiveOAuth();
  /** The flow shown for each linker flow, in the linker's order, and each one's place there. */
  private baseShown: Flow[] = [];
  private place = new Map<Flow, number>();
  /** The steps joined to each linker flow when it was last shown (flows with joins only). */
  private joined = new Map<Flow, readonly Step[]>();
  /**
   * Per place in the linker's order: the flow shown there when it was last judged and each of its
   * steps' diagnostics. A flow shown keeps its place, and a changed one is a new object there, so
   * "judged already" is an array read, not a WeakMap's.
   */
  private judgedFlows: ({ flow: Flow; perStep: Diagnostic[][] } | undefined)[] = [];
  /** The sign-in flows' diagnostics by entry, filed by place as each was judged last. */
  private signIn = new FiledByEntry();
  private callFindings = new Map<CognitoCall, Finding[]>();
  /**
   * Tokens the calls send, decoded once per distinct token (an app sends one access token with
   * every call for an hour; a capture of 200,000 calls sending one malformed token spent 12 s
   * decoding it again and again). No flows given: it only remembers what it decoded.
   */
  private sentTokens = new SentTokens();
  private standaloneDiagnostics = new Map<CognitoCall, Diagnostic[]>();
  private refreshJudged = new Map<Flow, Judged<readonly unknown[]>>();
  /** Identity flows and exchanges (made again when the linking starts over). */
  private identity!: LiveIdentity;

  constructor(options?: AnalyzeOptions) {
    this.options = resolveOptions(options);
    this.sessionValidityMs = this.options.sessionValidityMinutes * 60_000;
    this.reset(null);
  }

  /**
   * The analysis of `entries`: the list given last time with entries appended, or any other list
   * (then it starts over). Returns the same object when nothing was added.
   */
  update(entries: readonly unknown[]): Analysis {
    if (entries !== this.source || entries.length < this.seen) this.reset(entries);
    if (this.latest && entries.length === this.seen) return this.latest;
    const userPool: CognitoCall[] = [];
    const identity: CognitoCall[] = [];
    for (let index = this.seen; index < entries.length; index++) {
      const entry = entries[index];
      const classified = classifyEntry(entry, index);
      this.oauth.add(entry, index);
      if (classified.kind !== 'cognito') {
        this.ignored.push(classified.ignored);
        continue;
      }
      const call = classified.call;
      this.calls.push(call);
      if (Number.isFinite(call.startedAt)) this.lastDate = call.startedAt;
      this.times.set(call, this.lastDate);
      (call.service === 'identity' ? identity : userPool).push(call);
    }
    this.seen = entries.length;
    appendAll(this.userPoolCalls, userPool);
    this.after.addIdentityCalls(identity);
    if (!this.linker.add(userPool)) this.relink();
    const linked = this.linker.result();
    this.after.addFlows(linked.flows, linked.changed);
    return (this.latest = this.assemble(entries.length, linked, this.oauth.result()));
  }

  private assemble(entryCount: number, linked: LinkResult & { changed: ReadonlySet<Flow> }, oauth: OAuthAnalysis): Analysis {
    const joins = this.after.resolve(linked.flows, linked.standalone);
    // Linker flows: the ones an update can have changed are the linker's changed ones, those
    // with joins now or before, and refreshes; every other keeps the object shown before.
    const { baseShown, joined: joinedBefore } = this;
    const place = this.place;
    for (let i = baseShown.length; i < linked.flows.length; i++) place.set(linked.flows[i]!, i);
    const suspects = new Set<Flow>([...linked.changed, ...joins.joined.keys(), ...joinedBefore.keys(), ...joins.refreshOf.keys()]);
    /** Places whose flow is shown anew: only theirs are judged again. */
    const renewed: number[] = [];
    for (const base of suspects) {
      const index = place.get(base)!;
      const before = baseShown[index];
      const joined = joins.joined.get(base) ?? NONE;
      const refreshOf = joins.refreshOf.get(base);
      if (!before || linked.changed.has(base) || refreshOf !== before.refreshOf || !sameList(joined, joinedBefore.get(base) ?? NONE)) {
        const flow: Flow = { ...base };
        if (joins.refreshOf.has(base)) flow.refreshOf = refreshOf;
        if (joined.length > 0) this.after.settle(flow, [...base.steps, ...joined], base.endedAt);
        else flow.steps = base.steps.slice();
        baseShown[index] = flow;
        renewed.push(index);
      }
      if (joined.length > 0) joinedBefore.set(base, joined);
      else joinedBefore.delete(base);
    }
    // Identity flows and exchanges: shown and judged anew where this update changed them (live-identity.ts).
    this.identity.update(joins, renewed.map((at) => linked.flows[at]!));
    const flows = baseShown.concat(this.identity.flows);
    /** Linker or identity-draft flow → the flow shown. */
    const shownOf = (flow: Flow): Flow => this.identity.shownOf(flow);

    // Sign-in flows: only those shown anew are judged again; the others' diagnostics stay filed by
    // entry from the update that judged them (a walk over every flow, on every update, was the
    // largest part of streaming a capture in the panel, where each update starts with cold caches).
    for (const at of renewed) {
      const before = this.judgedFlows[at];
      this.signIn.refile(at, before?.perStep ?? NO_LISTS, this.diagnoseFlow(baseShown[at]!, linked, at));
    }
    // The rest, looked over on each update (each answers from what it judged before when its flow
    // and context are the same): calls outside any flow, refreshes, managed login.
    const others = new Map<number, Diagnostic[]>();
    const put = (diagnostics: readonly Diagnostic[]) => {
      for (const d of diagnostics) {
        const list = others.get(d.entry);
        if (list) list.push(d);
        else others.set(d.entry, [d]);
      }
    };
    for (const call of joins.standalone) put(this.diagnoseStandalone(call));
    for (const ctx of joins.refreshes) put(this.judgeRefresh(ctx, shownOf));
    put(oauth.diagnostics);
    // At one entry the one-shot lists the flow's, then a refresh's, an identity exchange's, and
    // managed login's: an exchange's entry is an identity-pool call, which no refresh, call outside
    // any flow or managed-login entry shares, so exchanges can go before those.
    const { flowDiagnostics, exchangeDiagnostics } = this.identity;
    const diagnostics = FiledByEntry.merge([this.signIn, flowDiagnostics, exchangeDiagnostics], others);

    const inOAuth = new Set(oauth.entries.map((e) => e.entry));
    return {
      entries: entryCount,
      calls: this.calls.slice(),
      flows,
      standalone: joins.standalone,
      ignored: inOAuth.size === 0 ? this.ignored.slice() : this.ignored.filter((e) => !inOAuth.has(e.entry)),
      diagnostics,
      oauth,
    };
  }

  /**
   * A flow's diagnostics: run again only for a flow object not judged before, and then only from
   * its first step that is new or moved. The step checks read the flow up to the step they judge
   * (diagnostics/evidence.ts, error-context.ts), its first step, and the step an entry number
   * names; the one look further is "the first other step that sent this Session"
   * (retriedAfterRejection), so a reused step whose Session a new step also sent is judged again.
   */
  private diagnoseFlow(flow: Flow, linked: LinkResult, at: number): Diagnostic[][] {
    const before = this.judgedFlows[at];
    if (before?.flow === flow) return before.perStep;
    let same = 0;
    if (before && before.flow.id === flow.id) {
      const judgedSteps = before.flow.steps;
      while (same < flow.steps.length && same < judgedSteps.length && flow.steps[same] === judgedSteps[same]) same++;
      const sent = new Set<string>();
      for (const step of flow.steps.slice(same)) {
        const session = sessionSent(step);
        if (session !== null) sent.add(session);
      }
      const reused = sent.size === 0 ? -1 : flow.steps.slice(0, same).findIndex((step) => {
        const session = step.handoff === 'reused' ? sessionSent(step) : null;
        return session !== null && sent.has(session);
      });
      if (reused >= 0) same = reused;
    }
    const perStep = flow.steps.map((step, i) => {
      if (i < same) return before!.perStep[i]!;
      const ctx = linked.contexts.get(step);
      // The checks read the flow as it is shown (joined steps in place), as the one-shot's do.
      const findings = ctx ? diagnoseStep(step, { ...ctx, flow }, this.options, this.sentTokens) : this.findingsOf(step.call);
      return stamp(findings, step.call.entry, flow.id);
    });
    this.judgedFlows[at] = { flow, perStep };
    return perStep;
  }

  private findingsOf(call: CognitoCall): Finding[] {
    let findings = this.callFindings.get(call);
    if (!findings) this.callFindings.set(call, (findings = diagnoseCall(call, this.options, this.sentTokens)));
    return findings;
  }

  private diagnoseStandalone(call: CognitoCall): Diagnostic[] {
    let diagnostics = this.standaloneDiagnostics.get(call);
    if (!diagnostics) this.standaloneDiagnostics.set(call, (diagnostics = stamp(this.findingsOf(call), call.entry, null)));
    return diagnostics;
  }

  private judgeRefresh(ctx: RefreshContext, shownOf: (flow: Flow) => Flow): Diagnostic[] {
    const flow = shownOf(ctx.flow);
    const origin = ctx.origin ? shownOf(ctx.origin) : null;
    const key = [flow, origin, ctx.linkedBy, ctx.rotatedBy, ctx.token];
    return this.judged(this.refreshJudged, ctx.flow, key, () => checkRefreshes([{ ...ctx, flow, origin }]));
  }

  private judged<T>(cache: Map<T, Judged<readonly unknown[]>>, at: T, key: readonly unknown[], judge: () => Diagnostic[]): Diagnostic[] {
    const known = cache.get(at);
    if (known && known.key.length === key.length && known.key.every((value, i) => Object.is(value, key[i]))) return known.diagnostics;
    const diagnostics = judge();
    cache.set(at, { key, diagnostics });
    return diagnostics;
  }

  /** A call started before calls already linked: link every sign-in call again, from the start. */
  private relink(): void {
    this.linker = createLinker(this.sessionValidityMs);
    this.linker.add(this.userPoolCalls);
    const identity = this.calls.filter((call) => call.service === 'identity');
    this.after = new AfterSignInLinker((call) => this.times.get(call) ?? 0);
    this.after.addIdentityCalls(identity);
    this.baseShown = [];
    this.judgedFlows = [];
    this.signIn = new FiledByEntry();
    this.place = new Map();
    this.joined = new Map();
    this.identity = new LiveIdentity((call) => this.findingsOf(call), (flow) => this.baseShown[this.place.get(flow)!]!);
    this.refreshJudged = new Map();
  }

  private reset(entries: readonly unknown[] | null): void {
    this.source = entries;
    this.seen = 0;
    this.latest = null;
    this.calls = [];
    this.ignored = [];
    this.userPoolCalls = [];
    this.times = new Map();
    this.lastDate = 0;
    // With no calls, relinking starts every linking state empty.
    this.relink();
    this.oauth = new LiveOAuth();
    this.callFindings = new Map();
    this.sentTokens = new SentTokens();
    this.standaloneDiagnostics = new Map();
  }
}
