/**
 * session-missing, session-mismatch, session-reused, session-expired: is each request handing
 * back the Session its flow's previous response issued? A Session is single-use and lives
 * AuthSessionValidity minutes (3..15, default 3) — cognito-protocol.md, "Validity windows".
 */
import type { StepContext } from '../flows';
import type { Step } from '../model';
import type { Finding, StepCheck } from './types';
import { finding } from './types';
import { uncheckableHandoff } from './evidence';
import { accepted, flowFacts } from './flow-facts';

/** Cognito's own words for a Session it refused (cognito-protocol.md, "Common failures"). */
const INVALID_SESSION = /invalid session/i;

/**
 * A Session (or SECRET_BLOCK) no response of this capture issued, while an earlier response of the
 * flow was not captured or could not be read: that response may well have issued it. Say what
 * cannot be checked instead of guessing a failure.
 */
function uncheckable(step: Step, ctx: StepContext): Finding | null {
  const unread = uncheckableHandoff(ctx.flow, step);
  if (!unread) return null;
  const what = step.handoffVia === 'secret-block' ? 'PASSWORD_CLAIM_SECRET_BLOCK' : 'Session';
  return finding('session-mismatch', 'warning',
    `${step.call.operation} sent a ${what} this capture cannot check: entry ${unread.call.entry}'s response, which probably issued it, was not ${unread.call.response.state === 'unparseable' ? 'readable' : 'captured'}.`,
    `Nothing shows the ${what} is wrong; only what a response of this capture issued can be compared. Capture again with DevTools open (and Preserve log on) to check the handoff.`);
}

/** A Session no response of this capture issued. */
function unknownSession(step: Step, ctx: StepContext): Finding {
  const op = step.call.operation;
  const joined = step !== ctx.flow.steps[0];
  return finding('session-mismatch', joined ? 'error' : 'warning',
    `${op} sent a Session that no response in this capture issued.`,
    joined
      ? 'It was linked to this flow by client and user only. Forward the Session from the previous response unchanged (no trimming, re-encoding or mixing tabs).'
      : 'It may have been issued before the capture started (open DevTools before signing in), or it was corrupted on the way.');
}

/**
 * The flow's latest Session sent a second time. Once a request carrying it was accepted, a Session
 * cannot be used again ("session can only be used once"): an error. Whether it survives a
 * *rejected* answer (a wrong code) is UNVERIFIED in the reference ("Validity windows"): Amplify lets
 * the user re-enter a code. So after a rejection it is a warning, an error only when Cognito
 * answered "Invalid session", and no fault at all when Cognito accepted the retry.
 */
function reusedSession(step: Step, ctx: StepContext): Finding {
  const op = step.call.operation;
  const first = flowFacts(ctx.flow.steps).stepOfEntry(ctx.firstUsedBy);
  const by = `entry ${ctx.firstUsedBy ?? '?'}`;
  const refused = INVALID_SESSION.test(step.call.error?.message ?? '');
  if (first && !accepted(first.call)) {
    const rejected = `${by}'s answer was rejected (${first.call.error?.type ?? `HTTP ${first.call.status}`})`;
    if (accepted(step.call)) {
      return finding('session-reused', 'info', `${op} sent the Session again after ${rejected}, and Cognito accepted the retry.`,
        'This pool let the user try again with the same Session (as Amplify does when a wrong code is re-entered); nothing to fix.');
    }
    return finding('session-reused', refused ? 'error' : 'warning', `${op} sent the Session again after ${rejected}.`,
      refused
        ? 'Cognito refused the Session: after a rejected answer, start the sign-in again instead of retrying with the same Session.'
        : 'Whether a Session survives a rejected answer is not documented (unverified); Cognito did not complain about the Session here. If it answers "Invalid session", start the sign-in again after a rejected answer.');
  }
  return finding('session-reused', 'error', `${op} sent a Session that ${by} had already used.`,
    'A Session is single-use: once a request carrying it was accepted it cannot be sent again ("session can only be used once"). Look for a double submit or an automatic retry.');
}

const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;

/** For a replay the user just sent from the panel, the cause is the replay, not the app's code. */
const REPLAY_HINT = 'This is a replay you sent from the panel with a captured Session, which an earlier request had spent or which has expired: Cognito refuses it. Use "Re-run the sign-in up to this step" in the editor: it signs in again and answers with a fresh Session.';

export const checkHandoff: StepCheck = (findings, { step, ctx, options }) => {
  const op = step.call.operation;
  const replay = step.call.replayOf !== null;
  if (step.handoff === 'missing' && step.handoffVia === 'session') {
    findings.push(finding('session-missing', 'error',
      `${op} sent no Session${ctx.latestSessionFrom !== null ? `, but entry ${ctx.latestSessionFrom} handed one out` : ''}.`,
      'Every challenge answer must send the top-level Session from the previous response unchanged ("Missing required parameter Session").'));
  }
  if (step.handoff === 'mismatch') {
    const unread = uncheckable(step, ctx);
    if (unread) {
      findings.push(unread);
    } else if (step.handoffVia === 'secret-block') {
      findings.push(finding('session-mismatch', 'error',
        'PASSWORD_CLAIM_SECRET_BLOCK is not the SECRET_BLOCK any PASSWORD_VERIFIER of this capture issued.',
        'Echo SECRET_BLOCK from the latest PASSWORD_VERIFIER challenge unchanged; it is signed into PASSWORD_CLAIM_SIGNATURE.'));
    } else if (ctx.handoffFrom !== null) {
      findings.push(finding('session-mismatch', 'error',
        `${op} sent an older Session (issued by entry ${ctx.handoffFrom}); the latest one came from entry ${ctx.latestSessionFrom}.`,
        'Keep only the Session of the most recent response; a stale one gets "Invalid session for the user".'));
    } else {
      findings.push(unknownSession(step, ctx));
    }
  }
  if (step.handoff === 'reused') {
    const reused = reusedSession(step, ctx);
    // A replay the user sent from the panel: the way out is the re-run, not the app's code.
    findings.push(replay && reused.severity !== 'info' ? { ...reused, hint: REPLAY_HINT } : reused);
  }
  if (step.sessionExpired && step.sessionAgeMs !== null) {
    findings.push(finding('session-expired', step.call.error ? 'error' : 'warning',
      `${op} was sent ${minutes(step.sessionAgeMs)} after its Session was issued; sessions last ${options.sessionValidityMinutes} min by default.`,
      replay ? REPLAY_HINT : 'Answer within the app client\'s AuthSessionValidity (3 to 15 minutes) or raise it; an expired Session gets "Invalid session for the user, session is expired".'));
  }
};
