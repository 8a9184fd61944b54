/**
 * What each step of a flow can know of the steps before it — where the last unread response and
 * the last issued challenge are, which earlier response returned a Session, how far the password
 * was proven — computed in one pass over the flow and kept, instead of scanning the flow again for
 * every step that asks. The evidence and error-context checks ask for the steps they judge; with a
 * scan each, a flow of thousands of steps (one user's answers, all joined to one flow) took time
 * quadratic in its length: 20,000 entries of one flow took 33 s (issue 13).
 *
 * Kept per flow, found by its first step, and extended when steps were appended since: the live
 * panel shows a growing flow as a new copy of its steps after each update, and rebuilding the
 * facts for each copy was quadratic again. A steps array that does not begin with the steps
 * already indexed (joined steps merged in between, say) gets facts of its own.
 */
import type { CognitoCall, JsonObject, Step } from '../model';
import { bodyObject } from '../body';
import { obj, str } from '../json';
import { PASSWORD_PROOF_KEYS, challengeRule } from '../rules';
import { sessionReturned, sessionSent } from '../step-sessions';

/** A call Cognito answered without an error (a challenge, tokens, or any other 2xx answer). */
export function accepted(call: CognitoCall): boolean {
  return call.error === null && call.status >= 200 && call.status < 300;
}

/** The response could not be read: it may have issued a Session or a challenge this capture never saw. */
export const unreadResponse = (step: Step): boolean => step.call.response.state === 'not-captured' || step.call.response.state === 'unparseable';

/** The password proofs a request carried (its AuthParameters or ChallengeResponses keys), in key order. */
function proofsOf(step: Step, request: JsonObject): { proof: 'srp' | 'plain'; proves: boolean }[] {
  // A device challenge's SRP proves the device, not the password.
  if (challengeRule(step.challengeIn)?.device) return [];
  const keys = { ...(obj(request, 'AuthParameters') ?? {}), ...(obj(request, 'ChallengeResponses') ?? {}) };
  return Object.keys(keys).flatMap((key) => {
    const proof = Object.hasOwn(PASSWORD_PROOF_KEYS, key) ? PASSWORD_PROOF_KEYS[key] : undefined;
    return proof ? [proof] : [];
  });
}

export class FlowFacts {
  /** The steps indexed, in order: `steps` began with them when they were indexed. */
  private readonly indexed: Step[] = [];
  private readonly position = new Map<Step, number>();
  private readonly byEntry = new Map<number, Step>();
  /** Per step: the index of the latest earlier step whose response was unread / that issued a challenge; -1 if none. */
  private readonly lastUnread: number[] = [];
  private readonly lastIssued: number[] = [];
  /** Per Session: the first step that returned it, and the first two that sent it (a flow holds a step once). */
  private readonly firstReturned = new Map<string, number>();
  private readonly senders = new Map<string, number[]>();
  /** The first AuthFlow a request of the flow named, and at which step. */
  private authFlow: { at: number; value: string } | null = null;
  /** Per step: the last password proof sent up to it, itself included. */
  private readonly lastProof: ('srp' | 'plain' | null)[] = [];
  /** The first step that sent a proof of the password and was accepted; Infinity if none. */
  private firstAcceptedProof = Infinity;

  constructor(private steps: readonly Step[]) {}

  /**
   * Answers for `steps` from now on: the same array, or another that begins with the steps indexed
   * (a copy of a flow that grew since), whose new steps are indexed. False, changing nothing, when
   * `steps` does not begin with them.
   */
  adopt(steps: readonly Step[]): boolean {
    const { indexed } = this;
    const count = indexed.length;
    if (steps.length < count) return false;
    if (steps === this.steps) {
      // The same array: appended to at most (checking its last indexed step is enough for that).
      if (count > 0 && steps[count - 1] !== indexed[count - 1]) return false;
    } else {
      for (let i = 0; i < count; i++) if (steps[i] !== indexed[i]) return false;
      this.steps = steps;
    }
    this.extend();
    return true;
  }

