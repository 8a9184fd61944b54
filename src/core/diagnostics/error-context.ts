/**
 * The facts an error's advice is chosen by (errors.ts ErrorContext): which operation failed,
 * which challenge it answered, the sign-in's AuthFlow, and how far the password was proven.
 * Read from the flow as it was up to the failing step; later steps do not count.
 */
import type { ErrorContext } from '../errors';
import type { CognitoCall, Flow, JsonObject, Step } from '../model';
import { bodyObject } from '../body';
import { obj, str } from '../json';
import { PASSWORD_PROOF_KEYS, challengeRule } from '../rules';

/** A call Cognito answered without an error (a challenge, tokens, or any other 2xx answer). */
export function accepted(call: CognitoCall): boolean {
  return call.error === null && call.status >= 200 && call.status < 300;
}

/** The password proofs a request carried (its AuthParameters or ChallengeResponses keys). */
function proofsOf(step: Step, request: JsonObject): { proof: 'srp' | 'plain'; proves: boolean }[] {
  // A device challenge's SRP proves the device, not the password.
  if (challengeRule(step.challengeIn)?.device) return [];
  const keys = { ...(obj(request, 'AuthParameters') ?? {}), ...(obj(request, 'ChallengeResponses') ?? {}) };
  return Object.keys(keys).flatMap((key) => {
    const proof = Object.hasOwn(PASSWORD_PROOF_KEYS, key) ? PASSWORD_PROOF_KEYS[key] : undefined;
    return proof ? [proof] : [];
  });
}

/** The context of `step` in `flow`. */
export function errorContext(flow: Flow, step: Step): ErrorContext {
  const context: ErrorContext = { operation: step.call.operation, challenge: step.challengeIn, authFlow: null, passwordProof: null, passwordAccepted: false };
  for (const earlier of flow.steps) {
    const request = bodyObject(earlier.call.request);
    context.authFlow ??= str(request, 'AuthFlow') ?? null;
    for (const { proof, proves } of proofsOf(earlier, request)) {
      context.passwordProof = proof;
      if (proves && earlier !== step && accepted(earlier.call)) context.passwordAccepted = true;
    }
    if (earlier === step) break;
  }
  return context;
}

/** The context of a call outside any sign-in flow (GetUser, ConfirmSignUp alone, …): its operation only. */
export function callErrorContext(call: CognitoCall): ErrorContext {
  return { operation: call.operation, challenge: null, authFlow: null, passwordProof: null, passwordAccepted: false };
}
