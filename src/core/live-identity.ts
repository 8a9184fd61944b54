/**
 * The identity-pool half of the live analysis (live-analysis.ts): the identity flows shown, their
 * diagnostics and their exchanges' diagnostics, kept between updates and changed only where an
 * update changed something. The identity pass (links/after-sign-in.ts) carries on from update to
 * update, so all that can change is:
 * - a flow that gained a step (new flows included): shown anew, its new steps judged;
 * - an exchange the pass reached in this update: judged;
 * - an exchange whose recent sign-in (the sign-in whose ID token was valid when it was sent) is
 *   shown anew: judged again, with that flow;
 * - everything, when the pass started over (a call arrived before those it had linked).
 * Looking over every identity flow and exchange on every update cost, on the bench's capture
 * (228 identity flows), as much as the rest of an update, in the panel, where each update starts
 * with cold caches.
 */
import type { CognitoCall, Diagnostic, Flow } from './model';
import { sameList } from './same-list';
import type { Finding } from './diagnostics/types';
import { stamp } from './diagnostics/index';
import { FiledByEntry } from './diagnostics/filed-by-entry';
import { checkIdentity } from './identity/checks';
import { identityFlowId, type IdentityStepContext, type Joins } from './links/after-sign-in';

/** An identity flow as shown before, kept when the pass's says the same (ids are given when shown). */
function sameIdentityFlow(a: Flow, b: Flow): boolean {
  return a.user === b.user && a.clientId === b.clientId && a.outcome === b.outcome
    && a.startedAt === b.startedAt && a.endedAt === b.endedAt && sameList(a.steps, b.steps);
}

interface JudgedFlow {
  flow: Flow;
  perStep: Diagnostic[][];
}

interface JudgedExchange {
  ctx: IdentityStepContext;
  recentSignIn: Flow | null;
  diagnostics: Diagnostic[];
}

export class LiveIdentity {
  /** The identity flows shown, by number (identityFlowId). */
  flows: Flow[] = [];
  /** Their diagnostics (rank: the flow's number) and their exchanges' (rank: the exchange's place in the pass). */
  flowDiagnostics = new FiledByEntry();
  exchangeDiagnostics = new FiledByEntry();
  /** Each flow of the pass (a draft, without an id) → its number, and the flow shown for it. */
  private numberOf = new Map<Flow, number>();
  private shownByDraft = new Map<Flow, Flow>();
  private judgedFlows: JudgedFlow[] = [];
  private judgedExchanges: JudgedExchange[] = [];
  /** The exchanges of each recent sign-in (the linker's flow), by their place in the pass. */
  private exchangesBySignIn = new Map<Flow, number[]>();
  /** The flow shown last, by the call that starts it: kept when the pass starts over and makes the same flow again. */
  private readonly shownByStarter = new Map<CognitoCall, Flow>();

  /**
   * `findingsOf`: a call's own findings (cached by the caller). `shownSignIn`: the flow shown for a
   * linker flow, after this update.
   */
  constructor(
    private readonly findingsOf: (call: CognitoCall) => Finding[],
    private readonly shownSignIn: (flow: Flow) => Flow,
  ) {}

  /** The flow shown for a flow of the pass (an identity draft or a linker flow). */
  shownOf(flow: Flow): Flow {
    return flow.kind === 'identity' ? this.shownByDraft.get(flow)! : this.shownSignIn(flow);
  }

  /** After a resolve of the pass: `renewed`, the linker flows shown anew in this update. */
  update(joins: Joins, renewed: readonly Flow[]): void {
    if (joins.identityRestarted) this.restart();
    const drafts = joins.identityFlows;
    for (let k = this.flows.length; k < drafts.length; k++) this.numberOf.set(drafts[k]!, k);
    for (const draft of joins.identityTouched) this.show(draft, this.numberOf.get(draft)!);

    const contexts = joins.identity;
    for (let i = this.judgedExchanges.length; i < contexts.length; i++) {
      const signIn = contexts[i]!.recentSignIn;
      if (signIn) {
        const list = this.exchangesBySignIn.get(signIn);
        if (list) list.push(i);
        else this.exchangesBySignIn.set(signIn, [i]);
      }
      this.judgeExchange(i, contexts[i]!);
    }
    for (const flow of renewed) for (const i of this.exchangesBySignIn.get(flow) ?? []) this.judgeExchange(i, contexts[i]!);
  }

  private restart(): void {
    this.flows = [];
    this.flowDiagnostics = new FiledByEntry();
    this.exchangeDiagnostics = new FiledByEntry();
    this.numberOf = new Map();
    this.shownByDraft = new Map();
    this.judgedFlows = [];
    this.judgedExchanges = [];
    this.exchangesBySignIn = new Map();
  }

  /** Shows the pass's flow `draft` as number `k`, and judges its steps that are new. */
  private show(draft: Flow, k: number): void {
    const id = identityFlowId(k);
    const starter = draft.steps[0]!.call;
    const before = this.shownByStarter.get(starter);
    const flow = before && before.id === id && sameIdentityFlow(before, draft) ? before : { ...draft, id, steps: draft.steps.slice() };
    this.shownByStarter.set(starter, flow);
    this.shownByDraft.set(draft, flow);
    this.flows[k] = flow;
    const judged = this.judgedFlows[k];
    if (judged?.flow === flow) return;
    // Its steps are judged on their own (joined, no sign-in context); steps only ever come last.
    const keep = judged && judged.flow.id === flow.id ? judged.perStep : [];
    const perStep = flow.steps.map((step, i) => (i < keep.length && judged!.flow.steps[i] === step ? keep[i]! : stamp(this.findingsOf(step.call), step.call.entry, flow.id)));
    this.flowDiagnostics.refile(k, judged?.perStep ?? [], perStep);
    this.judgedFlows[k] = { flow, perStep };
  }

  /**
   * Exchange `i` judged, again only when it is new or the sign-in it names was shown anew. Its
   * flow counts by id only (the checks read nothing else of it), which never changes within a pass.
   */
  private judgeExchange(i: number, ctx: IdentityStepContext): void {
    const flow = this.shownOf(ctx.flow);
    const recentSignIn = ctx.recentSignIn ? this.shownSignIn(ctx.recentSignIn) : null;
    const known = this.judgedExchanges[i];
    if (known && known.ctx === ctx && known.recentSignIn === recentSignIn) return;
    const diagnostics = checkIdentity([{ ...ctx, flow, recentSignIn }]);
    this.exchangeDiagnostics.refile(i, known ? [known.diagnostics] : [], [diagnostics]);
    this.judgedExchanges[i] = { ctx, recentSignIn, diagnostics };
  }
}
