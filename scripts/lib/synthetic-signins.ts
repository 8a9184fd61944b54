/**
 * Captures made only of Cognito sign-ins, one after another, for the bench's shapes that stress
 * linking rather than parsing. Every sign-in is two calls: InitiateAuth (USER_PASSWORD_AUTH)
 * answered with NEW_PASSWORD_REQUIRED and a Session, then RespondToAuthChallenge answered with
 * SOFTWARE_TOKEN_MFA and the next Session (no tokens: 100,000 entries of sign-ins with tokens
 * would not fit in one JavaScript string). The shapes differ only in what the requests leave out,
 * so their sizes match:
 *
 * - `independent`: every sign-in names its user and sends back its Session (the baseline);
 * - `no-username`: no request names a user and no answer sends a Session, all for one app client —
 *   each answer has to be matched to an open sign-in of that client;
 * - `unknown-sessions`: one user signs in again and again and every answer sends a Session the
 *   capture never saw issued (redacted, or from an older capture) — matched by user;
 * - `shared-trailer`: like `independent`, but every Session ends with the same 64 characters (a
 *   trailer a proxy or a redaction tool appends) — the Session index must not walk them all;
 * - `one-flow`: like `unknown-sessions`, but the sign-ins were not captured: every request is an
 *   answer, every other one refused ("Invalid session"), so they all join one flow of 2 ×
 *   `signIns` steps — each step's checks must not rescan the steps before it.
 *
 * Same options → byte-identical JSON (seeded PRNG, fixed dates).
 */
import type { Har } from '../../src/core/har';
import { buildEntry, USER_AGENT, type SyntheticEntry } from './har-entry';
import { Rng } from './prng';
import { makeSession } from './synthetic-flows';
import { APP_ORIGIN } from './synthetic-traffic';

export type SignInShape = 'independent' | 'no-username' | 'unknown-sessions' | 'shared-trailer' | 'one-flow';

export interface SignInCaptureOptions {
  shape: SignInShape;
  /** Number of sign-ins; the capture has twice as many entries. */
  signIns: number;
  seed?: number;
}

const ENDPOINT = 'https://cognito-idp.eu-west-1.amazonaws.com/';
/** The end every Session of the `shared-trailer` shape shares (replacing as many characters: same sizes). */
const TRAILER = 'Zz'.repeat(32);

function cognitoEntry(rng: Rng, operation: string, start: number, request: unknown, response: unknown, status = 200): SyntheticEntry {
  const requestText = JSON.stringify(request);
  return buildEntry({
    start,
    duration: rng.int(80, 400),
    method: 'POST',
    url: ENDPOINT,
    http2: true,
    requestHeaders: [
      ['Content-Type', 'application/x-amz-json-1.1'],
      ['Origin', APP_ORIGIN],
      ['User-Agent', USER_AGENT],
      ['X-Amz-Target', `AWSCognitoIdentityProviderService.${operation}`],
      ['X-Amz-User-Agent', 'aws-amplify/6.15.5 auth/4 framework/2'],
    ],
    postData: { mimeType: 'application/x-amz-json-1.1', text: requestText },
    status,
    responseHeaders: [['Content-Type', 'application/x-amz-json-1.1'], ['x-amzn-RequestId', rng.uuid()]],
    content: { mimeType: 'application/x-amz-json-1.1', text: JSON.stringify(response) },
    resourceType: 'fetch',
  }, rng);
}

function shapedSession(shape: SignInShape, rng: Rng): string {
  const session = makeSession(rng);
  return shape === 'shared-trailer' ? session.slice(0, -TRAILER.length) + TRAILER : session;
}

export function generateSignInCapture(options: SignInCaptureOptions): Har {
  const rng = new Rng(options.seed ?? 20261201);
  const { shape } = options;
  const t0 = Date.parse('2026-03-14T09:00:00.000Z');
  const clientId = rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 26);
  const sameUser = { sub: rng.uuid(), email: 'the.same.user@example.com' };
  const entries: SyntheticEntry[] = [];
  for (let i = 0; i < options.signIns; i++) {
    const start = t0 + i * 1_500;
    const user = shape === 'unknown-sessions' || shape === 'one-flow' ? sameUser : { sub: rng.uuid(), email: `user.${i}@example.com` };
    const named = shape !== 'no-username';
    const session = shapedSession(shape, rng);
    if (shape === 'one-flow') {
      entries.push(cognitoEntry(rng, 'RespondToAuthChallenge', start, {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ClientId: clientId,
        ChallengeResponses: { USERNAME: user.email, NEW_PASSWORD: `Pw-${rng.base64(12)}` },
        Session: session,
      }, { __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' }, 400));
    } else {
      entries.push(cognitoEntry(rng, 'InitiateAuth', start, {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { ...(named ? { USERNAME: user.email } : {}), PASSWORD: `Pw-${rng.base64(9)}` },
      }, {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeParameters: { USER_ID_FOR_SRP: user.sub, requiredAttributes: '[]', userAttributes: JSON.stringify({ email: user.email }) },
      }));
    }
    const sessionSent = shape === 'unknown-sessions' || shape === 'one-flow' ? makeSession(rng) : shape === 'no-username' ? undefined : session;
    entries.push(cognitoEntry(rng, 'RespondToAuthChallenge', start + 600, {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: clientId,
      ChallengeResponses: { ...(named ? { USERNAME: user.email } : {}), NEW_PASSWORD: `Pw-${rng.base64(12)}` },
      ...(sessionSent !== undefined ? { Session: sessionSent } : {}),
    }, {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: shapedSession(shape, rng),
      ChallengeParameters: { USER_ID_FOR_SRP: user.sub },
    }));
  }
  return { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries } } as Har;
}
