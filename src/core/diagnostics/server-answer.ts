/**
 * The server's answer outranks our rules (issue 9): when Cognito accepted a request (a 2xx answer
 * with a challenge, tokens or anything else, no error), a rule saying that request was invalid
 * cannot be an error. It is still worth saying — the rule may not hold for this pool, or this
 * server is lenient (emulators such as cognito-local accept what Cognito rejects) — as a warning.
 */
import type { CognitoCall, DiagnosticCode } from '../model';
import type { Finding } from './types';
import { accepted } from './flow-facts';

/** The codes that judge the request itself: an acceptance contradicts them. */
const REQUEST_RULES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'missing-challenge-response', 'missing-auth-parameter', 'challenge-name-mismatch', 'answer-not-offered',
  'session-missing', 'session-mismatch', 'session-reused', 'session-expired',
  'username-not-srp-id', 'timestamp-format', 'token-expired', 'access-token-scope',
]);

export const ACCEPTED_ANYWAY = 'Cognito accepted this; the rule may not apply to this user pool or this server (emulators are lenient).';

export function serverOutranks(call: CognitoCall, findings: Finding[]): Finding[] {
  if (!accepted(call)) return findings;
  return findings.map((f) => (f.severity === 'error' && REQUEST_RULES.has(f.code)
    ? { ...f, severity: 'warning', hint: `${ACCEPTED_ANYWAY} ${f.hint}` }
    : f));
}