  /** Indexes the steps of `steps` past those indexed. */
  private extend(): void {
    const { steps } = this;
    for (let i = this.indexed.length; i < steps.length; i++) {
      const step = steps[i]!;
      this.indexed.push(step);
      if (!this.position.has(step)) this.position.set(step, i);
      if (!this.byEntry.has(step.call.entry)) this.byEntry.set(step.call.entry, step);
      const previous = i - 1;
      this.lastUnread.push(previous < 0 ? -1 : unreadResponse(steps[previous]!) ? previous : this.lastUnread[previous]!);
      this.lastIssued.push(previous < 0 ? -1 : steps[previous]!.challengeOut !== null ? previous : this.lastIssued[previous]!);
      const returned = sessionReturned(step);
      if (returned !== null && !this.firstReturned.has(returned)) this.firstReturned.set(returned, i);
      const sent = sessionSent(step);
      if (sent !== null) {
        const by = this.senders.get(sent);
        if (!by) this.senders.set(sent, [i]);
        else if (by.length < 2) by.push(i);
      }
      const request = bodyObject(step.call.request);
      if (this.authFlow === null) {
        const value = str(request, 'AuthFlow');
        if (value !== undefined) this.authFlow = { at: i, value };
      }
      let proof = i > 0 ? this.lastProof[i - 1]! : null;
      for (const sentProof of proofsOf(step, request)) {
        proof = sentProof.proof;
        if (sentProof.proves && accepted(step.call) && this.firstAcceptedProof === Infinity) this.firstAcceptedProof = i;
      }
      this.lastProof.push(proof);
    }
  }

  /**
   * How many steps come before `step`, as `steps.slice(0, steps.indexOf(step))` counts them: all
   * but the last when `step` is not in the flow (indexOf's -1).
   */
  private before(step: Step): number {
    return this.position.get(step) ?? Math.max(0, this.steps.length - 1);
  }

  /** The latest step before `step` whose response could not be read. */
  lastUnreadBefore(step: Step): Step | undefined {
    const at = this.before(step);
    const index = at < this.steps.length ? this.lastUnread[at]! : -1;
    return index >= 0 ? this.steps[index] : undefined;
  }

  /** A response after the last challenge issued before `step` could not be read. */
  unreadSinceLastChallenge(step: Step): boolean {
    const at = this.before(step);
    if (at >= this.steps.length) return false;
    return this.lastUnread[at]! > this.lastIssued[at]!;
  }

  /** A step before `step` returned `session`. */
  returnedBefore(session: string, step: Step): boolean {
    const first = this.firstReturned.get(session);
    return first !== undefined && first < this.before(step);
  }

  /** The first step other than `step` that sent `session`. */
  otherSender(session: string, step: Step): Step | undefined {
    for (const index of this.senders.get(session) ?? []) if (this.steps[index] !== step) return this.steps[index];
    return undefined;
  }

  /** The first step of the flow made by entry `entry`. */
  stepOfEntry(entry: number | null): Step | undefined {
    return entry === null ? undefined : this.byEntry.get(entry);
  }

  /**
   * The flow up to `step`, `step` included, as the error advice reads it: the first AuthFlow sent,
   * the last password proof sent, and whether an earlier step's proof was accepted.
   */
  upTo(step: Step): { authFlow: string | null; passwordProof: 'srp' | 'plain' | null; passwordAccepted: boolean } {
    const at = this.position.get(step);
    // Not in the flow: every step counts, and none is `step`.
    const last = at ?? this.steps.length - 1;
    return {
      authFlow: this.authFlow !== null && this.authFlow.at <= last ? this.authFlow.value : null,
      passwordProof: last >= 0 ? this.lastProof[last]! : null,
      passwordAccepted: this.firstAcceptedProof < (at ?? this.steps.length),
    };
  }
}

/** Facts by the first step of the flow they index. */
const kept = new WeakMap<Step, FlowFacts>();

/** The facts of `steps` (a flow's), indexed up to its last step. */
export function flowFacts(steps: readonly Step[]): FlowFacts {
  const first = steps[0];
  let facts = first === undefined ? undefined : kept.get(first);
  if (!facts || !facts.adopt(steps)) {
    facts = new FlowFacts(steps);
    facts.adopt(steps);
    if (first !== undefined) kept.set(first, facts);
  }
  return facts;
}
