/**
 * token-expired: an access token sent after it expired, or tokens already expired when Cognito
 * issued them (the capturing machine's clock is off, or the HAR was stitched together).
 */
import { obj, str } from '../json';
import { decodeToken } from '../tokens';
import type { CallCheck, Finding } from './types';
import { finding } from './types';

const ago = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

export const checkTokens: CallCheck = (call) => {
  const findings: Finding[] = [];
  const request = call.request.state === 'json' ? call.request.value : {};
  const sent = str(request, 'AccessToken');
  if (sent !== undefined && Number.isFinite(call.startedAt)) {
    const token = decodeToken(sent, call.startedAt);
    if (token.kind === 'jwt' && token.expiresInMs !== null && token.expiresInMs <= 0) {
      findings.push(finding('token-expired', 'error',
        `${call.operation} sent an AccessToken that had expired ${ago(-token.expiresInMs)} before.`,
        'Refresh the tokens (REFRESH_TOKEN_AUTH) before calling; access tokens last 5 min to 1 day (1 h by default).'));
    }
  }
  const result = obj(call.response.state === 'json' ? call.response.value : {}, 'AuthenticationResult');
  if (result) {
    const issuedAt = Number.isFinite(call.startedAt) ? call.startedAt + call.duration : Number.NaN;
    for (const name of ['IdToken', 'AccessToken'] as const) {
      const token = name in result ? decodeToken(result[name], issuedAt) : null;
      if (token?.kind === 'jwt' && token.expiresInMs !== null && token.expiresInMs <= 0) {
        findings.push(finding('token-expired', 'warning',
          `The ${name} was already expired (${ago(-token.expiresInMs)} ago) when this response arrived.`,
          'The clock of the machine that captured this is off, or the HAR mixes captures from different times.'));
      }
    }
  }
  return findings;
};
