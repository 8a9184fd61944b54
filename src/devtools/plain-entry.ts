/**
 * DevTools hands over live request objects (with methods, and fields the panel never reads).
 * These turn them into plain HAR entries: full copies for the calls the panel analyses, light
 * copies (no bodies) for everything else, so a busy page does not fill the panel's memory.
 */
import type { HarContent, HarEntry } from '../core/har';
import { isObject } from '../core/json';
import type { ContentResult } from './read-content';

/** Bodies larger than this are not kept (Cognito bodies are a few KB; this is someone else's download). */
export const MAX_BODY_CHARS = 2_000_000;

/** A copy with method, URL, headers and status only: enough to count and list, nothing secret kept. */
export function lightEntry(raw: unknown): HarEntry {
  const source = isObject(raw) ? raw : {};
  const request = isObject(source.request) ? source.request : {};
  const response = isObject(source.response) ? source.response : {};
  return {
    startedDateTime: typeof source.startedDateTime === 'string' ? source.startedDateTime : '',
    time: typeof source.time === 'number' ? source.time : 0,
    request: { method: String(request.method ?? ''), url: String(request.url ?? ''), headers: [] },
    response: { status: typeof response.status === 'number' ? response.status : 0, headers: [], content: {} },
  };
}

/**
 * A full plain copy (functions and unknown fields dropped by the JSON round trip) with the body
 * read from DevTools. When the body could not be read, `content.comment` says why and the core
 * reports the call as "body not captured" instead of dropping it.
 */
export function fullEntry(raw: unknown, content: ContentResult): HarEntry {
  const copy = JSON.parse(JSON.stringify(raw ?? {})) as HarEntry;
  if (!isObject(copy.response)) copy.response = { status: 0, headers: [], content: {} };
  const previous: HarContent = isObject(copy.response.content) ? copy.response.content : {};
  const base: HarContent = {};
  if (typeof previous.size === 'number') base.size = previous.size;
  if (typeof previous.mimeType === 'string') base.mimeType = previous.mimeType;
  if (!content.ok) {
    copy.response.content = { ...base, comment: content.reason };
  } else if (content.text.length > MAX_BODY_CHARS) {
    copy.response.content = { ...base, comment: `body of ${content.text.length} characters not kept (limit ${MAX_BODY_CHARS})` };
  } else {
    copy.response.content = { ...base, text: content.text, ...(content.encoding ? { encoding: content.encoding } : {}) };
  }
  return copy;
}

/** Identifies one request across `getHAR()` and `onRequestFinished`, which can both deliver it. */
export function entryKey(entry: HarEntry): string {
  return [entry.startedDateTime, entry.request.method, entry.request.url, entry.request.postData?.text ?? ''].join('\u0000');
}
