/**
 * OUR OWN STAND-IN for the part of Cognito that cognito-local lacks: SRP sign-in.
 *
 * cognito-local answers `InitiateAuth` with `AuthFlow: USER_SRP_AUTH` by HTTP 500
 * `CognitoLocal#Unsupported`. This loopback endpoint implements just enough of Cognito's SRP
 * exchange, using the npm package `cognito-srp` for the server-side SRP math, for
 * amazon-cognito-identity-js's real `authenticateUser` (SRP is its default flow) to run:
 *
 * - `InitiateAuth` USER_SRP_AUTH → `ChallengeName: PASSWORD_VERIFIER` with SRP_B, SALT,
 *   SECRET_BLOCK, USER_ID_FOR_SRP and USERNAME, and NO `Session` (real Cognito often omits it
 *   here; the SECRET_BLOCK echoed back as PASSWORD_CLAIM_SECRET_BLOCK is the handoff);
 * - `RespondToAuthChallenge` PASSWORD_VERIFIER → verifies PASSWORD_CLAIM_SIGNATURE and answers
 *   an `AuthenticationResult` with RS256 JWTs we mint (key pair made per server), or
 *   400 NotAuthorizedException "Incorrect username or password.";
 * - `RevokeToken` of a refresh token it minted → 200 `{}` (Cognito's empty answer). Amplify v6's
 *   `signOut()` sends it because our access tokens carry `origin_jti` (managed-login-oauth2.md
 *   §2.5); cognito-local, which never issued that token, would refuse it.
 *
 * Errors use real Cognito's wire form (`x-amzn-ErrorType: <Type>:` header, `__type` + `message`
 * body), unlike cognito-local's. Anything else is forwarded to `upstream` (cognito-local) when
 * given, so one endpoint can serve a whole mixed recording. This is not Cognito: token claims
 * imitate Cognito's (see cognito-protocol.md), the refresh token is an opaque JWE-shaped string.
 */
import { generateKeyPairSync, randomBytes, randomUUID, sign, timingSafeEqual, type KeyObject } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session, UserPool, type ServerUser } from 'cognito-srp';
import { readBody } from './read-body';

export interface SrpUserInput {
  username: string;
  password: string;
  email?: string;
}

export interface SrpServerOptions {
  /** e.g. the cognito-local pool id; the SRP "pool name" is the part after `_`. */
  userPoolId: string;
  /** App clients accepted (no secret support: SECRET_HASH is ignored). */
  clientIds: string[];
  users: SrpUserInput[];
  /** Base URL to forward every other request to (e.g. cognito-local), instead of answering 400. */
  upstream?: string;
  /** `iss` of the minted tokens. Default `<this endpoint>/<userPoolId>` (cognito-local's style). */
  issuer?: string;
}

export interface SrpServer {
  endpoint: string;
  /** The public key that verifies the minted tokens, as a JWK (kid `srp-stand-in`). */
  jwk: Record<string, unknown>;
  close(): Promise<void>;
}

interface KnownUser extends ServerUser {
  sub: string;
  email?: string;
}

/** A PASSWORD_VERIFIER challenge waiting for its answer, keyed by the SECRET_BLOCK we issued. */
interface PendingChallenge {
  user: KnownUser;
  clientId: string;
  session: Session;
}

class CognitoFault extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

const TIMESTAMP_PATTERN = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) \d\d:\d\d:\d\d UTC \d{4}$/;
const KID = 'srp-stand-in';

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function signJwt(claims: Record<string, unknown>, key: KeyObject): string {
  const head = base64url(JSON.stringify({ kid: KID, alg: 'RS256' }));
  const body = base64url(JSON.stringify(claims));
  return `${head}.${body}.${base64url(sign('sha256', Buffer.from(`${head}.${body}`), key))}`;
}

/** Shaped like Cognito's refresh token (5-part JWE with its real header) but random inside: undecodable, as the real one. */
function opaqueRefreshToken(): string {
  const header = base64url(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }));
  return [header, base64url(randomBytes(256)), base64url(randomBytes(12)), base64url(randomBytes(600)), base64url(randomBytes(16))].join('.');
}

