/**
 * What the capture cannot show. A response whose body was not captured (or could not be read) may
 * have issued a Session, a SECRET_BLOCK or a new challenge that this capture never saw: checks
 * that compare against such things say what cannot be checked instead of guessing a failure.
 * Each question reads the flow's facts (flow-facts.ts), kept per flow: asked for every step of a
 * long flow, a scan of the steps before each was quadratic.
 */
import type { Flow, Step } from '../model';
import { sessionSent } from '../step-sessions';
import { flowFacts } from './flow-facts';

/** The latest step before `step` whose response could not be read, if any. */
export function lastUnreadResponse(flow: Flow, step: Step): Step | undefined {
  return flowFacts(flow.steps).lastUnreadBefore(step);
}

/**
 * True when the challenge outstanding at `step` is not known: a response after the last challenge
 * this capture saw issued could not be read, and may have issued another one.
 */
export function outstandingChallengeUnknown(flow: Flow, step: Step): boolean {
  return flowFacts(flow.steps).unreadSinceLastChallenge(step);
}

/**
 * The step whose unread response may have issued what `step` handed back, when `step` sent a
 * Session (or SECRET_BLOCK) no response of this capture issued: the handoff cannot be checked.
 * Undefined when the handoff is not such a mismatch, or every earlier response was read.
 */
export function uncheckableHandoff(flow: Flow, step: Step): Step | undefined {
  if (step.handoff !== 'mismatch') return undefined;
  const facts = flowFacts(flow.steps);
  // A Session the flow did issue (an older one) is checkable: it is stale.
  const sent = sessionSent(step);
  if (step.handoffVia !== 'secret-block' && sent !== null && facts.returnedBefore(sent, step)) return undefined;
  return lastUnreadResponse(flow, step);
}

/** The Session sent again after the request that first carried it was rejected (a wrong code, say). */
export function retriedAfterRejection(flow: Flow, step: Step): boolean {
  const sent = step.handoff === 'reused' ? sessionSent(step) : null;
  if (sent === null) return false;
  const first = flowFacts(flow.steps).otherSender(sent, step);
  return first !== undefined && first.call.error !== null;
}
