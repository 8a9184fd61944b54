/**
 * Runs `cognito-local` (an offline Cognito user-pool emulator, npm devDependency) as a child
 * process on 127.0.0.1 and seeds it with a pool, app clients and users.
 *
 * Used by the HAR recorder script, the live tests, the demo (`npm start`) and the browser e2e
 * tests (test/support/cognito-local.ts re-exports it). Typical use:
 *
 *   const { server, seed } = await startSeededCognitoLocal();
 *   try { ...talk to seed.endpoint... } finally { await server.stop(); }
 *
 * Facts this relies on (see docs/real-captures.md and node_modules/cognito-local/lib):
 * - it keeps its data in `./.cognito/db/<poolId>.json` and `clients.json` under its working
 *   directory, so every start gets a fresh temporary directory;
 * - it loads the DB files once at start, so DB edits (the only way to give a user an SMS
 *   MFAOption) need a restart, which `startSeededCognitoLocal` does;
 * - `GET /health` answers `{ok:true}` once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';

const START_SCRIPT = fileURLToPath(new URL('../../node_modules/cognito-local/lib/bin/start.js', import.meta.url));
const HOST = '127.0.0.1';
const MAX_LOG_CHARS = 200_000;

export interface CognitoLocalServer {
  /** `http://127.0.0.1:<port>` — point SDK clients (and proxies) here. */
  endpoint: string;
  port: number;
  /** The working directory; the DB lives in `<dir>/.cognito/db`. */
  dir: string;
  /** Everything the emulator printed so far (SMS codes appear here too). */
  logs(): string;
  /** Stops the process (SIGTERM, then SIGKILL) and, unless `keepDir`, deletes `dir`. Idempotent. */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Reuse this working directory (with its DB) instead of a fresh temporary one. */
  dir?: string;
  /** Milliseconds to wait for `/health` to answer. Default 15000. */
  timeoutMs?: number;
  /**
   * Written to `<dir>/.cognito/config.json` before the start. Default: plain usernames
   * (cognito-local otherwise makes every new pool use email addresses as usernames).
   */
  config?: Record<string, unknown>;
}

export const DEFAULT_CONFIG = { UserPoolDefaults: { UsernameAttributes: [] } };

/** Children still running: killed synchronously if the parent exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** A port the OS just handed out on 127.0.0.1 (closed again, so there is a tiny race). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

async function waitForHealth(endpoint: string, child: ChildProcess, timeoutMs: number, logs: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`cognito-local exited early (${child.exitCode ?? child.signalCode}):\n${logs()}`);
    }
    try {
      const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`cognito-local did not answer ${endpoint}/health within ${timeoutMs} ms:\n${logs()}`);
}

/** Starts cognito-local on 127.0.0.1 and a free port; resolves once it answers. */
export async function startCognitoLocal(options: StartOptions = {}): Promise<CognitoLocalServer> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'cognito-local-')));
  await mkdir(join(dir, '.cognito'), { recursive: true });
  await writeFile(join(dir, '.cognito', 'config.json'), JSON.stringify(options.config ?? DEFAULT_CONFIG, null, 2));
  const port = await freePort();
  const endpoint = `http://${HOST}:${port}`;
  let output = '';
  const child = spawn(process.execPath, [START_SCRIPT], {
    cwd: dir,
    env: { ...process.env, HOST, PORT: String(port), DEBUG: '', NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  installExitHook();
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-MAX_LOG_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child), () => undefined);

  let stopped: Promise<void> | null = null;
  const stop = (stopOptions: { keepDir?: boolean } = {}): Promise<void> => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
        if (!killed) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      if (!stopOptions.keepDir && !options.dir) await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    await waitForHealth(endpoint, child, options.timeoutMs ?? 15_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, dir, logs: () => output, stop };
}

// ---------------------------------------------------------------------------------------------
// Seeding

/** Why a seeded user exists; each one drives one kind of sign-in. */
export type SeededUserRole =
  | 'confirmed' // permanent password, no MFA: USER_PASSWORD_AUTH / SRP / refresh
  | 'new-password' // FORCE_CHANGE_PASSWORD: NEW_PASSWORD_REQUIRED (completed)
  | 'new-password-broken' // FORCE_CHANGE_PASSWORD: for the deliberately broken challenge answer
  | 'new-password-reuse' // FORCE_CHANGE_PASSWORD: for answering twice with one Session
  | 'totp' // confirmed, no MFA yet: the recording sets up SOFTWARE_TOKEN_MFA itself
  | 'sms' // confirmed + SMS MFAOption (DB edit): SMS_MFA
  | 'select-mfa' // confirmed + SMS and a verified TOTP secret (DB edit): SELECT_MFA_TYPE
  | 'totp-mfa'; // confirmed + a verified TOTP secret only (DB edit): SOFTWARE_TOKEN_MFA at sign-in

