/**
 * A small Cognito identity-pool service on loopback, built from identity-pools.md (no emulator for
 * identity pools is on npm). It speaks the wire of AWSCognitoIdentityService (POST /, JSON 1.1,
 * X-Amz-Target), answers GetId and GetCredentialsForIdentity, and really checks each Logins token:
 * RS256 signature against the user pool's JWKS (fetched from `<iss>/.well-known/jwks.json`, as
 * cognito-local serves it), Logins key = iss without the scheme, aud among the configured app
 * client ids, exp. Errors use the reference's exact strings and shape ("Errors a browser sees",
 * "Wire"): HTTP 400, `{"__type","message"}`, `x-amzn-ErrorType: <Type>:`, `x-amzn-ErrorMessage`,
 * `x-amzn-RequestId`. CORS like cognito-local: any origin, the requested headers echoed.
 *
 * Not modelled: roles and role mapping (the credentials are random strings shaped like STS's),
 * linking several logins, merges, GetOpenIdToken (basic flow).
 */
import { createPublicKey, randomBytes, randomUUID, verify, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body';

export interface IdentityProvider {
  /** The Logins key: the user pool's issuer without `http(s)://`, e.g. `127.0.0.1:9229/local_abc`. */
  providerName: string;
  /** App client ids whose ID tokens this pool accepts (the token's `aud`). */
  clientIds: string[];
}

export interface IdentityPoolOptions {
  /** `<region>:<guid>`. */
  identityPoolId: string;
  providers: IdentityProvider[];
  /** Guests get an identity (AllowUnauthenticatedIdentities). */
  allowUnauthenticated?: boolean;
  /** Credential lifetime in seconds (the enhanced flow: 1 h). */
  credentialSeconds?: number;
}

export interface IdentityPoolServer {
  /** `http://127.0.0.1:<port>` — the client's endpoint. */
  endpoint: string;
  identityPoolId: string;
  close(): Promise<void>;
}

/** identity-pools.md "Formats and limits" [CI]. */
const ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/;
const TARGET_PREFIX = 'AWSCognitoIdentityService.';

class ServiceError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

const notAuthorized = (message: string) => new ServiceError('NotAuthorizedException', message);

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST, OPTIONS',
    // Amplify and the SDK send x-amz-user-agent, amz-sdk-*, cache-control: echo what is asked.
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type,x-amz-target,x-amz-user-agent',
    'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
    'access-control-max-age': '600',
  };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...corsHeaders(req),
    'content-type': 'application/x-amz-json-1.1',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...extra,
  });
  res.end(text);
}

function b64urlJson(part: string | undefined): Record<string, unknown> | null {
  if (!part) return null;
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : null;
  } catch {
    return null;
  }
}

