/**
 * The subset of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that the
 * inspector reads. Chrome's and Firefox's "Save all as HAR", and the entries that
 * `devtools.network` hands to an extension, all fit this shape. Every field is read
 * defensively: captured files are often truncated, hand-edited or from other tools.
 */
export interface HarHeader {
  name: string;
  value: string;
}

export interface HarPostData {
  mimeType?: string;
  text?: string;
  /** HAR 1.2's parsed form fields (some tools write them instead of, or beside, `text`). */
  params?: { name: string; value?: string }[];
}

export interface HarContent {
  size?: number;
  mimeType?: string;
  text?: string;
  /** "base64" when `text` is base64-encoded (binary or compressed bodies). */
  encoding?: string;
  /** Firefox writes a comment here when it did not keep the body. */
  comment?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  headers: HarHeader[];
  postData?: HarPostData;
}

export interface HarResponse {
  status: number;
  statusText?: string;
  headers: HarHeader[];
  content: HarContent;
  /** Chrome's reason for a request that got no response, e.g. `net::ERR_FAILED` (CORS) or `net::ERR_CONNECTION_REFUSED`. */
  _error?: string | null;
}

export interface HarEntry {
  startedDateTime: string;
  /** Total time of the request in milliseconds. */
  time: number;
  request: HarRequest;
  response: HarResponse;
  /** Chrome's private field naming the initiator type, kept only for display. */
  _resourceType?: string;
  /** Set by the panel on an entry it replayed: the index of the entry it re-sent. */
  _replayOf?: number;
}

export interface Har {
  log: {
    version?: string;
    creator?: { name: string; version?: string };
    entries: HarEntry[];
  };
}

/**
 * Case-insensitive header lookup (HTTP header names are case-insensitive; HTTP/2 lower-cases them).
 * Names of another length are skipped before lower-casing (a copy per header, per entry, was a
 * visible cost on large captures): lower-casing keeps the length of anything that can lower-case
 * to an ASCII name (only U+0130 grows, into a non-ASCII pair).
 */
export function headerValue(headers: readonly HarHeader[] | undefined, name: string): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  const wanted = name.toLowerCase();
  for (const header of headers) {
    if (header && typeof header.name === 'string' && header.name.length === wanted.length && header.name.toLowerCase() === wanted) {
      return typeof header.value === 'string' ? header.value : undefined;
    }
  }
  return undefined;
}
