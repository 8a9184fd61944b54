/**
 * Sign-in scenarios driven by the REAL client libraries (amazon-cognito-identity-js, which
 * browser apps use, and @aws-sdk/client-cognito-identity-provider) against cognito-local or
 * our SRP stand-in, through a recording proxy. Shared by `npm run record` and the live test.
 *
 * A scenario only talks to `ctx.endpoint` (the recorder's URL); `ctx.server` is used to read
 * what a real user would get out of band (the SMS code).
 */
import { createHmac } from 'node:crypto';
import {
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import { readDbUser, sdkClient, startSeededCognitoLocal, type CognitoLocalServer, type CognitoSeed, type SeededUser } from './cognito-local';
import { startHarRecorder, type HarRecorder, type RecordedHar } from './har-recorder';
import { startSrpServer, type SrpServer } from './srp-server';
import { secretHash } from '../../scripts/lib/secret-hash';

export interface ScenarioContext {
  /** Where the client libraries send their requests (the recording proxy). */
  endpoint: string;
  seed: CognitoSeed;
  server: Pick<CognitoLocalServer, 'dir'>;
}


export interface Scenario {
  /** File name stem of the capture: test/fixtures/real/<name>.har. */
  name: string;
  /** What the capture shows, for docs and the script's output. */
  summary: string;
  /** 'srp': needs the SRP stand-in in front of cognito-local. */
  via: 'cognito-local' | 'srp';
  run(ctx: ScenarioContext): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) over a base32 secret, as authenticator apps compute it. */
export function totpCode(base32Secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of base32Secret.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    bits += index.toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}


/** A per-pool storage so identity-js instances never share cached tokens through its global memory store. */
class MemoryStorage implements ICognitoStorage {
  private items = new Map<string, string>();
  setItem(key: string, value: string): void { this.items.set(key, value); }
  getItem(key: string): string | null { return this.items.get(key) ?? null; }
  removeItem(key: string): void { this.items.delete(key); }
  clear(): void { this.items.clear(); }
}

function identityUser(ctx: ScenarioContext, username: string, flow: 'USER_PASSWORD_AUTH' | 'USER_SRP_AUTH'): CognitoUser {
  const pool = new CognitoUserPool({ UserPoolId: ctx.seed.userPoolId, ClientId: ctx.seed.clientId, endpoint: ctx.endpoint, Storage: new MemoryStorage() });
  const user = new CognitoUser({ Username: username, Pool: pool, Storage: new MemoryStorage() });
  user.setAuthenticationFlowType(flow);
  return user;
}

type AuthStep =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'challenge'; name: string; parameters: unknown };

/** Turns identity-js's callback maps into a promise of the next step. */
function nextStep(start: (callbacks: IAuthenticationCallback) => void): Promise<AuthStep> {
  return new Promise((resolve, reject) => {
    const challenge = (name: string) => (_nameOrAttributes: unknown, parameters?: unknown) => resolve({ kind: 'challenge', name, parameters });
    start({
      onSuccess: (session) => resolve({ kind: 'success', session }),
      onFailure: (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      newPasswordRequired: challenge('NEW_PASSWORD_REQUIRED'),
      mfaRequired: challenge('SMS_MFA'),
      totpRequired: challenge('SOFTWARE_TOKEN_MFA'),
      selectMFAType: challenge('SELECT_MFA_TYPE'),
      mfaSetup: challenge('MFA_SETUP'),
      customChallenge: (parameters) => resolve({ kind: 'challenge', name: 'CUSTOM_CHALLENGE', parameters }),
    });
  });
}

function expectChallenge(step: AuthStep, name: string): void {
  if (step.kind !== 'challenge' || step.name !== name) throw new Error(`expected challenge ${name}, got ${JSON.stringify(step.kind === 'challenge' ? step.name : 'success')}`);
}

function expectSuccess(step: AuthStep): CognitoUserSession {
  if (step.kind !== 'success') throw new Error(`expected tokens, got challenge ${step.name}`);
  return step.session;
}

/** Runs `action`, which must fail with the named error (the capture is about that error). */
async function expectError(action: () => Promise<unknown>, name: string): Promise<void> {
  try {
    await action();
  } catch (error) {
    const actual = (error as { name?: string; code?: string }).code ?? (error as Error).name;
    if (actual === name) return;
    throw new Error(`expected ${name}, got ${String(actual)}: ${(error as Error).message}`, { cause: error });
  }
  throw new Error(`expected ${name}, but the call succeeded`);
}

function signIn(user: CognitoUser, seeded: Pick<SeededUser, 'username'>, password: string): Promise<AuthStep> {
  const details = new AuthenticationDetails({ Username: seeded.username, Password: password });
  return nextStep((callbacks) => user.authenticateUser(details, callbacks));
}

async function withSdk<T>(ctx: ScenarioContext, use: (sdk: CognitoIdentityProviderClient) => Promise<T>): Promise<T> {
  const sdk = sdkClient(ctx.endpoint, ctx.seed.region);
  try {
    return await use(sdk);
  } finally {
    sdk.destroy();
  }
}

function sdkPasswordSignIn(sdk: CognitoIdentityProviderClient, ctx: ScenarioContext, user: SeededUser, password = user.password) {
  return sdk.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.seed.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: password },
  }));
}

