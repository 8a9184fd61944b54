/**
 * HAR entry → Cognito call. Detection is by the `X-Amz-Target` header only: the same calls go
 * to cognito-idp.<region>.amazonaws.com, FIPS endpoints, proxies, custom domains and emulators.
 */
import type { HarEntry } from './har';
import { headerValue } from './har';
import type { CognitoCall, CognitoService, IgnoredEntry } from './model';
import { isObject } from './json';
import { readRequestBody, readResponseBody } from './body';
import { parseCognitoError } from './errors';

export const COGNITO_TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
/** Identity pools (federated identities): identity-pools.md, "Wire". */
export const IDENTITY_TARGET_PREFIX = 'AWSCognitoIdentityService.';

/** The `X-Amz-Target` prefix of each service, for replays. */
export const TARGET_PREFIX: Readonly<Record<CognitoService, string>> = {
  'user-pool': COGNITO_TARGET_PREFIX,
  identity: IDENTITY_TARGET_PREFIX,
  // Managed-login requests carry no X-Amz-Target; the panel offers no replay for them.
  'managed-login': '',
};

export type Classified = { kind: 'cognito'; call: CognitoCall } | { kind: 'ignored'; ignored: IgnoredEntry };

function ignored(entry: number, reason: IgnoredEntry['reason'], detail: string): Classified {
  return { kind: 'ignored', ignored: { entry, reason, detail } };
}

function toEpoch(date: unknown): number {
  return typeof date === 'string' ? Date.parse(date) : Number.NaN;
}

function toNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * The operation named by `X-Amz-Target`, or null. The prefix is matched case-sensitively:
 * it is a service id, and `AWSCognitoIdentityService.` (identity pools) must not match.
 */
export function cognitoOperation(target: string | undefined): string | null {
  if (!target) return null;
  const value = target.trim();
  if (!value.startsWith(COGNITO_TARGET_PREFIX)) return null;
  const operation = value.slice(COGNITO_TARGET_PREFIX.length);
  return /^[A-Za-z]+$/.test(operation) ? operation : null;
}

/** `AWSCognitoIdentityService.<Operation>` (identity pools) → the operation, or null. */
export function identityOperation(target: string | undefined): string | null {
  if (!target) return null;
  const value = target.trim();
  if (!value.startsWith(IDENTITY_TARGET_PREFIX)) return null;
  const operation = value.slice(IDENTITY_TARGET_PREFIX.length);
  return /^[A-Za-z]+$/.test(operation) ? operation : null;
}

/** The Cognito service and operation an `X-Amz-Target` names, or null for anything else. */
export function targetOperation(target: string | undefined): { service: CognitoService; operation: string } | null {
  const userPool = cognitoOperation(target);
  if (userPool !== null) return { service: 'user-pool', operation: userPool };
  const identity = identityOperation(target);
  return identity !== null ? { service: 'identity', operation: identity } : null;
}

/**
 * True when the entry's request names an operation in `X-Amz-Target` (Cognito or another AWS JSON
 * service): the entries whose bodies the panel reads and keeps. Never throws on odd input.
 */
export function hasAmzTarget(raw: unknown): boolean {
  if (!isObject(raw) || !isObject(raw.request)) return false;
  const headers = raw.request.headers;
  return Array.isArray(headers) && headerValue(headers as HarEntry['request']['headers'], 'X-Amz-Target') !== undefined;
}

/**
 * `name` equals `lower` (lower-case ASCII) ignoring ASCII case: what `headerValue` decides with
 * toLowerCase, without making a lower-cased copy of every header name (every entry of a capture
 * is asked for its X-Amz-Target). Only ASCII letters fold; no other character lower-cases to one
 * of the letters of the names asked for here, so the answers are the same.
 */
function sameName(name: string, lower: string): boolean {
  if (name.length !== lower.length) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c !== lower.charCodeAt(i) && !(c >= 65 && c <= 90 && (c | 0x20) === lower.charCodeAt(i))) return false;
  }
  return true;
}

/** The first `X-Amz-Target` header's value, exactly as `headerValue(headers, 'X-Amz-Target')`. */
function targetHeader(headers: readonly unknown[]): string | undefined {
  for (const header of headers) {
    if (isObject(header) && typeof header.name === 'string' && sameName(header.name, 'x-amz-target')) {
      return typeof header.value === 'string' ? header.value : undefined;
    }
  }
  return undefined;
}

/**
 * Operation names as one string per name: the first one seen stands for all equal ones. Each call's
 * name is otherwise a new string cut from its header, hashed anew by every rules-table lookup that
 * follows (sign-in operations, answers, self-service calls). Bounded: names come from the capture.
 */
const OPERATION_NAMES_KEPT = 1024;
const operationNames = new Map<string, string>();

function canonicalOperation(operation: string): string {
  const known = operationNames.get(operation);
  if (known !== undefined) return known;
  if (operationNames.size < OPERATION_NAMES_KEPT) operationNames.set(operation, operation);
  return operation;
}

export function classifyEntry(raw: unknown, index: number): Classified {
  if (!isObject(raw) || !isObject(raw.request) ) {
    return ignored(index, 'invalid-entry', 'not a HAR entry (no request object)');
  }
  const entry = raw as unknown as HarEntry;
  const headers = Array.isArray(entry.request.headers) ? entry.request.headers : [];
  const method = typeof entry.request.method === 'string' ? entry.request.method.toUpperCase() : '';
  const target = targetHeader(headers);
  if (method === 'OPTIONS') return ignored(index, 'preflight', 'CORS preflight (OPTIONS)');
  const named = targetOperation(target);
  if (named === null) {
    if (target) return ignored(index, 'other-aws-service', `X-Amz-Target: ${target.slice(0, 80)}`);
    return ignored(index, 'not-cognito', 'no X-Amz-Target header');
  }
  const response = isObject(entry.response) ? entry.response : undefined;
  const status = toNumber(response?.status, 0);
  const responseHeaders = Array.isArray(response?.headers) ? response.headers : [];
  const request = readRequestBody(isObject(entry.request.postData) ? entry.request.postData : undefined, method);
  const responseBody = readResponseBody(isObject(response?.content) ? response.content : undefined, status);
  const call: CognitoCall = {
    entry: index,
    operation: canonicalOperation(named.operation),
    service: named.service,
    url: typeof entry.request.url === 'string' ? entry.request.url : '',
    method,
    startedAt: toEpoch(entry.startedDateTime),
    duration: Math.max(0, toNumber(entry.time, 0)),
    status,
    request,
    response: responseBody,
    error: parseCognitoError(status, responseBody, responseHeaders, typeof response?._error === 'string' && response._error !== '' ? response._error : undefined),
    har: entry,
    replayOf: typeof entry._replayOf === 'number' && Number.isInteger(entry._replayOf) ? entry._replayOf : null,
  };
  return { kind: 'cognito', call };
}
