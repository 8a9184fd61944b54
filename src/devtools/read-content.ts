/**
 * Reads a finished request's response body from DevTools, whatever calling style the object has:
 * - Chrome's own objects (entries of `getHAR()`) take a callback `(content, encoding)`;
 * - objects passed through webextension-polyfill's `onRequestFinished`, and Firefox's own, return a
 *   Promise of `[content, encoding]` (Firefox has also been seen resolving to the bare content).
 * Never rejects: a body that cannot be read comes back with the reason, so the call still shows.
 */

export type ContentResult =
  | { ok: true; text: string; encoding: string | undefined }
  | { ok: false; reason: string };

/** The part of a devtools network request object this module uses. */
export interface ContentReader {
  getContent?: (...args: never[]) => unknown;
  /** The entry's own HAR content: Firefox puts `encoding` here, and the body itself in `getHAR()` entries. */
  response?: { content?: { text?: unknown; encoding?: unknown } };
}

/** A body DevTools does not answer for within this time is reported unreadable, not waited on forever. */
export const CONTENT_TIMEOUT_MS = 5_000;

function fromValues(content: unknown, second: unknown, entryEncoding: unknown): ContentResult {
  if (typeof content !== 'string') return { ok: false, reason: 'DevTools returned no body for this request' };
  // The second value is Chrome's encoding ("base64" or ""). Firefox puts the MIME type there and
  // says only in the entry's `response.content.encoding` that it sent the body base64-encoded
  // (it does so for every MIME type it does not count as text, Cognito's
  // application/x-amz-json-1.1 included).
  const fromFirefox = typeof second !== 'string' || (second !== '' && second !== 'base64');
  const base64 = second === 'base64' || (fromFirefox && entryEncoding === 'base64');
  return { ok: true, text: content, encoding: base64 ? 'base64' : undefined };
}

function fromPromised(value: unknown, entryEncoding: unknown): ContentResult {
  if (Array.isArray(value)) return fromValues(value[0], value[1], entryEncoding);
  return fromValues(value, undefined, entryEncoding);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function withTimeout(promise: Promise<ContentResult>, ms: number): Promise<ContentResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, reason: `DevTools did not return the body within ${ms / 1000} s` }), ms);
    promise.then((result) => {
      clearTimeout(timer);
      resolve(result);
    }, (error: unknown) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `DevTools could not read the body: ${error instanceof Error ? error.message : String(error)}` });
    });
  });
}

export function readContent(request: ContentReader, timeoutMs = CONTENT_TIMEOUT_MS): Promise<ContentResult> {
  const getContent = request.getContent;
  const harContent = request.response?.content;
  const entryEncoding = harContent?.encoding;
  if (typeof getContent !== 'function') {
    // Firefox's getHAR() entries are plain objects with the body already in them.
    if (typeof harContent?.text === 'string') return Promise.resolve(fromValues(harContent.text, undefined, entryEncoding));
    return Promise.resolve({ ok: false, reason: 'DevTools gave no way to read this body' });
  }
  const read = new Promise<ContentResult>((resolve, reject) => {
    try {
      // Chrome's raw method declares its callback (length 1); promise-style ones declare none.
      if (getContent.length >= 1) {
        const withCallback = getContent as unknown as (callback: (content: unknown, encoding: unknown) => void) => void;
        withCallback.call(request, (content, encoding) => resolve(fromValues(content, encoding, entryEncoding)));
        return;
      }
      const returned = (getContent as unknown as () => unknown).call(request);
      if (isThenable(returned)) returned.then((value) => resolve(fromPromised(value, entryEncoding)), reject);
      else resolve({ ok: false, reason: 'DevTools returned no body for this request' });
    } catch (error) {
      reject(error);
    }
  });
  return withTimeout(read, timeoutMs);
}
