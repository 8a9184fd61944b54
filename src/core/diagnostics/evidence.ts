/**
 * What the capture cannot show. A response whose body was not captured (or could not be read) may
 * have issued a Session, a SECRET_BLOCK or a new challenge that this capture never saw: checks
 * that compare against such things say what cannot be checked instead of guessing a failure.
 */
import type { Flow, Step } from '../model';

const unread = (step: Step): boolean => step.call.response.state === 'not-captured' || step.call.response.state === 'unparseable';

/** The latest step before `step` whose response could not be read, if any. */
export function lastUnreadResponse(flow: Flow, step: Step): Step | undefined {
  const before = flow.steps.slice(0, flow.steps.indexOf(step));
  return before.filter(unread).at(-1);
}

/**
 * True when the challenge outstanding at `step` is not known: a response after the last challenge
 * this capture saw issued could not be read, and may have issued another one.
 */
export function outstandingChallengeUnknown(flow: Flow, step: Step): boolean {
  const before = flow.steps.slice(0, flow.steps.indexOf(step));
  const lastIssued = before.findLastIndex((s) => s.challengeOut !== null);
  const lastUnread = before.findLastIndex(unread);
  return lastUnread > lastIssued;
}