/**
 * amazon-cognito-identity-js hashes every SRP number in its minimal hex form; cognito-srp
 * keeps fixed-width buffers for B and S. Both agree unless a leading byte is zero (1 in 256),
 * so pick a salt and B without one, and rebuild the session from S without leading zeros.
 */
function saltWithoutLeadingZero(): string {
  let salt = randomBytes(16);
  while (salt[0] === 0) salt = randomBytes(16);
  return salt.toString('hex');
}

async function clientCompatibleSession(pool: UserPool, poolName: string, user: ServerUser, srpA: string): Promise<{ B: Buffer; session: Session }> {
  let challenge = await pool.getServerChallenge(user);
  while (challenge.calculateB()[0] === 0) challenge = await pool.getServerChallenge(user);
  const fixedWidth = challenge.getSession(srpA) as unknown as { key: Buffer; scramblingParameter: Buffer };
  let start = 0;
  while (start < fixedWidth.key.length - 1 && fixedWidth.key[start] === 0) start++;
  return { B: challenge.calculateB(), session: new Session(poolName, user.username, fixedWidth.key.subarray(start), fixedWidth.scramblingParameter) };
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
};

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': randomUUID(),
    ...CORS_HEADERS,
    ...extra,
  });
  res.end(text);
}

function sendFault(res: ServerResponse, fault: CognitoFault): void {
  sendJson(res, fault.status, { __type: fault.type, message: fault.message }, {
    'x-amzn-ErrorType': `${fault.type}:`,
    'x-amzn-ErrorMessage': fault.message,
  });
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
  delete headers.connection;
  const outgoing = httpRequest({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
    // rawHeaders keeps the upstream's header case, so recordings through us look like direct ones.
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
    answer.pipe(res);
  });
  outgoing.setTimeout(15_000, () => outgoing.destroy(new Error('upstream timeout')));
  outgoing.once('error', (error) => sendFault(res, new CognitoFault('InternalErrorException', `srp-server upstream: ${error.message}`, 500)));
  outgoing.end(body);
}

