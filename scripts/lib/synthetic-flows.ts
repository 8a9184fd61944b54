/**
 * Synthetic Cognito user-pool sign-in flows, as Amplify / amazon-cognito-identity-js drive them
 * (wire format: /work/shared/reference/cognito-protocol.md). Each flow is a list of calls with
 * request and response bodies and a timeline; synthetic-har.ts turns them into HAR entries.
 */
import { secretHash } from './secret-hash';
import type { Rng } from './prng';
import type { TokenSubject } from './synthetic-tokens';
import { issueTokens } from './synthetic-tokens';

export type FlowKind =
  | 'srp-totp'
  | 'srp-sms'
  | 'srp-select-mfa'
  | 'srp-mfa-setup'
  | 'srp-device'
  | 'password-new-password'
  | 'password-new-password-mfa-setup'
  | 'custom-auth'
  | 'user-auth-email-otp'
  | 'sign-up-auto-sign-in'
  | 'fail-wrong-password'
  | 'fail-password-auth'
  | 'fail-totp-mismatch'
  | 'fail-session-expired';

export type ExpectedOutcome = 'authenticated' | 'failed';

export interface FlowKindInfo {
  /** Number of Cognito calls the flow makes. */
  calls: number;
  outcome: ExpectedOutcome;
  /** AuthFlow of the InitiateAuth that starts it (`SignUp` for the sign-up chain). */
  authFlow: string;
  /** Challenges answered on the way, for humans reading the bench output. */
  description: string;
}

export const FLOW_KINDS: Readonly<Record<FlowKind, FlowKindInfo>> = {
  'srp-totp': { calls: 3, outcome: 'authenticated', authFlow: 'USER_SRP_AUTH', description: 'PASSWORD_VERIFIER → SOFTWARE_TOKEN_MFA → tokens' },
  'srp-sms': { calls: 3, outcome: 'authenticated', authFlow: 'USER_SRP_AUTH', description: 'PASSWORD_VERIFIER → SMS_MFA → tokens' },
  'srp-select-mfa': { calls: 4, outcome: 'authenticated', authFlow: 'USER_SRP_AUTH', description: 'PASSWORD_VERIFIER → SELECT_MFA_TYPE → SOFTWARE_TOKEN_MFA → tokens' },
  'srp-mfa-setup': { calls: 5, outcome: 'authenticated', authFlow: 'USER_SRP_AUTH', description: 'PASSWORD_VERIFIER → MFA_SETUP (Associate/VerifySoftwareToken) → tokens' },
  'srp-device': { calls: 4, outcome: 'authenticated', authFlow: 'USER_SRP_AUTH', description: 'PASSWORD_VERIFIER → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens' },
  'password-new-password': { calls: 2, outcome: 'authenticated', authFlow: 'USER_PASSWORD_AUTH', description: 'NEW_PASSWORD_REQUIRED → tokens' },
  'password-new-password-mfa-setup': { calls: 5, outcome: 'authenticated', authFlow: 'USER_PASSWORD_AUTH', description: 'NEW_PASSWORD_REQUIRED → MFA_SETUP → tokens' },
  'custom-auth': { calls: 4, outcome: 'authenticated', authFlow: 'CUSTOM_AUTH', description: 'CUSTOM_CHALLENGE ×3 → tokens' },
  'user-auth-email-otp': { calls: 3, outcome: 'authenticated', authFlow: 'USER_AUTH', description: 'SELECT_CHALLENGE → EMAIL_OTP → tokens' },
  'sign-up-auto-sign-in': { calls: 3, outcome: 'authenticated', authFlow: 'USER_AUTH', description: 'SignUp → ConfirmSignUp → InitiateAuth USER_AUTH (Session) → tokens' },
  'fail-wrong-password': { calls: 2, outcome: 'failed', authFlow: 'USER_SRP_AUTH', description: 'PASSWORD_VERIFIER → NotAuthorizedException' },
  'fail-password-auth': { calls: 1, outcome: 'failed', authFlow: 'USER_PASSWORD_AUTH', description: 'NotAuthorizedException on InitiateAuth' },
  'fail-totp-mismatch': { calls: 3, outcome: 'failed', authFlow: 'USER_SRP_AUTH', description: 'PASSWORD_VERIFIER → SOFTWARE_TOKEN_MFA → CodeMismatchException' },
  'fail-session-expired': { calls: 3, outcome: 'failed', authFlow: 'USER_SRP_AUTH', description: 'PASSWORD_VERIFIER → SMS_MFA answered after 3+ minutes → session expired' },
};