// ---------------------------------------------------------------------------------------------
// The scenarios

export const userPasswordAuth: Scenario = {
  name: 'user-password-auth',
  summary: 'AWS SDK InitiateAuth USER_PASSWORD_AUTH (alice) → tokens, then GetUser with the access token (a standalone call).',
  via: 'cognito-local',
  run: (ctx) => withSdk(ctx, async (sdk) => {
    const result = await sdkPasswordSignIn(sdk, ctx, ctx.seed.users.confirmed);
    const accessToken = result.AuthenticationResult?.AccessToken;
    if (!accessToken) throw new Error('no access token');
    await sdk.send(new GetUserCommand({ AccessToken: accessToken }));
  }),
};

export const wrongPassword: Scenario = {
  name: 'wrong-password',
  summary: 'AWS SDK InitiateAuth USER_PASSWORD_AUTH (alice) with a wrong password → 400 InvalidPasswordException in cognito-local\'s error form (real Cognito: NotAuthorizedException).',
  via: 'cognito-local',
  run: (ctx) => withSdk(ctx, (sdk) => expectError(() => sdkPasswordSignIn(sdk, ctx, ctx.seed.users.confirmed, 'not-her-password'), 'InvalidPasswordException')),
};

export const newPasswordRequired: Scenario = {
  name: 'new-password-required',
  summary: 'amazon-cognito-identity-js (USER_PASSWORD_AUTH) signs in bob-new with his temporary password → NEW_PASSWORD_REQUIRED → completeNewPasswordChallenge → tokens.',
  via: 'cognito-local',
  run: async (ctx) => {
    const seeded = ctx.seed.users['new-password'];
    const user = identityUser(ctx, seeded.username, 'USER_PASSWORD_AUTH');
    expectChallenge(await signIn(user, seeded, seeded.password), 'NEW_PASSWORD_REQUIRED');
    expectSuccess(await nextStep((callbacks) => user.completeNewPasswordChallenge(seeded.newPassword ?? '', {}, callbacks)));
  },
};

export const softwareTokenMfa: Scenario = {
  name: 'software-token-mfa',
  summary: 'amazon-cognito-identity-js: erin-totp signs in (tokens), sets up TOTP with AssociateSoftwareToken + VerifySoftwareToken (AccessToken) and SetUserMFAPreference, then signs in again → SOFTWARE_TOKEN_MFA → tokens.',
  via: 'cognito-local',
  run: async (ctx) => {
    const seeded = ctx.seed.users.totp;
    const first = identityUser(ctx, seeded.username, 'USER_PASSWORD_AUTH');
    expectSuccess(await signIn(first, seeded, seeded.password));
    const secret = await new Promise<string>((resolve, reject) => first.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
    await new Promise((resolve, reject) => first.verifySoftwareToken(totpCode(secret), 'recorder-authenticator', { onSuccess: resolve, onFailure: reject }));
    await new Promise((resolve, reject) => first.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, (error, result) => (error ? reject(error) : resolve(result))));

    const second = identityUser(ctx, seeded.username, 'USER_PASSWORD_AUTH');
    expectChallenge(await signIn(second, seeded, seeded.password), 'SOFTWARE_TOKEN_MFA');
    expectSuccess(await nextStep((callbacks) => second.sendMFACode(totpCode(secret), callbacks, 'SOFTWARE_TOKEN_MFA')));
  },
};