export interface SeededUser {
  role: SeededUserRole;
  username: string;
  /** The password that signs in now (the temporary one for FORCE_CHANGE_PASSWORD users). */
  password: string;
  /** For new-password users: the password the recording sets. */
  newPassword?: string;
  email: string;
  phoneNumber?: string;
  /** SMS MFA enabled through a DB edit (needs `phoneNumber`). */
  smsMfa?: boolean;
  /** Base32 TOTP secret already verified in the DB (DB edit): MFA with an authenticator app. */
  totpSecret?: string;
}

export interface CognitoSeed {
  endpoint: string;
  /** SDK region to configure; cognito-local itself ignores it (its pool ids start with `local_`). */
  region: string;
  userPoolId: string;
  /** Public app client (no secret), USER_PASSWORD_AUTH + USER_SRP_AUTH + REFRESH_TOKEN_AUTH allowed. */
  clientId: string;
  /** Confidential app client (GenerateSecret): requests must carry SECRET_HASH (cognito-local never checks it). */
  secretClient: { clientId: string; clientSecret: string };
  users: Record<SeededUserRole, SeededUser>;
}

/** The fixed users every seed creates (fixed names keep recordings comparable between runs). */
export function defaultUsers(): Record<SeededUserRole, SeededUser> {
  return {
    confirmed: { role: 'confirmed', username: 'alice', password: 'Alice-Passw0rd!', email: 'alice@example.test' },
    'new-password': {
      role: 'new-password', username: 'bob-new', password: 'Temp-Passw0rd!', newPassword: 'Bob-Chosen-Passw0rd!', email: 'bob@example.test',
    },
    'new-password-broken': {
      role: 'new-password-broken', username: 'carol-broken', password: 'Temp-Passw0rd!', newPassword: 'Carol-Chosen-Passw0rd!', email: 'carol@example.test',
    },
    'new-password-reuse': {
      role: 'new-password-reuse', username: 'dave-reuse', password: 'Temp-Passw0rd!', newPassword: 'Dave-Chosen-Passw0rd!', email: 'dave@example.test',
    },
    totp: { role: 'totp', username: 'erin-totp', password: 'Erin-Passw0rd!', email: 'erin@example.test' },
    sms: { role: 'sms', username: 'frank-sms', password: 'Frank-Passw0rd!', email: 'frank@example.test', phoneNumber: '+15555550101', smsMfa: true },
    'select-mfa': {
      role: 'select-mfa', username: 'grace-select', password: 'Grace-Passw0rd!', email: 'grace@example.test',
      phoneNumber: '+15555550102', smsMfa: true, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    },
    'totp-mfa': {
      role: 'totp-mfa', username: 'hana-totp', password: 'Hana-Passw0rd!', email: 'hana@example.test',
      totpSecret: 'KRUGS4ZANFZSAYJAMRSW23ZAONSWG4TF',
    },
  };
}

/** An SDK client for cognito-local: endpoint override, dummy credentials, no retries (errors must show). */
export function sdkClient(endpoint: string, region = 'us-east-1'): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

const EXPLICIT_AUTH_FLOWS: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** Creates the pool, both clients and all users through the admin API (no DB edits). */
export async function seedThroughApi(endpoint: string, users = defaultUsers()): Promise<CognitoSeed> {
  const sdk = sdkClient(endpoint);
  try {
    const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: 'flow-inspector', MfaConfiguration: 'OPTIONAL' }));
    const userPoolId = pool.UserPool?.Id;
    if (!userPoolId) throw new Error('CreateUserPool returned no Id');

    const plain = await sdk.send(new CreateUserPoolClientCommand({
      UserPoolId: userPoolId, ClientName: 'web-public', ExplicitAuthFlows: EXPLICIT_AUTH_FLOWS,
    }));
    const secret = await sdk.send(new CreateUserPoolClientCommand({
      UserPoolId: userPoolId, ClientName: 'server-confidential', GenerateSecret: true, ExplicitAuthFlows: EXPLICIT_AUTH_FLOWS,
    }));
    const clientId = plain.UserPoolClient?.ClientId;
    const secretClientId = secret.UserPoolClient?.ClientId;
    const clientSecret = secret.UserPoolClient?.ClientSecret;
    if (!clientId || !secretClientId || !clientSecret) throw new Error('CreateUserPoolClient returned no ClientId/ClientSecret');

    for (const user of Object.values(users)) {
      const attributes = [{ Name: 'email', Value: user.email }, { Name: 'email_verified', Value: 'true' }];
      if (user.phoneNumber) attributes.push({ Name: 'phone_number', Value: user.phoneNumber }, { Name: 'phone_number_verified', Value: 'true' });
      await sdk.send(new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        TemporaryPassword: user.password,
        UserAttributes: attributes,
        MessageAction: 'SUPPRESS',
      }));
      if (!user.role.startsWith('new-password')) {
        await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.username, Password: user.password, Permanent: true }));
      }
    }
    return { endpoint, region: 'us-east-1', userPoolId, clientId, secretClient: { clientId: secretClientId, clientSecret }, users };
  } finally {
    sdk.destroy();
  }
}

