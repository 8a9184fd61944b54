/**
 * Edit and replay: the request that re-sends a captured Cognito call with a body the user edited,
 * and the HAR entry that records what came back, so the replay joins the chain like any call.
 *
 * Only what the call needs is sent: its URL, POST, `Content-Type` and `X-Amz-Target` — never the
 * page's cookies or other headers. Sign-in operations are unsigned; Admin* operations and any call
 * that carried an `Authorization` header are SigV4-signed and cannot be replayed from a panel
 * (cognito-protocol.md, "Wire"), so they are refused with that reason instead of failing at AWS.
 */
import type { HarEntry, HarHeader } from './har';
import { headerValue } from './har';
import type { CognitoCall } from './model';
import { TARGET_PREFIX } from './calls';
import { isObject } from './json';

/** The content type every Cognito user-pool call uses (cognito-protocol.md, "Wire"). */
export const COGNITO_CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface ReplayRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** Entry index of the call being replayed. */
  replayOf: number;
  operation: string;
}

/** What the network gave back for a replay; `error` when no response arrived (CORS, refused, …). */
export interface ReplayResponse {
  status: number;
  statusText: string;
  headers: HarHeader[];
  text: string;
  /** Epoch ms when the request was sent. */
  startedAt: number;
  /** Milliseconds until the response was read. */
  time: number;
  error?: string;
}

export type ReplayBuild = { ok: true; request: ReplayRequest } | { ok: false; reason: string };

/** Why this call cannot be replayed from the panel, or null when it can. */
export function replayRefusal(call: CognitoCall): string | null {
  if (call.operation.startsWith('Admin')) {
    return `${call.operation} is signed with AWS credentials (SigV4); replay it from a backend with the AWS SDK.`;
  }
  if (headerValue(call.har.request.headers, 'Authorization') !== undefined) {
    return 'The request was signed (Authorization header); a signed request cannot be replayed with an edited body.';
  }
  if (!/^https?:\/\/[^/\s]+/i.test(call.url)) return `The call's URL is not an http(s) address: ${call.url.slice(0, 80)}`;
  return null;
}

/** The request body to start editing from: pretty JSON when it parsed, else the captured text. */
export function replayDraft(call: CognitoCall): string {
  if (call.request.state === 'json') return JSON.stringify(call.request.value, null, 2);
  const text = call.har.request.postData?.text;
  return typeof text === 'string' ? text : '{}';
}

export function buildReplay(call: CognitoCall, editedText: string): ReplayBuild {
  const refusal = replayRefusal(call);
  if (refusal !== null) return { ok: false, reason: refusal };
  let value: unknown;
  try {
    value = JSON.parse(editedText) as unknown;
  } catch (error) {
    return { ok: false, reason: `The edited body is not JSON: ${error instanceof Error ? error.message : 'parse error'}` };
  }
  if (!isObject(value)) return { ok: false, reason: 'The edited body must be a JSON object, as every Cognito request is.' };
  const contentType = headerValue(call.har.request.headers, 'Content-Type') ?? COGNITO_CONTENT_TYPE;
  return {
    ok: true,
    request: {
      url: call.url,
      method: 'POST',
      headers: { 'Content-Type': contentType, 'X-Amz-Target': `${TARGET_PREFIX[call.service]}${call.operation}` },
      // Compact, like the SDKs send it; the edit's formatting is the user's, not the wire's.
      body: JSON.stringify(value),
      replayOf: call.entry,
      operation: call.operation,
    },
  };
}

/** The replay as a HAR entry (marked `_replayOf`), ready to append to the capture. */
export function replayEntry(request: ReplayRequest, response: ReplayResponse): HarEntry {
  const mimeType = headerValue(response.headers, 'Content-Type') ?? '';
  return {
    startedDateTime: new Date(Number.isFinite(response.startedAt) ? response.startedAt : 0).toISOString(),
    time: Math.max(0, response.time),
    request: {
      method: request.method,
      url: request.url,
      headers: Object.entries(request.headers).map(([name, value]) => ({ name, value })),
      postData: { mimeType: request.headers['Content-Type'] ?? COGNITO_CONTENT_TYPE, text: request.body },
    },
    response: {
      status: response.error ? 0 : response.status,
      statusText: response.statusText,
      headers: response.headers,
      content: response.error ? { size: 0, mimeType } : { size: response.text.length, mimeType, text: response.text },
      _error: response.error ?? null,
    },
    _replayOf: request.replayOf,
  };
}