export const smsMfa: Scenario = {
  name: 'sms-mfa',
  summary: 'amazon-cognito-identity-js: frank-sms signs in → SMS_MFA (code read from cognito-local\'s DB, destination unmasked) → sendMFACode → tokens.',
  via: 'cognito-local',
  run: async (ctx) => {
    const seeded = ctx.seed.users.sms;
    const user = identityUser(ctx, seeded.username, 'USER_PASSWORD_AUTH');
    expectChallenge(await signIn(user, seeded, seeded.password), 'SMS_MFA');
    const code = (await readDbUser(ctx.server, ctx.seed.userPoolId, seeded.username))?.MFACode;
    if (!code) throw new Error('cognito-local stored no MFACode');
    expectSuccess(await nextStep((callbacks) => user.sendMFACode(code, callbacks)));
  },
};

export const selectMfaType: Scenario = {
  name: 'select-mfa-type',
  summary: 'amazon-cognito-identity-js: grace-select (SMS and TOTP enabled) signs in → SELECT_MFA_TYPE → answers SOFTWARE_TOKEN_MFA → SOFTWARE_TOKEN_MFA → tokens.',
  via: 'cognito-local',
  run: async (ctx) => {
    const seeded = ctx.seed.users['select-mfa'];
    const user = identityUser(ctx, seeded.username, 'USER_PASSWORD_AUTH');
    expectChallenge(await signIn(user, seeded, seeded.password), 'SELECT_MFA_TYPE');
    expectChallenge(await nextStep((callbacks) => user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', callbacks)), 'SOFTWARE_TOKEN_MFA');
    expectSuccess(await nextStep((callbacks) => user.sendMFACode(totpCode(seeded.totpSecret ?? ''), callbacks, 'SOFTWARE_TOKEN_MFA')));
  },
};

export const refreshToken: Scenario = {
  name: 'refresh-token',
  summary: 'amazon-cognito-identity-js: alice signs in (USER_PASSWORD_AUTH) → tokens, then refreshSession → InitiateAuth REFRESH_TOKEN_AUTH → new ID and access tokens (no new refresh token).',
  via: 'cognito-local',
  run: async (ctx) => {
    const seeded = ctx.seed.users.confirmed;
    const user = identityUser(ctx, seeded.username, 'USER_PASSWORD_AUTH');
    const session = expectSuccess(await signIn(user, seeded, seeded.password));
    await new Promise((resolve, reject) => user.refreshSession(session.getRefreshToken(), (error: unknown, result: unknown) => (error ? reject(error) : resolve(result))));
  },
};

/** SMS sign-in through the confidential client; `withHashOnAnswer: false` forgets SECRET_HASH on the answer. */
function secretClientSms(ctx: ScenarioContext, withHashOnAnswer: boolean): Promise<void> {
  const seeded = ctx.seed.users.sms;
  const { clientId, clientSecret } = ctx.seed.secretClient;
  const hash = secretHash(clientSecret, seeded.username, clientId);
  return withSdk(ctx, async (sdk) => {
    const started = await sdk.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId,
      AuthParameters: { USERNAME: seeded.username, PASSWORD: seeded.password, SECRET_HASH: hash },
    }));
    if (started.ChallengeName !== 'SMS_MFA') throw new Error(`expected SMS_MFA, got ${started.ChallengeName}`);
    const code = (await readDbUser(ctx.server, ctx.seed.userPoolId, seeded.username))?.MFACode ?? '';
    const answer: Record<string, string> = { USERNAME: seeded.username, SMS_MFA_CODE: code };
    if (withHashOnAnswer) answer.SECRET_HASH = hash;
    const done = await sdk.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_MFA', Session: started.Session, ChallengeResponses: answer }));
    if (!done.AuthenticationResult) throw new Error('expected tokens');
  });
}

