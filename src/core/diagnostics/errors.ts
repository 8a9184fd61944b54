/**
 * cognito-error: Cognito's terse error, with what usually causes it on this step (reference
 * "Common failures"; errors.ts picks the row for the operation, challenge and flow).
 */
import { explainError } from '../errors';
import { explainIdentityError } from '../identity/errors';
import type { CallCheck } from './types';
import { finding } from './types';
import { callErrorContext, errorContext } from './error-context';

export const checkError: CallCheck = (out, call, _options, input) => {
  const error = call.error;
  if (!error) return;
  // Each service has its own table: the same type (NotAuthorizedException) means different things.
  const known = call.service === 'identity'
    ? explainIdentityError(error)
    : explainError(error, input ? errorContext(input.ctx.flow, input.step) : callErrorContext(call));
  const said = error.message ? `${error.type}: ${error.message}` : error.type;
  const hint = known
    ? `${known.cause} ${known.fix}`
    : error.source === 'status'
      ? 'The response carries no Cognito error type; it may come from a proxy, a gateway or the network.'
      : 'Not in our table of common failures; see the API reference for this error type.';
  out.push(finding('cognito-error', 'error', `${call.operation} failed — ${said}`, hint));
};