/** Path of the pool's DB file inside a cognito-local working directory. */
export function poolDbPath(dir: string, userPoolId: string): string {
  return join(dir, '.cognito', 'db', `${userPoolId}.json`);
}

interface DbUser {
  Username: string;
  Attributes?: { Name: string; Value: string }[];
  MFAOptions?: { DeliveryMedium: string; AttributeName: string }[];
  UserMFASettingList?: string[];
  PreferredMfaSetting?: string;
  SoftwareTokenMfaConfiguration?: { Secret: string; Verified: boolean; FriendlyDeviceName?: string };
  MFACode?: string;
  [key: string]: unknown;
}
interface PoolDb {
  Users?: Record<string, DbUser>;
  [key: string]: unknown;
}

/** Reads one user's record from the DB file (cognito-local writes it before answering each call). */
export async function readDbUser(server: Pick<CognitoLocalServer, 'dir'>, userPoolId: string, username: string): Promise<DbUser | null> {
  const db = JSON.parse(await readFile(poolDbPath(server.dir, userPoolId), 'utf8')) as PoolDb;
  return db.Users?.[username] ?? null;
}

/**
 * Gives users what no cognito-local API can: an SMS `MFAOptions` entry (AdminSetUserSettings is
 * unsupported) and a verified TOTP secret, so that InitiateAuth answers SMS_MFA,
 * SOFTWARE_TOKEN_MFA or, with both, SELECT_MFA_TYPE. The server must be stopped while editing.
 */
async function addMfaToDb(dir: string, seed: CognitoSeed): Promise<void> {
  const path = poolDbPath(dir, seed.userPoolId);
  const db = JSON.parse(await readFile(path, 'utf8')) as PoolDb;
  const users = db.Users ?? {};
  for (const seeded of Object.values(seed.users)) {
    if (!seeded.smsMfa && !seeded.totpSecret) continue;
    const record = users[seeded.username];
    if (!record) throw new Error(`seeded MFA user ${seeded.username} missing from ${path}`);
    if (seeded.smsMfa) record.MFAOptions = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }];
    if (seeded.totpSecret) {
      // cognito-local reads the explicit list first; without it only MFAOptions (SMS) counts.
      record.UserMFASettingList = seeded.smsMfa ? ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] : ['SOFTWARE_TOKEN_MFA'];
      record.SoftwareTokenMfaConfiguration = { Secret: seeded.totpSecret, Verified: true, FriendlyDeviceName: 'seeded-authenticator' };
    }
  }
  await writeFile(path, JSON.stringify(db, null, 2));
}

/**
 * Starts cognito-local, seeds it through the API, then restarts it once with the MFA DB edits
 * applied. Returns the running server and the seed (whose endpoint is the restarted server's).
 */
export async function startSeededCognitoLocal(options: { timeoutMs?: number } = {}): Promise<{ server: CognitoLocalServer; seed: CognitoSeed }> {
  const dir = await mkdtemp(join(tmpdir(), 'cognito-local-'));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  let first: CognitoLocalServer | null = null;
  try {
    first = await startCognitoLocal({ dir, ...options });
    const seed = await seedThroughApi(first.endpoint);
    await first.stop();
    await addMfaToDb(dir, seed);
    const second = await startCognitoLocal({ dir, ...options });
    // The caller owns `second`; make its stop() also remove the directory we created.
    const server: CognitoLocalServer = {
      ...second,
      stop: async (stopOptions = {}) => {
        await second.stop({ keepDir: true });
        if (!stopOptions.keepDir) await removeDir();
      },
    };
    return { server, seed: { ...seed, endpoint: second.endpoint } };
  } catch (error) {
    await first?.stop();
    await removeDir();
    throw error;
  }
}