export const secretHashClient: Scenario = {
  name: 'secret-hash-client',
  summary: 'AWS SDK through the app client with a secret: InitiateAuth with SECRET_HASH (frank-sms) → SMS_MFA → RespondToAuthChallenge with SECRET_HASH → tokens.',
  via: 'cognito-local',
  run: (ctx) => secretClientSms(ctx, true),
};

export const secretHashMissing: Scenario = {
  name: 'secret-hash-missing-on-challenge',
  summary: 'As secret-hash-client, but the SMS_MFA answer forgets SECRET_HASH. cognito-local never checks it and returns tokens; real Cognito would answer NotAuthorizedException.',
  via: 'cognito-local',
  run: (ctx) => secretClientSms(ctx, false),
};

export const brokenMissingNewPassword: Scenario = {
  name: 'broken-missing-new-password',
  summary: 'AWS SDK: carol-broken gets NEW_PASSWORD_REQUIRED, and the answer omits NEW_PASSWORD → 400 InvalidParameterException "Missing required parameter NEW_PASSWORD".',
  via: 'cognito-local',
  run: (ctx) => withSdk(ctx, async (sdk) => {
    const seeded = ctx.seed.users['new-password-broken'];
    const started = await sdkPasswordSignIn(sdk, ctx, seeded);
    if (started.ChallengeName !== 'NEW_PASSWORD_REQUIRED') throw new Error(`expected NEW_PASSWORD_REQUIRED, got ${started.ChallengeName}`);
    await expectError(() => sdk.send(new RespondToAuthChallengeCommand({
      ClientId: ctx.seed.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: started.Session,
      ChallengeResponses: { USERNAME: seeded.username },
    })), 'InvalidParameterException');
  }),
};

export const reusedSession: Scenario = {
  name: 'reused-session',
  summary: 'AWS SDK: dave-reuse answers NEW_PASSWORD_REQUIRED (tokens), then sends the same answer with the same Session again (a double submit). cognito-local never validates sessions and returns tokens again; real Cognito: NotAuthorizedException "Invalid session for the user, session can only be used once."',
  via: 'cognito-local',
  run: (ctx) => withSdk(ctx, async (sdk) => {
    const seeded = ctx.seed.users['new-password-reuse'];
    const started = await sdkPasswordSignIn(sdk, ctx, seeded);
    if (started.ChallengeName !== 'NEW_PASSWORD_REQUIRED') throw new Error(`expected NEW_PASSWORD_REQUIRED, got ${started.ChallengeName}`);
    const answer = new RespondToAuthChallengeCommand({
      ClientId: ctx.seed.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: started.Session,
      ChallengeResponses: { USERNAME: seeded.username, NEW_PASSWORD: seeded.newPassword ?? '' },
    });
    await sdk.send(answer);
    await sdk.send(answer);
  }),
};

export const srpSignIn: Scenario = {
  name: 'srp-sign-in',
  summary: 'amazon-cognito-identity-js default authenticateUser (USER_SRP_AUTH, alice) against our SRP stand-in → PASSWORD_VERIFIER without Session → answer echoing SECRET_BLOCK → tokens.',
  via: 'srp',
  run: async (ctx) => {
    const seeded = ctx.seed.users.confirmed;
    expectSuccess(await signIn(identityUser(ctx, seeded.username, 'USER_SRP_AUTH'), seeded, seeded.password));
  },
};

export const srpWrongPassword: Scenario = {
  name: 'srp-wrong-password',
  summary: 'amazon-cognito-identity-js SRP sign-in (alice) with a wrong password against our SRP stand-in → PASSWORD_VERIFIER → 400 NotAuthorizedException "Incorrect username or password." in real Cognito\'s error form (x-amzn-ErrorType header).',
  via: 'srp',
  run: async (ctx) => {
    const seeded = ctx.seed.users.confirmed;
    await expectError(() => signIn(identityUser(ctx, seeded.username, 'USER_SRP_AUTH'), seeded, 'not-her-password'), 'NotAuthorizedException');
  },
};

