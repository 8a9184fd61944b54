/**
 * The Session a step's request sent and the one its response returned, read from the call's
 * bodies when asked rather than kept on the step. The panel and the CLI show a Session as its
 * fingerprint, but only for the steps on screen; hashing every Session of a capture while linking
 * (they are about 900 characters) was a fifth of linking a Cognito-dense capture (issue 13), for
 * steps nobody looks at. Comparing Sessions (evidence.ts, live-analysis.ts) compares the values
 * themselves, which is exact where fingerprints could collide.
 */
import type { Step } from './model';
import { bodyObject } from './body';
import { str } from './json';
import { fingerprint } from './fingerprint';

/** The top-level Session the step's request sent, or null. */
export function sessionSent(step: Pick<Step, 'call'>): string | null {
  return str(bodyObject(step.call.request), 'Session') ?? null;
}

/** The top-level Session the step's response returned, or null. */
export function sessionReturned(step: Pick<Step, 'call'>): string | null {
  return str(bodyObject(step.call.response), 'Session') ?? null;
}

/** The fingerprint people see for the Session the step sent (never the value), or null. */
export function sentSessionFingerprint(step: Pick<Step, 'call'>): string | null {
  const session = sessionSent(step);
  return session === null ? null : fingerprint(session);
}
