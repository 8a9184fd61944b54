/**
 * token-expired: an access token sent after it expired, or tokens already expired when Cognito
 * issued them (the capturing machine's clock is off, or the HAR was stitched together).
 */
import { str } from '../json';
import { bodyObject } from '../body';
import { decodeSent } from './sent-tokens';
import type { CallCheck, Finding, StepCheck } from './types';
import type { DecodedToken } from '../tokens';
import { finding } from './types';
import { formatDuration } from '../view/format';

// In days and hours past a day, as the Network panel counts ("264 d 6 h", not "380464 min"; issue 8).
const ago = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : formatDuration(ms));

/** Any call (in a flow or not) that sends an AccessToken. */
export const checkSentToken: CallCheck = (out, call, _options, _step, tokens) => {
  const sent = str(bodyObject(call.request), 'AccessToken');
  if (sent === undefined || !Number.isFinite(call.startedAt)) return;
  const token = decodeSent(tokens, sent, call.startedAt);
  if (token.kind !== 'jwt' || token.expiresInMs === null || token.expiresInMs > 0) return;
  out.push(finding('token-expired', 'error',
    `${call.operation} sent an AccessToken that had expired ${ago(-token.expiresInMs)} before.`,
    'Refresh the tokens (REFRESH_TOKEN_AUTH) before calling; access tokens last 5 min to 1 day (1 h by default).'));
};

function checkIssued(out: Finding[], name: 'IdToken' | 'AccessToken', token: DecodedToken | null): void {
  if (token?.kind === 'jwt' && token.expiresInMs !== null && token.expiresInMs <= 0) {
    out.push(finding('token-expired', 'warning',
      `The ${name} was already expired (${ago(-token.expiresInMs)} ago) when this response arrived.`,
      'The clock of the machine that captured this is off, or the HAR mixes captures from different times.'));
  }
}

/** The tokens a step's response issued, as the linker decoded them at the response time. */
export const checkIssuedTokens: StepCheck = (out, { step }) => {
  const issued = step.tokens;
  if (!issued || !Number.isFinite(step.call.startedAt)) return;
  checkIssued(out, 'IdToken', issued.id);
  checkIssued(out, 'AccessToken', issued.access);
};
