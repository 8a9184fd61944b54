/** unparseable-body, body-not-captured: the call still shows; we say what we could not read. */
import type { Body } from '../model';
import type { CallCheck, Finding } from './types';
import { finding } from './types';

function check(out: Finding[], side: 'request' | 'response', body: Body, status: number): void {
  if (body.state === 'unparseable') {
    out.push(finding('unparseable-body', 'warning',
      `The ${side} body could not be read as a JSON object: ${body.reason}.`,
      side === 'request'
        ? 'Cognito expects a JSON object (Content-Type application/x-amz-json-1.1); a malformed body is rejected as SerializationException.'
        : 'The body may be truncated or not from Cognito (a proxy or gateway page); check the Raw view.'));
    return;
  }
  if (body.state === 'not-captured') {
    // A blocked request (status 0) has no response to read; that is said by the error, not here.
    if (side === 'response' && status === 0) return;
    out.push(finding('body-not-captured', 'warning',
      `The ${side} body was not captured: ${body.reason}.`,
      'Browsers drop bodies of calls made before DevTools opened, of large or navigated-away responses; re-run the sign-in with DevTools open and Preserve log on.'));
  }
}

export const checkBodies: CallCheck = (out, call) => {
  check(out, 'request', call.request, call.status);
  check(out, 'response', call.response, call.status);
};