export async function startIdentityPoolServer(options: IdentityPoolOptions): Promise<IdentityPoolServer> {
  const seconds = options.credentialSeconds ?? 3600;
  const region = options.identityPoolId.split(':')[0] ?? 'us-east-1';
  /** `<provider>|<sub>` → IdentityId, and IdentityId → the login it belongs to (null: a guest). */
  const identities = new Map<string, string>();
  const owners = new Map<string, string | null>();
  const jwksCache = new Map<string, JsonWebKey[]>();

  async function jwks(issuer: string): Promise<JsonWebKey[]> {
    const cached = jwksCache.get(issuer);
    if (cached) return cached;
    const response = await fetch(`${issuer}/.well-known/jwks.json`);
    const body = await response.json() as { keys?: JsonWebKey[] };
    const keys = Array.isArray(body.keys) ? body.keys : [];
    jwksCache.set(issuer, keys);
    return keys;
  }

  /** Checks one login as the reference says Cognito does; returns the login's key `<provider>|<sub>`. */
  async function verifyLogin(provider: string, token: unknown): Promise<string> {
    if (typeof token !== 'string' || token.length === 0) {
      throw new ServiceError('ValidationException', "1 validation error detected: Value at 'logins' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 50000, Member must have length greater than or equal to 1]");
    }
    const parts = token.split('.');
    const header = b64urlJson(parts[0]);
    const claims = b64urlJson(parts[1]);
    if (parts.length !== 3 || !header || !claims) throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
    const configured = options.providers.find((p) => p.providerName === provider);
    if (!configured) throw notAuthorized('Token is not from a supported provider of this identity pool.');
    const iss = typeof claims.iss === 'string' ? claims.iss : '';
    if (iss.replace(/^https?:\/\//, '') !== provider) throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
    const key = (await jwks(iss)).find((k) => (k as { kid?: string }).kid === header.kid);
    const signed = key !== undefined && header.alg === 'RS256'
      && verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey({ key, format: 'jwk' }), Buffer.from(parts[2] ?? '', 'base64url'));
    if (!signed) throw notAuthorized("Invalid login token. Couldn't verify signed token.");
    // A user-pool access token has client_id and no aud (cij#7).
    if (typeof claims.aud !== 'string') throw notAuthorized('Invalid login token. Missing a required claim: aud');
    if (!configured.clientIds.includes(claims.aud)) throw notAuthorized('Token is not from a supported provider of this identity pool.');
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || now >= claims.exp) throw notAuthorized(`Invalid login token. Token expired: ${now} >= ${String(claims.exp)}`);
    return `${provider}|${String(claims.sub)}`;
  }

  /** The logins of a request, verified; [] for a guest (no Logins, or `{}`). */
  async function logins(body: Record<string, unknown>): Promise<string[]> {
    const value = body.Logins;
    if (value === undefined) return [];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ServiceError('SerializationException', 'Logins must be a map');
    const verified: string[] = [];
    for (const [provider, token] of Object.entries(value)) verified.push(await verifyLogin(provider, token));
    return verified;
  }

  function checkPool(id: unknown): void {
    if (typeof id !== 'string' || !ID_PATTERN.test(id) || id.length > 55) {
      throw new ServiceError('ValidationException', `1 validation error detected: Value '${String(id)}' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`);
    }
    if (id !== options.identityPoolId) throw new ServiceError('ResourceNotFoundException', `IdentityPool '${id}' not found.`);
  }

  const operations: Record<string, (body: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
    async GetId(body) {
      checkPool(body.IdentityPoolId);
      const verified = await logins(body);
      if (verified.length === 0) {
        if (!options.allowUnauthenticated) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
        const id = `${region}:${randomUUID()}`;
        owners.set(id, null);
        return { IdentityId: id };
      }
      const login = verified[0]!;
      let id = identities.get(login);
      if (!id) {
        id = `${region}:${randomUUID()}`;
        identities.set(login, id);
        owners.set(id, login);
      }
      return { IdentityId: id };
    },
    async GetCredentialsForIdentity(body) {
      const id = body.IdentityId;
      if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new ServiceError('ValidationException', `1 validation error detected: Value '${String(id)}' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`);
      if (!owners.has(id)) throw new ServiceError('ResourceNotFoundException', `Identity '${id}' not found.`);
      const verified = await logins(body);
      const owner = owners.get(id) ?? null;
      if (verified.length === 0) {
        if (owner !== null) throw notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
        if (!options.allowUnauthenticated) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
      } else if (owner === null) {
        // A guest id presented with a new login is linked to it (identity-pools.md "Linking and merging").
        owners.set(id, verified[0]!);
        identities.set(verified[0]!, id);
      } else if (!verified.includes(owner)) {
        throw notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
      }
      return {
        Credentials: {
          AccessKeyId: `ASIA${randomBytes(12).toString('base64').replace(/[^A-Z0-9]/gi, '').toUpperCase().padEnd(16, 'X').slice(0, 16)}`,
          Expiration: Math.floor(Date.now() / 1000) + seconds,
          SecretKey: randomBytes(30).toString('base64'),
          SessionToken: randomBytes(600).toString('base64'),
        },
        IdentityId: id,
      };
    },
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(200, { ...corsHeaders(req), 'content-length': '0' });
        res.end();
        return;
      }
      const raw = await readBody(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      const handler = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
      try {
        if (req.method !== 'POST' || !handler) throw new ServiceError('UnknownOperationException', `Unknown operation ${target}`);
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8') || '{}') as unknown;
        } catch {
          throw new ServiceError('SerializationException', 'Start of structure or map found where not expected.');
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ServiceError('SerializationException', 'Start of structure or map found where not expected.');
        send(req, res, 200, await handler(body as Record<string, unknown>));
      } catch (error) {
        const e = error instanceof ServiceError ? error : new ServiceError('InternalErrorException', error instanceof Error ? error.message : 'internal error', 500);
        send(req, res, e.status, { __type: e.type, message: e.message }, { 'x-amzn-errortype': `${e.type}:`, 'x-amzn-errormessage': e.message });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    identityPoolId: options.identityPoolId,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