/** The request body as a JSON object; `{}` when empty or not JSON (the caller then forwards or rejects it). */
function parseJsonObject(raw: Buffer): Record<string, unknown> {
  try {
    const value: unknown = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function requireString(map: Record<string, unknown> | undefined, key: string): string {
  const value = map?.[key];
  if (typeof value !== 'string' || value === '') throw new CognitoFault('InvalidParameterException', `Missing required parameter ${key}`);
  return value;
}

export async function startSrpServer(options: SrpServerOptions): Promise<SrpServer> {
  const poolName = options.userPoolId.split('_')[1] ?? options.userPoolId;
  const pool = new UserPool(poolName);
  const users = new Map<string, KnownUser>();
  for (const input of options.users) {
    const verifier = await pool.createUser({ username: input.username, password: input.password }, saltWithoutLeadingZero());
    users.set(input.username, { ...verifier, sub: randomUUID(), ...(input.email ? { email: input.email } : {}) });
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pending = new Map<string, PendingChallenge>();
  /** Refresh tokens minted here → their app client, so RevokeToken of them is answered here. */
  const minted = new Map<string, string>();
  const upstream = options.upstream ? new URL(options.upstream) : null;
  let issuer = options.issuer ?? '';

  function tokens(user: KnownUser, clientId: string): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    const common = { sub: user.sub, iss: issuer, origin_jti: randomUUID(), event_id: randomUUID(), auth_time: now, iat: now, exp: now + 3600 };
    const id = {
      ...common, aud: clientId, token_use: 'id', 'cognito:username': user.username, jti: randomUUID(),
      ...(user.email ? { email: user.email, email_verified: true } : {}),
    };
    const access = {
      ...common, client_id: clientId, token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: user.username, jti: randomUUID(),
    };
    const refreshToken = opaqueRefreshToken();
    minted.set(refreshToken, clientId);
    return {
      AccessToken: signJwt(access, privateKey),
      ExpiresIn: 3600,
      IdToken: signJwt(id, privateKey),
      RefreshToken: refreshToken,
      TokenType: 'Bearer',
    };
  }

  function checkClient(body: Record<string, unknown>): string {
    const clientId = requireString(body, 'ClientId');
    if (!options.clientIds.includes(clientId)) throw new CognitoFault('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    return clientId;
  }

  async function initiateSrp(body: Record<string, unknown>): Promise<unknown> {
    const clientId = checkClient(body);
    const params = body.AuthParameters as Record<string, unknown> | undefined;
    const username = requireString(params, 'USERNAME');
    const srpA = requireString(params, 'SRP_A');
    const user = users.get(username);
    // Like a client with PreventUserExistenceErrors (the default for new clients).
    if (!user) throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
    let answer: { B: Buffer; session: Session };
    try {
      answer = await clientCompatibleSession(pool, poolName, user, srpA);
    } catch {
      throw new CognitoFault('InvalidParameterException', 'SRP_A is not a valid SRP public value.');
    }
    const secretBlock = randomBytes(96).toString('base64');
    pending.set(secretBlock, { user, clientId, session: answer.session });
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SALT: user.salt,
        SECRET_BLOCK: secretBlock,
        SRP_B: answer.B.toString('hex'),
        USERNAME: user.username,
        USER_ID_FOR_SRP: user.username,
      },
    };
  }

  function verifyPassword(body: Record<string, unknown>): unknown {
    const clientId = checkClient(body);
    const responses = body.ChallengeResponses as Record<string, unknown> | undefined;
    const username = requireString(responses, 'USERNAME');
    const secretBlock = requireString(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const signature = requireString(responses, 'PASSWORD_CLAIM_SIGNATURE');
    const timestamp = requireString(responses, 'TIMESTAMP');
    if (!TIMESTAMP_PATTERN.test(timestamp)) {
      throw new CognitoFault('InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
    }
    const challenge = pending.get(secretBlock);
    if (!challenge || challenge.clientId !== clientId) throw new CognitoFault('NotAuthorizedException', 'Invalid session for the user.');
    pending.delete(secretBlock); // single use, as Cognito's
    const expected = Buffer.from(challenge.session.calculateSignature(secretBlock, timestamp), 'base64');
    const given = Buffer.from(signature, 'base64');
    const matches = username === challenge.user.username && given.length === expected.length && timingSafeEqual(given, expected);
    if (!matches) throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
    return { ChallengeParameters: {}, AuthenticationResult: tokens(challenge.user, clientId) };
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'OPTIONS' && !upstream) {
        res.writeHead(204, {
          ...CORS_HEADERS,
          'Access-Control-Allow-Methods': 'POST, OPTIONS',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
      const raw = await readBody(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = parseJsonObject(raw);
      const isSrpStart = target.endsWith('.InitiateAuth') && body.AuthFlow === 'USER_SRP_AUTH';
      const isSrpAnswer = target.endsWith('.RespondToAuthChallenge') && body.ChallengeName === 'PASSWORD_VERIFIER';
      const revoked = target.endsWith('.RevokeToken') && typeof body.Token === 'string' ? body.Token : null;
      if (revoked !== null && minted.get(revoked) === body.ClientId) {
        minted.delete(revoked);
        return sendJson(res, 200, {});
      }
      if (!isSrpStart && !isSrpAnswer) {
        if (upstream) return forward(upstream, req, raw, res);
        throw new CognitoFault('InvalidParameterException', 'srp-server answers only USER_SRP_AUTH and PASSWORD_VERIFIER');
      }
      sendJson(res, 200, isSrpStart ? await initiateSrp(body) : verifyPassword(body));
    })().catch((error: unknown) => {
      const fault = error instanceof CognitoFault ? error : new CognitoFault('InternalErrorException', String(error), 500);
      if (!res.headersSent) sendFault(res, fault);
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer ||= `${endpoint}/${options.userPoolId}`;
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };

  return {
    endpoint,
    jwk,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