/** Every single-scenario capture, in recording order (order matters: some change user state). */
export const SCENARIOS: Scenario[] = [
  userPasswordAuth,
  wrongPassword,
  newPasswordRequired,
  softwareTokenMfa,
  smsMfa,
  selectMfaType,
  refreshToken,
  secretHashClient,
  secretHashMissing,
  brokenMissingNewPassword,
  reusedSession,
  srpSignIn,
  srpWrongPassword,
];

/** The scenarios run concurrently (on a freshly seeded server) for the interleaved capture. */
export const MIXED_SCENARIOS: Scenario[] = [
  userPasswordAuth,
  wrongPassword,
  newPasswordRequired,
  softwareTokenMfa,
  selectMfaType,
  brokenMissingNewPassword,
  srpSignIn,
  srpWrongPassword,
];

/**
 * Extra non-Cognito traffic a browser HAR also holds: two CORS preflights (as a browser sends
 * before cross-origin Cognito POSTs) and a JWKS download. The analyzer must ignore all three.
 */
export async function browserNoise(endpoint: string, userPoolId: string): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await fetch(`${endpoint}/`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-amz-target,x-amz-user-agent',
      },
    });
  }
  await fetch(`${endpoint}/${userPoolId}/.well-known/jwks.json`);
}

// ---------------------------------------------------------------------------------------------
// Running scenarios under a recorder

export interface RecordingEnvironment {
  server: CognitoLocalServer;
  seed: CognitoSeed;
  /** Our SRP stand-in, forwarding everything that is not SRP to `server`. */
  srp: SrpServer;
  stop(): Promise<void>;
}

/** A freshly seeded cognito-local plus the SRP stand-in in front of it. Call stop() in a finally. */
export async function startRecordingEnvironment(): Promise<RecordingEnvironment> {
  const { server, seed } = await startSeededCognitoLocal();
  let srp: SrpServer;
  try {
    srp = await startSrpServer({
      userPoolId: seed.userPoolId,
      clientIds: [seed.clientId],
      users: [{ username: seed.users.confirmed.username, password: seed.users.confirmed.password, email: seed.users.confirmed.email }],
      upstream: server.endpoint,
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server, seed, srp,
    stop: async () => {
      await srp.close();
      await server.stop();
    },
  };
}

async function withRecorder(target: string, record: (recorder: HarRecorder) => Promise<void>): Promise<RecordedHar> {
  const recorder = await startHarRecorder(target);
  try {
    await record(recorder);
    return recorder.har();
  } finally {
    await recorder.close();
  }
}

/** Runs one scenario through a fresh recorder and returns its HAR. */
export function recordScenario(env: RecordingEnvironment, scenario: Scenario): Promise<RecordedHar> {
  const target = scenario.via === 'srp' ? env.srp.endpoint : env.server.endpoint;
  return withRecorder(target, (recorder) => scenario.run({ endpoint: recorder.url, seed: env.seed, server: env.server }));
}

/**
 * Runs the scenarios concurrently (starts staggered by `staggerMs`) through one recorder in
 * front of the SRP stand-in, so their calls interleave in time as several browser tabs
 * would, plus the browser noise. Needs an environment none of them has run in yet.
 */
export function recordInterleaved(env: RecordingEnvironment, scenarios: Scenario[], staggerMs = 15): Promise<RecordedHar> {
  return withRecorder(env.srp.endpoint, async (recorder) => {
    const ctx: ScenarioContext = { endpoint: recorder.url, seed: env.seed, server: env.server };
    await browserNoise(recorder.url, env.seed.userPoolId);
    await Promise.all(scenarios.map(async (scenario, index) => {
      await new Promise((resolve) => setTimeout(resolve, index * staggerMs));
      await scenario.run(ctx);
    }));
  });
}