export const ALL_FLOW_KINDS = Object.keys(FLOW_KINDS) as FlowKind[];

export interface PoolConfig {
  region: string;
  poolId: string;
  kids: readonly string[];
  endpoint: string;
}

export interface ClientConfig {
  clientId: string;
  /** Set when the app client has a secret: every request then carries SECRET_HASH. */
  secret?: string;
}

export interface UserConfig extends TokenSubject {
  /** What the user types to sign in (an email alias); USER_ID_FOR_SRP is the sub. */
  signInName: string;
  password: string;
}

type Json = Record<string, unknown>;

export interface PlannedCall {
  operation: string;
  request: Json;
  /** Response body (`{__type, message}` for errors). */
  response: Json;
  status: number;
  error?: { type: string; message: string };
  /** Epoch milliseconds. */
  start: number;
  duration: number;
}

export interface PlannedFlow {
  kind: FlowKind;
  user: UserConfig;
  client: ClientConfig;
  calls: PlannedCall[];
}

/** Cognito's TIMESTAMP: `ddd MMM D HH:mm:ss UTC YYYY`, day not zero-padded. */
export function cognitoTimestamp(epochMs: number): string {
  const d = new Date(epochMs);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Real sessions are ~900 characters of base64 starting with AYAB. */
export function makeSession(rng: Rng): string {
  return 'AYAB' + rng.base64(rng.int(660, 705));
}

/** Writes one flow's calls, keeping the Session that the latest response issued. */
class FlowWriter {
  readonly calls: PlannedCall[] = [];
  /** The Session issued by the latest response, to send with the next request. */
  session: string | undefined;
  private clock: number;

  constructor(
    readonly rng: Rng,
    readonly pool: PoolConfig,
    readonly client: ClientConfig,
    readonly user: UserConfig,
    start: number,
  ) {
    this.clock = start;
  }

  secretHash(username: string): Json {
    if (!this.client.secret) return {};
    return { SECRET_HASH: secretHash(this.client.secret, username, this.client.clientId) };
  }

  /** A response that issues `name` with a fresh Session. */
  challenge(name: string, parameters: Json, extra: Json = {}): Json {
    this.session = makeSession(this.rng);
    return { ChallengeName: name, ChallengeParameters: parameters, ...extra, Session: this.session };
  }

  tokens(deviceKey?: string): Json {
    this.session = undefined;
    const authTime = Math.floor(this.clock / 1000);
    const tokens = issueTokens(this.rng, this.user, {
      region: this.pool.region,
      poolId: this.pool.poolId,
      clientId: this.client.clientId,
      authTime,
      kids: this.pool.kids,
      ...(deviceKey ? { deviceKey } : {}),
    });
    return {
      AuthenticationResult: { AccessToken: tokens.AccessToken, ExpiresIn: 3600, IdToken: tokens.IdToken, RefreshToken: tokens.RefreshToken, TokenType: 'Bearer' },
      ChallengeParameters: {},
    };
  }

  /** RespondToAuthChallenge answering `name` with the current Session. */
  respondRequest(name: string, responses: Json, username = this.user.sub): Json {
    const request: Json = {
      ChallengeName: name,
      ChallengeResponses: { USERNAME: username, ...responses, ...this.secretHash(username) },
      ClientId: this.client.clientId,
    };
    if (this.session !== undefined) request.Session = this.session;
    return request;
  }

  /**
   * Adds a call `thinkMs` after the previous response ended. `response` is built lazily so that
   * the tokens it issues carry the time of the call.
   */
  call(operation: string, request: Json, thinkMs: number, response: () => Json): void {
    this.clock += thinkMs;
    const start = this.clock;
    const duration = this.rng.int(70, 420) + this.rng.float();
    this.clock += duration;
    this.calls.push({ operation, request, response: response(), status: 200, start, duration });
  }

  fail(operation: string, request: Json, thinkMs: number, type: string, message: string): void {
    this.clock += thinkMs;
    const start = this.clock;
    const duration = this.rng.int(60, 300) + this.rng.float();
    this.clock += duration;
    this.calls.push({ operation, request, response: { __type: type, message }, status: 400, error: { type, message }, start, duration });
  }

  /** User think time: typing an MFA code, a new password, … */
  typing(minS: number, maxS: number): number {
    return this.rng.int(minS * 1000, maxS * 1000);
  }

  /** Machine time between a response and the request that follows it. */
  quick(): number {
    return this.rng.int(15, 160);
  }
}

function srpInitiate(w: FlowWriter, opts: { deviceKey?: string; pvSession: boolean }): { secretBlock: string } {
  const { rng, user, client } = w;
  const secretBlock = rng.base64(rng.int(1020, 1080));
  const authParameters: Json = { USERNAME: user.signInName, SRP_A: rng.hex(768), ...w.secretHash(user.signInName) };
  if (opts.deviceKey) authParameters.DEVICE_KEY = opts.deviceKey;
  w.call(
    'InitiateAuth',
    { AuthFlow: 'USER_SRP_AUTH', ClientId: client.clientId, AuthParameters: authParameters, ClientMetadata: {} },
    0,
    () => {
      const parameters = { SALT: rng.hex(32), SECRET_BLOCK: secretBlock, SRP_B: rng.hex(768), USERNAME: user.sub, USER_ID_FOR_SRP: user.sub };
      // Cognito sends no Session with PASSWORD_VERIFIER (SECRET_BLOCK carries the state); some
      // captures have one anyway, so the generator produces both shapes.
      if (opts.pvSession) return w.challenge('PASSWORD_VERIFIER', parameters);
      w.session = undefined;
      return { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: parameters };
    },
  );
  return { secretBlock };
}

function passwordVerifierRequest(w: FlowWriter, secretBlock: string, deviceKey?: string, name = 'PASSWORD_VERIFIER'): Json {
  const responses: Json = {
    PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
    TIMESTAMP: cognitoTimestamp(Date.now()), // replaced below with the call time
    PASSWORD_CLAIM_SIGNATURE: w.rng.base64(32),
  };
  if (deviceKey) responses.DEVICE_KEY = deviceKey;
  return w.respondRequest(name, responses);
}

/** Answers PASSWORD_VERIFIER; `next` builds the response. */
function srpVerify(w: FlowWriter, secretBlock: string, next: () => Json, deviceKey?: string): void {
  const request = passwordVerifierRequest(w, secretBlock, deviceKey);
  w.call('RespondToAuthChallenge', request, w.quick(), next);
  stampTimestamp(w);
}

/** Sets TIMESTAMP of the last call to its start time (the writer only knows it after the call). */
function stampTimestamp(w: FlowWriter): void {
  const last = w.calls[w.calls.length - 1];
  if (!last) return;
  const responses = last.request.ChallengeResponses as Json | undefined;
  if (responses && 'TIMESTAMP' in responses) responses.TIMESTAMP = cognitoTimestamp(last.start);
}

function smsParameters(w: FlowWriter): Json {
  const phone = w.user.phone ?? '+15555550100';
  return { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: `+*******${phone.slice(-4)}` };
}

function code(w: FlowWriter): string {
  return String(w.rng.int(0, 999999)).padStart(6, '0');
}

/** MFA_SETUP by TOTP: AssociateSoftwareToken and VerifySoftwareToken with the Session, then answer MFA_SETUP. */
function mfaSetup(w: FlowWriter): void {
  const { rng } = w;
  w.call('AssociateSoftwareToken', { Session: w.session }, rng.int(400, 2500), () => {
    w.session = makeSession(rng);
    return { SecretCode: rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 52), Session: w.session };
  });
  w.call('VerifySoftwareToken', { Session: w.session, UserCode: code(w), FriendlyDeviceName: 'Authenticator' }, w.typing(12, 50), () => {
    w.session = makeSession(rng);
    return { Status: 'SUCCESS', Session: w.session };
  });
  w.call('RespondToAuthChallenge', w.respondRequest('MFA_SETUP', {}), w.quick(), () => w.tokens());
}

