/**
 * A test double as strict as Amazon Cognito where cognito-local is lenient: an HTTP proxy in
 * front of cognito-local (with the SRP stand-in, test/support/srp-server.ts, joined behind it so
 * USER_SRP_AUTH is verified for real). It enforces, with the reference's exact strings
 * (test/support/strict-cognito-rules.ts):
 * - a Session is single-use: once a request carrying it was answered successfully it is spent;
 * - a Session expires after `sessionValidityMs` (default 3 minutes, AuthSessionValidity's default);
 * - whether a rejected answer spends its Session is a setting (`rejectedAnswer`: UNVERIFIED);
 * - SECRET_HASH is verified for app clients with a secret;
 * - errors come back in the real shape: HTTP 400, `{"__type","message"}`, `x-amzn-ErrorType:
 *   <Type>:` (trailing colon), `x-amzn-ErrorMessage`, `x-amzn-RequestId`;
 * - CORS as cognito-local does it (any origin, the preflight's requested headers echoed).
 * The clock is injectable so tests expire Sessions without waiting.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body';
import { startSrpServer, type SrpServer, type SrpUserInput } from './srp-server';
import { realError, secretHashRefusal, SessionLedger, type CognitoRefusal, type RejectedAnswerPolicy } from './strict-cognito-rules';

export interface StrictCognitoOptions {
  /** cognito-local's endpoint. */
  upstream: string;
  /** AuthSessionValidity in ms. Default 3 minutes. */
  sessionValidityMs?: number;
  /** Whether a rejected answer spends its Session (UNVERIFIED in the reference). Default 'spent'. */
  rejectedAnswer?: RejectedAnswerPolicy;
  /** App client id → client secret, for the clients that have one. */
  clientSecrets?: Record<string, string>;
  /** Joins the SRP stand-in behind the proxy for these users (their SRP verifiers are made at start). */
  srp?: { userPoolId: string; clientIds: string[]; users: SrpUserInput[] };
  /** The clock, epoch ms (tests move it instead of waiting). */
  now?: () => number;
}

export interface StrictCognito {
  endpoint: string;
  /** The SRP stand-in behind the proxy, when `srp` was given. */
  srp: SrpServer | null;
  close(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
};
const JSON_TYPE = 'application/x-amz-json-1.1';

function send(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': randomUUID(),
    Date: new Date().toUTCString(),
    ...CORS,
    ...extra,
  });
  res.end(text);
}

/** An error exactly as Cognito sends it. */
export function sendRefusal(res: ServerResponse, refusal: CognitoRefusal, status = 400): void {
  send(res, status, JSON.stringify({ __type: refusal.type, message: refusal.message }), {
    'x-amzn-ErrorType': `${refusal.type}:`,
    'x-amzn-ErrorMessage': refusal.message,
  });
}

function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

interface Answer {
  status: number;
  text: string;
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<Answer> {
  const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
  delete headers.connection;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      readBody(answer).then((raw) => resolve({ status: answer.statusCode ?? 502, text: raw.toString('utf8') }), reject);
    });
    outgoing.setTimeout(15_000, () => outgoing.destroy(new Error('upstream timeout')));
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

export async function startStrictCognito(options: StrictCognitoOptions): Promise<StrictCognito> {
  const srp = options.srp ? await startSrpServer({ ...options.srp, upstream: options.upstream }) : null;
  const upstream = new URL(srp?.endpoint ?? options.upstream);
  const ledger = new SessionLedger(options.sessionValidityMs ?? 3 * 60_000, options.rejectedAnswer ?? 'spent', options.now ?? Date.now);
  const secrets = new Map(Object.entries(options.clientSecrets ?? {}));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS,
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    const raw = await readBody(req);
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const body = jsonObject(raw.toString('utf8')) ?? {};
    const session = typeof body.Session === 'string' ? body.Session : null;

    const refusal = secretHashRefusal(operation, body, secrets) ?? (session === null ? null : ledger.check(session));
    if (refusal) return sendRefusal(res, refusal);

    const answer = await forward(upstream, req, raw);
    const answered = jsonObject(answer.text);
    const succeeded = answer.status >= 200 && answer.status < 300;
    if (session !== null) ledger.answered(session, succeeded);
    if (succeeded) {
      if (typeof answered?.Session === 'string') ledger.issued(answered.Session);
      return send(res, answer.status, answer.text);
    }
    // cognito-local's errors: `__type` (maybe with a prefix like `CognitoLocal#`) and its own wording.
    const rawType = typeof answered?.__type === 'string' ? answered.__type : answer.status >= 500 ? 'InternalErrorException' : 'InvalidParameterException';
    const type = rawType.split(':')[0]?.split('#').pop() ?? rawType;
    const message = typeof answered?.message === 'string' ? answered.message : `upstream answered ${answer.status}`;
    return sendRefusal(res, realError(operation, { type, message }), answer.status >= 500 ? answer.status : 400);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendRefusal(res, { type: 'InternalErrorException', message: `strict-cognito: ${String(error)}` }, 500);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    srp,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await srp?.close();
    },
  };
}
