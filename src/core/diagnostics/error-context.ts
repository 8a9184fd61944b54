/**
 * The facts an error's advice is chosen by (errors.ts ErrorContext): which operation failed,
 * which challenge it answered, the sign-in's AuthFlow, and how far the password was proven.
 * Read from the flow as it was up to the failing step; later steps do not count.
 */
import type { ErrorContext } from '../errors';
import type { CognitoCall, Flow, Step } from '../model';
import { flowFacts } from './flow-facts';

/** The context of `step` in `flow` (the flow's facts up to it: flow-facts.ts). */
export function errorContext(flow: Flow, step: Step): ErrorContext {
  return { operation: step.call.operation, challenge: step.challengeIn, ...flowFacts(flow.steps).upTo(step) };
}

/** The context of a call outside any sign-in flow (GetUser, ConfirmSignUp alone, …): its operation only. */
export function callErrorContext(call: CognitoCall): ErrorContext {
  return { operation: call.operation, challenge: null, authFlow: null, passwordProof: null, passwordAccepted: false };
}