function newPasswordChallenge(w: FlowWriter): Json {
  const required = w.rng.chance(0.5) ? ['userAttributes.name'] : [];
  return w.challenge('NEW_PASSWORD_REQUIRED', {
    USER_ID_FOR_SRP: w.user.sub,
    requiredAttributes: JSON.stringify(required),
    userAttributes: JSON.stringify({ email_verified: 'true', email: w.user.email }),
  });
}

function passwordInitiate(w: FlowWriter, response: () => Json): void {
  const { user, client } = w;
  w.call(
    'InitiateAuth',
    {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client.clientId,
      AuthParameters: { USERNAME: user.signInName, PASSWORD: user.password, ...w.secretHash(user.signInName) },
      ClientMetadata: {},
    },
    0,
    response,
  );
}

function answerNewPassword(w: FlowWriter, next: () => Json): void {
  const last = w.calls[w.calls.length - 1];
  const params = (last?.response.ChallengeParameters ?? {}) as Json;
  const required = JSON.parse(String(params.requiredAttributes ?? '[]')) as string[];
  const responses: Json = { NEW_PASSWORD: w.user.password + '!2' };
  for (const attribute of required) responses[attribute] = w.user.name ?? 'Synthetic User';
  w.call('RespondToAuthChallenge', w.respondRequest('NEW_PASSWORD_REQUIRED', responses), w.typing(8, 55), next);
}

