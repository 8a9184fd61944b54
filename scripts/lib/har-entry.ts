/**
 * Builds Chrome-shaped HAR 1.2 entries (with the fields Chrome's "Save all as HAR" writes, so
 * that body and header sizes are realistic), for the synthetic captures.
 */
import type { HarEntry, HarHeader } from '../../src/core/har';
import type { Rng } from './prng';

export const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

export interface EntrySpec {
  /** Epoch milliseconds. */
  start: number;
  /** Milliseconds. */
  duration: number;
  method: string;
  url: string;
  /** HTTP/2 entries get lower-case header names and pseudo-headers, as Chrome records them. */
  http2: boolean;
  requestHeaders: [string, string][];
  postData?: { mimeType: string; text: string };
  status: number;
  statusText?: string;
  responseHeaders: [string, string][];
  /** Response body; `undefined` text means the browser kept none. */
  content: { mimeType: string; text?: string; encoding?: 'base64'; size?: number };
  resourceType: string;
  initiator?: 'script' | 'parser' | 'other' | 'preflight';
  serverIp?: string;
}

/** A HAR entry with the extra fields Chrome writes. Assignable to the core's HarEntry. */
export interface SyntheticEntry extends HarEntry {
  [key: string]: unknown;
}

function headers(list: [string, string][], http2: boolean): HarHeader[] {
  return list.map(([name, value]) => ({ name: http2 ? name.toLowerCase() : name, value }));
}

function headersSize(list: HarHeader[]): number {
  let size = 0;
  for (const header of list) size += header.name.length + header.value.length + 4;
  return size + 2;
}

function queryString(url: string): { name: string; value: string }[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  return url
    .slice(q + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function buildEntry(spec: EntrySpec, rng: Rng): SyntheticEntry {
  const parsed = new URL(spec.url);
  const requestHeaders = headers(spec.requestHeaders, spec.http2);
  if (spec.http2) {
    requestHeaders.unshift(
      { name: ':authority', value: parsed.host },
      { name: ':method', value: spec.method },
      { name: ':path', value: parsed.pathname + parsed.search },
      { name: ':scheme', value: parsed.protocol.replace(':', '') },
    );
  }
  const responseHeaders = headers(spec.responseHeaders, spec.http2);
  const bodyText = spec.content.text;
  const decodedSize =
    spec.content.size ??
    (bodyText === undefined ? 0 : spec.content.encoding === 'base64' ? Math.floor((bodyText.length * 3) / 4) : bodyText.length);
  const transfer = spec.status === 0 ? 0 : Math.round(decodedSize * (spec.content.mimeType.startsWith('image/') ? 1 : 0.35)) + 300;

  // Split the duration into Chrome's timing phases.
  const wait = Math.max(1, Math.round(spec.duration * 0.7 * 1000) / 1000);
  const receive = Math.max(0.1, Math.round(spec.duration * 0.2 * 1000) / 1000);
  const send = Math.round(Math.max(0.05, spec.duration - wait - receive) * 1000) / 1000;

  const content: Record<string, unknown> = { size: decodedSize, mimeType: spec.content.mimeType };
  if (bodyText !== undefined) content.text = bodyText;
  if (spec.content.encoding) content.encoding = spec.content.encoding;

  const request: Record<string, unknown> = {
    method: spec.method,
    url: spec.url,
    httpVersion: spec.http2 ? 'http/2.0' : 'HTTP/1.1',
    headers: requestHeaders,
    queryString: queryString(spec.url),
    cookies: [],
    headersSize: spec.http2 ? -1 : headersSize(requestHeaders),
    bodySize: spec.postData ? spec.postData.text.length : 0,
  };
  if (spec.postData) request.postData = { mimeType: spec.postData.mimeType, text: spec.postData.text };

  const entry: Record<string, unknown> = {
    _initiator: { type: spec.initiator ?? 'script' },
    _priority: spec.resourceType === 'document' ? 'VeryHigh' : spec.resourceType === 'image' ? 'Low' : 'High',
    _resourceType: spec.resourceType,
    cache: {},
    connection: String(rng.int(10000, 99999)),
    pageref: 'page_1',
    request,
    response: {
      status: spec.status,
      statusText: spec.statusText ?? (spec.status === 0 ? '' : spec.status < 300 ? (spec.http2 ? '' : 'OK') : ''),
      httpVersion: spec.http2 ? 'http/2.0' : 'HTTP/1.1',
      headers: responseHeaders,
      cookies: [],
      content,
      redirectURL: '',
      headersSize: spec.http2 ? -1 : headersSize(responseHeaders),
      bodySize: spec.status === 0 ? -1 : transfer,
      _transferSize: transfer,
      _error: spec.status === 0 ? 'net::ERR_FAILED' : null,
    },
    serverIPAddress: spec.serverIp ?? `52.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    startedDateTime: iso(spec.start),
    time: spec.duration,
    timings: { blocked: 0.5, dns: -1, ssl: -1, connect: -1, send, wait, receive, _blocked_queueing: 0.3 },
  };
  return entry as SyntheticEntry;
}
