/**
 * Turns the text of a HAR request or response body into a `Body`: parsed JSON, empty,
 * not captured (with why), or unparseable (with why and a short preview).
 */
import type { HarContent, HarPostData } from './har';
import type { Body, JsonObject } from './model';
import { isObject } from './json';
import { decodeBase64Text } from './base64';
import { describeJsonSyntaxError } from './json-syntax';
import { shareLongStrings } from './shared-strings';

const PREVIEW_CHARS = 120;

/** Anything but white space (the characters String.prototype.trim removes; \s is the same set). */
const NOT_BLANK = /\S/;

export function parseBodyText(text: string): Body {
  // Not text.trim() === '': that copies every body that has a trailing newline.
  if (!NOT_BLANK.test(text)) return { state: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    // Never the parser's message: it quotes the body (an unquoted password, say), and the reason
    // travels into diagnostics, the panel, --json and exports. Where and what kind, nothing quoted.
    return { state: 'unparseable', reason: `not JSON: ${describeJsonSyntaxError(text)}`, preview: text.slice(0, PREVIEW_CHARS), length: text.length };
  }
  if (!isObject(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    return { state: 'unparseable', reason: `JSON ${kind}, not an object`, preview: text.slice(0, PREVIEW_CHARS), length: text.length };
  }
  shareLongStrings(value, text);
  return { state: 'json', value };
}

export function readRequestBody(postData: HarPostData | undefined, method: string): Body {
  if (!isObject(postData)) {
    return method === 'POST'
      ? { state: 'not-captured', reason: 'the HAR has no request body (postData) for this POST' }
      : { state: 'empty' };
  }
  if (typeof postData.text !== 'string') return { state: 'not-captured', reason: 'postData has no text' };
  return parseBodyText(postData.text);
}

export function readResponseBody(content: HarContent | undefined, status: number): Body {
  if (status === 0) return { state: 'not-captured', reason: 'no response (request blocked, cancelled or failed)' };
  if (!isObject(content) || typeof content.text !== 'string') {
    const size = isObject(content) && typeof content.size === 'number' ? content.size : -1;
    if (size === 0) return { state: 'empty' };
    const note = isObject(content) && typeof content.comment === 'string' ? ` (${content.comment})` : '';
    return { state: 'not-captured', reason: `the browser did not keep the response body${note}` };
  }
  if (content.encoding === 'base64') {
    const decoded = decodeBase64Text(content.text);
    if (decoded === undefined) {
      return { state: 'unparseable', reason: 'base64 body that does not decode', preview: content.text.slice(0, PREVIEW_CHARS), length: content.text.length };
    }
    return parseBodyText(decoded);
  }
  return parseBodyText(content.text);
}

/** The body's JSON object, or an empty object when it could not be read (checks then find nothing). */
export function bodyObject(body: Body): JsonObject {
  return body.state === 'json' ? body.value : {};
}