export function writeFlow(
  kind: FlowKind,
  rng: Rng,
  pool: PoolConfig,
  client: ClientConfig,
  user: UserConfig,
  start: number,
): PlannedFlow {
  const w = new FlowWriter(rng, pool, client, user, start);
  const pvSession = rng.chance(0.3);
  switch (kind) {
    case 'srp-totp': {
      const { secretBlock } = srpInitiate(w, { pvSession });
      srpVerify(w, secretBlock, () => w.challenge('SOFTWARE_TOKEN_MFA', {}));
      w.call('RespondToAuthChallenge', w.respondRequest('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code(w) }), w.typing(4, 30), () => w.tokens());
      break;
    }
    case 'srp-sms': {
      const { secretBlock } = srpInitiate(w, { pvSession });
      srpVerify(w, secretBlock, () => w.challenge('SMS_MFA', smsParameters(w)));
      w.call('RespondToAuthChallenge', w.respondRequest('SMS_MFA', { SMS_MFA_CODE: code(w) }), w.typing(8, 60), () => w.tokens());
      break;
    }
    case 'srp-select-mfa': {
      const { secretBlock } = srpInitiate(w, { pvSession });
      srpVerify(w, secretBlock, () => w.challenge('SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: JSON.stringify(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']) }));
      w.call('RespondToAuthChallenge', w.respondRequest('SELECT_MFA_TYPE', { ANSWER: 'SOFTWARE_TOKEN_MFA' }), w.typing(1, 6), () =>
        w.challenge('SOFTWARE_TOKEN_MFA', {}),
      );
      w.call('RespondToAuthChallenge', w.respondRequest('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code(w) }), w.typing(4, 30), () => w.tokens());
      break;
    }
    case 'srp-mfa-setup': {
      const { secretBlock } = srpInitiate(w, { pvSession });
      srpVerify(w, secretBlock, () => w.challenge('MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']) }));
      mfaSetup(w);
      break;
    }
    case 'srp-device': {
      const deviceKey = `${pool.region}_${rng.uuid()}`;
      const { secretBlock } = srpInitiate(w, { deviceKey, pvSession });
      srpVerify(w, secretBlock, () => w.challenge('DEVICE_SRP_AUTH', {}), deviceKey);
      w.call('RespondToAuthChallenge', w.respondRequest('DEVICE_SRP_AUTH', { DEVICE_KEY: deviceKey, SRP_A: rng.hex(768) }), w.quick(), () =>
        w.challenge('DEVICE_PASSWORD_VERIFIER', { SALT: rng.hex(32), SECRET_BLOCK: rng.base64(rng.int(1020, 1080)), SRP_B: rng.hex(768), USERNAME: user.sub }),
      );
      const last = w.calls[w.calls.length - 1];
      const deviceBlock = String((last?.response.ChallengeParameters as Json | undefined)?.SECRET_BLOCK ?? '');
      w.call('RespondToAuthChallenge', passwordVerifierRequest(w, deviceBlock, deviceKey, 'DEVICE_PASSWORD_VERIFIER'), w.quick(), () => w.tokens(deviceKey));
      stampTimestamp(w);
      break;
    }
    case 'password-new-password': {
      passwordInitiate(w, () => newPasswordChallenge(w));
      answerNewPassword(w, () => w.tokens());
      break;
    }
    case 'password-new-password-mfa-setup': {
      passwordInitiate(w, () => newPasswordChallenge(w));
      answerNewPassword(w, () => w.challenge('MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']) }));
      mfaSetup(w);
      break;
    }
    case 'custom-auth': {
      w.call(
        'InitiateAuth',
        { AuthFlow: 'CUSTOM_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: user.signInName, ...w.secretHash(user.signInName) }, ClientMetadata: {} },
        0,
        () => w.challenge('CUSTOM_CHALLENGE', { USERNAME: user.sub, question: 'captcha', round: '1' }),
      );
      for (const round of [2, 3]) {
        w.call('RespondToAuthChallenge', w.respondRequest('CUSTOM_CHALLENGE', { ANSWER: rng.hex(12) }), w.typing(2, 20), () =>
          w.challenge('CUSTOM_CHALLENGE', { USERNAME: user.sub, question: 'email-code', round: String(round) }),
        );
      }
      w.call('RespondToAuthChallenge', w.respondRequest('CUSTOM_CHALLENGE', { ANSWER: code(w) }), w.typing(5, 40), () => w.tokens());
      break;
    }
    case 'user-auth-email-otp': {
      w.call(
        'InitiateAuth',
        { AuthFlow: 'USER_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: user.signInName, ...w.secretHash(user.signInName) }, ClientMetadata: {} },
        0,
        () => w.challenge('SELECT_CHALLENGE', {}, { AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'] }),
      );
      w.call('RespondToAuthChallenge', w.respondRequest('SELECT_CHALLENGE', { ANSWER: 'EMAIL_OTP' }), w.typing(1, 5), () =>
        w.challenge('EMAIL_OTP', { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: `${user.email[0] ?? 'u'}***@e***` }),
      );
      w.call('RespondToAuthChallenge', w.respondRequest('EMAIL_OTP', { EMAIL_OTP_CODE: code(w) }), w.typing(10, 60), () => w.tokens());
      break;
    }
    case 'sign-up-auto-sign-in': {
      w.call(
        'SignUp',
        {
          ClientId: client.clientId,
          Username: user.signInName,
          Password: user.password,
          UserAttributes: [{ Name: 'email', Value: user.email }],
          ...(client.secret ? { SecretHash: w.secretHash(user.signInName).SECRET_HASH } : {}),
        },
        0,
        () => {
          w.session = makeSession(rng);
          return {
            CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: `${user.email[0] ?? 'u'}***@e***` },
            Session: w.session,
            UserConfirmed: false,
            UserSub: user.sub,
          };
        },
      );
      w.call('ConfirmSignUp', { ClientId: client.clientId, Username: user.signInName, ConfirmationCode: code(w), Session: w.session }, w.typing(15, 90), () => {
        w.session = makeSession(rng);
        return { Session: w.session };
      });
      w.call(
        'InitiateAuth',
        { AuthFlow: 'USER_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: user.signInName, ...w.secretHash(user.signInName) }, Session: w.session },
        w.quick(),
        () => w.tokens(),
      );
      break;
    }
    case 'fail-wrong-password': {
      const { secretBlock } = srpInitiate(w, { pvSession });
      const request = passwordVerifierRequest(w, secretBlock);
      w.fail('RespondToAuthChallenge', request, w.quick(), 'NotAuthorizedException', 'Incorrect username or password.');
      stampTimestamp(w);
      break;
    }
    case 'fail-password-auth': {
      const { user: u } = w;
      w.fail(
        'InitiateAuth',
        { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: u.signInName, PASSWORD: 'wrong-' + u.password, ...w.secretHash(u.signInName) }, ClientMetadata: {} },
        0,
        'NotAuthorizedException',
        'Incorrect username or password.',
      );
      break;
    }
    case 'fail-totp-mismatch': {
      const { secretBlock } = srpInitiate(w, { pvSession });
      srpVerify(w, secretBlock, () => w.challenge('SOFTWARE_TOKEN_MFA', {}));
      w.fail('RespondToAuthChallenge', w.respondRequest('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code(w) }), w.typing(4, 30), 'CodeMismatchException', 'Invalid code or auth state for the user.');
      break;
    }
    case 'fail-session-expired': {
      const { secretBlock } = srpInitiate(w, { pvSession });
      srpVerify(w, secretBlock, () => w.challenge('SMS_MFA', smsParameters(w)));
      w.fail(
        'RespondToAuthChallenge',
        w.respondRequest('SMS_MFA', { SMS_MFA_CODE: code(w) }),
        w.typing(195, 280),
        'NotAuthorizedException',
        'Invalid session for the user, session is expired.',
      );
      break;
    }
  }
  return { kind, user, client, calls: w.calls };
}
