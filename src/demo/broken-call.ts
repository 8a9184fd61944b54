/**
 * The deliberate mistake the panel should explain: answer NEW_PASSWORD_REQUIRED without the
 * NEW_PASSWORD key. Raw fetch (no client library) because libraries never send it broken.
 * The user stays in FORCE_CHANGE_PASSWORD, so the button can be pressed again and again.
 */
import type { DemoConfig, DemoUser } from './config';

interface CognitoReply {
  status: number;
  body: Record<string, unknown>;
}

async function call(config: DemoConfig, operation: string, body: unknown): Promise<CognitoReply> {
  const response = await fetch(config.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // An empty or non-JSON reply: the status is all the page needs.
  }
  return { status: response.status, body: parsed };
}

/** Resolves to what Cognito said to the broken answer (an error type, or the status). */
export async function brokenNewPasswordAnswer(config: DemoConfig, user: DemoUser): Promise<string> {
  const started = await call(config, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.clientId,
    AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
  });
  if (started.body.ChallengeName !== 'NEW_PASSWORD_REQUIRED' || typeof started.body.Session !== 'string') {
    throw new Error(`expected NEW_PASSWORD_REQUIRED, got ${started.status} ${JSON.stringify(started.body).slice(0, 120)}`);
  }
  const answered = await call(config, 'RespondToAuthChallenge', {
    ClientId: config.clientId,
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session: started.body.Session,
    ChallengeResponses: { USERNAME: user.username }, // NEW_PASSWORD left out on purpose
  });
  const type = typeof answered.body.__type === 'string' ? answered.body.__type : '';
  return `${answered.status}${type ? ` ${type}` : ''}`;
}
