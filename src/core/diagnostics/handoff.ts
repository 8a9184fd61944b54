/**
 * session-missing, session-mismatch, session-reused, session-expired: is each request handing
 * back the Session its flow's previous response issued? A Session is single-use and lives
 * AuthSessionValidity minutes (3..15, default 3) — cognito-protocol.md, "Validity windows".
 */
import type { StepCheck } from './types';
import { finding } from './types';

const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;

/** For a replay the user just sent from the panel, the cause is the replay, not the app's code. */
const REPLAY_HINT = 'This is a replay you sent from the panel with a captured Session, which an earlier request had spent or which has expired: Cognito refuses it. Use "Re-run the sign-in up to this step" in the editor: it signs in again and answers with a fresh Session.';

export const checkHandoff: StepCheck = ({ step, ctx, options }) => {
  const findings = [];
  const op = step.call.operation;
  const replay = step.call.replayOf !== null;
  if (step.handoff === 'missing' && step.handoffVia === 'session') {
    findings.push(finding('session-missing', 'error',
      `${op} sent no Session${ctx.latestSessionFrom !== null ? `, but entry ${ctx.latestSessionFrom} handed one out` : ''}.`,
      'Every challenge answer must send the top-level Session from the previous response unchanged ("Missing required parameter Session").'));
  }
  if (step.handoff === 'mismatch') {
    if (step.handoffVia === 'secret-block') {
      findings.push(finding('session-mismatch', 'error',
        'PASSWORD_CLAIM_SECRET_BLOCK is not the SECRET_BLOCK any PASSWORD_VERIFIER of this capture issued.',
        'Echo SECRET_BLOCK from the latest PASSWORD_VERIFIER challenge unchanged; it is signed into PASSWORD_CLAIM_SIGNATURE.'));
    } else if (ctx.handoffFrom !== null) {
      findings.push(finding('session-mismatch', 'error',
        `${op} sent an older Session (issued by entry ${ctx.handoffFrom}); the latest one came from entry ${ctx.latestSessionFrom}.`,
        'Keep only the Session of the most recent response; a stale one gets "Invalid session for the user".'));
    } else {
      const joined = step !== ctx.flow.steps[0];
      findings.push(finding('session-mismatch', joined ? 'error' : 'warning',
        `${op} sent a Session that no response in this capture issued.`,
        joined
          ? 'It was linked to this flow by client and user only. Forward the Session from the previous response unchanged (no trimming, re-encoding or mixing tabs).'
          : 'It may have been issued before the capture started (open DevTools before signing in), or it was corrupted on the way.'));
    }
  }
  if (step.handoff === 'reused') {
    findings.push(finding('session-reused', 'error',
      `${op} sent a Session that entry ${ctx.firstUsedBy ?? '?'} had already used.`,
      replay ? REPLAY_HINT : 'A Session is single-use, even when the answer it carried was rejected ("session can only be used once"): look for a double submit or an automatic retry, and start the sign-in again after a failed answer.'));
  }
  if (step.sessionExpired && step.sessionAgeMs !== null) {
    findings.push(finding('session-expired', step.call.error ? 'error' : 'warning',
      `${op} was sent ${minutes(step.sessionAgeMs)} after its Session was issued; sessions last ${options.sessionValidityMinutes} min by default.`,
      replay ? REPLAY_HINT : 'Answer within the app client\'s AuthSessionValidity (3 to 15 minutes) or raise it; an expired Session gets "Invalid session for the user, session is expired".'));
  }
  return findings;
};
