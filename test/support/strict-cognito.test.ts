/**
 * The strict double refuses what Amazon Cognito refuses and cognito-local lets through:
 * reused and expired Sessions, missing or wrong SECRET_HASH, wrong SRP proofs, with the
 * reference's strings in the real error shape. Runs against a real seeded cognito-local.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type ICognitoStorage } from 'amazon-cognito-identity-js';
import { startSeededCognitoLocal, type CognitoLocalServer, type CognitoSeed } from './cognito-local';
import { startStrictCognito, type StrictCognito, type StrictCognitoOptions } from './strict-cognito';
import { expectedSecretHash } from './strict-cognito-rules';

let cognito: CognitoLocalServer;
let seed: CognitoSeed;
const doubles: StrictCognito[] = [];

beforeAll(async () => {
  ({ server: cognito, seed } = await startSeededCognitoLocal());
});

afterAll(async () => {
  for (const double of doubles) await double.close();
  await cognito?.stop();
});

async function strict(options: Partial<StrictCognitoOptions> = {}): Promise<StrictCognito> {
  const double = await startStrictCognito({ upstream: seed.endpoint, clientSecrets: { [seed.secretClient.clientId]: seed.secretClient.clientSecret }, ...options });
  doubles.push(double);
  return double;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(double: StrictCognito, operation: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${double.endpoint}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** RFC 6238 with SHA-1, 6 digits, 30 s steps (what cognito-local checks), from Node's crypto. */
function totp(base32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of base32.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

function expectRefusal(answer: Answer, type: string, message: string): void {
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual({ __type: type, message });
  expect(answer.headers.get('x-amzn-errortype')).toBe(`${type}:`);
  expect(answer.headers.get('x-amzn-errormessage')).toBe(message);
  expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.1');
}

async function startTotp(double: StrictCognito): Promise<{ session: string; username: string; secret: string }> {
  const user = seed.users['totp-mfa'];
  const started = await call(double, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } });
  expect(started.body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  return { session: String(started.body.Session), username: user.username, secret: user.totpSecret ?? '' };
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

function answerTotp(double: StrictCognito, session: string, username: string, code: string) {
  return call(double, 'RespondToAuthChallenge', {
    ClientId: seed.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
  });
}

describe('Sessions', () => {
  it('a Session answered successfully cannot be used again ("session can only be used once")', async () => {
    const double = await strict();
    const { session, username, secret } = await startTotp(double);
    const signedIn = await answerTotp(double, session, username, totp(secret));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.AuthenticationResult).toBeDefined();
    expectRefusal(await answerTotp(double, session, username, totp(secret)), 'NotAuthorizedException', 'Invalid session for the user, session can only be used once.');
  });

  it('rejectedAnswer "spent" (default): after a wrong code the Session is refused ("Invalid session for the user.")', async () => {
    const double = await strict();
    const { session, username, secret } = await startTotp(double);
    expectRefusal(await answerTotp(double, session, username, wrongCode(totp(secret))), 'CodeMismatchException', 'Invalid code or auth state for the user.');
    expectRefusal(await answerTotp(double, session, username, totp(secret)), 'NotAuthorizedException', 'Invalid session for the user.');
  });

  it('rejectedAnswer "survives": after a wrong code the same Session takes the right code', async () => {
    const double = await strict({ rejectedAnswer: 'survives' });
    const { session, username, secret } = await startTotp(double);
    expect((await answerTotp(double, session, username, wrongCode(totp(secret)))).body.__type).toBe('CodeMismatchException');
    const signedIn = await answerTotp(double, session, username, totp(secret));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.AuthenticationResult).toBeDefined();
  });

  it('a Session older than the validity is refused ("session is expired"); one just inside it works', async () => {
    let clock = 1_000_000;
    const double = await strict({ sessionValidityMs: 60_000, now: () => clock });
    const late = await startTotp(double);
    clock += 60_001;
    expectRefusal(await answerTotp(double, late.session, late.username, totp(late.secret)), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
    const onTime = await startTotp(double);
    clock += 60_000;
    expect((await answerTotp(double, onTime.session, onTime.username, totp(onTime.secret))).status).toBe(200);
  });

  it('a Session the service never issued is refused ("Invalid session for the user.")', async () => {
    const double = await strict();
    expectRefusal(await answerTotp(double, 'AYABeForged'.padEnd(40, 'x'), 'hana-totp', '123456'), 'NotAuthorizedException', 'Invalid session for the user.');
  });
});

describe('SECRET_HASH', () => {
  const { username, password } = { username: 'alice', password: 'Alice-Passw0rd!' };
  const start = (double: StrictCognito, extra: Record<string, string>) => call(double, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.secretClient.clientId, AuthParameters: { USERNAME: username, PASSWORD: password, ...extra },
  });

  it('is required and verified for an app client with a secret, with the reference\'s messages', async () => {
    const double = await strict();
    const id = seed.secretClient.clientId;
    expectRefusal(await start(double, {}), 'NotAuthorizedException', `Client ${id} is configured for secret but secret was not received`);
    expectRefusal(await start(double, { SECRET_HASH: expectedSecretHash('wrong-secret', username, id) }), 'NotAuthorizedException', `Unable to verify secret hash for client ${id}`);
    const ok = await start(double, { SECRET_HASH: expectedSecretHash(seed.secretClient.clientSecret, username, id) });
    expect(ok.status).toBe(200);
    expect(ok.body.AuthenticationResult).toBeDefined();
  });

  it('is not asked of a public client', async () => {
    const double = await strict();
    const ok = await call(double, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
    expect(ok.status).toBe(200);
  });
});

describe('errors and CORS', () => {
  it("rewrites cognito-local's errors into the real shape and wording", async () => {
    const double = await strict();
    expectRefusal(await call(double, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'wrong' } }),
      'NotAuthorizedException', 'Incorrect username or password.');
  });

  it('answers preflights like cognito-local: any origin, the requested headers echoed', async () => {
    const double = await strict();
    const response = await fetch(`${double.endpoint}/`, {
      method: 'OPTIONS', headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,x-amz-target');
  });
});

class MemoryStorage implements ICognitoStorage {
  private readonly items = new Map<string, string>();
  setItem(key: string, value: string) { this.items.set(key, value); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  clear() { this.items.clear(); }
}

describe('SRP behind the double', () => {
  function srpSignIn(double: StrictCognito, password: string): Promise<string> {
    const pool = new CognitoUserPool({ UserPoolId: seed.userPoolId, ClientId: seed.clientId, endpoint: double.endpoint, Storage: new MemoryStorage() });
    const user = new CognitoUser({ Username: 'alice', Pool: pool, Storage: new MemoryStorage() });
    return new Promise((resolve) => {
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: password }), {
        onSuccess: () => resolve('signed-in'),
        onFailure: (error: { code?: string; message?: string }) => resolve(`${error.code}: ${error.message}`),
      });
    });
  }

  it('verifies the SRP proof for real: the right password signs in, a wrong one is refused', async () => {
    const double = await strict({ srp: { userPoolId: seed.userPoolId, clientIds: [seed.clientId], users: [{ username: 'alice', password: 'Alice-Passw0rd!' }] } });
    expect(await srpSignIn(double, 'Alice-Passw0rd!')).toBe('signed-in');
    expect(await srpSignIn(double, 'not-her-password')).toBe('NotAuthorizedException: Incorrect username or password.');
  });
});
