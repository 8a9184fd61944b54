/**
 * A recording HTTP proxy on 127.0.0.1: client libraries are pointed at its URL, it forwards
 * every request (CORS preflights included) unchanged to the target endpoint, and it keeps
 * one HAR 1.2 entry per exchange with the fields a browser's "Save all as HAR" has:
 * request method/url/headers/postData, response status/headers/content with the body text.
 *
 * The URL recorded is the one the client asked for (the proxy's), as a browser would record
 * it; headers keep the case the client and the server wrote them in.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Har, HarHeader } from '../../src/core/har';
import type { FullHarEntry } from './full-har';
import { readBody } from './read-body';

/** A HAR entry with the extra HAR 1.2 fields browsers write (the core reads only the `HarEntry` part). */
export interface RecordedEntry extends FullHarEntry {
  timings: { send: number; wait: number; receive: number };
  _resourceType: string;
}

export interface RecordedHar extends Har {
  log: { version: string; creator: { name: string; version: string }; pages: never[]; entries: RecordedEntry[] };
}

export interface HarRecorder {
  /** `http://127.0.0.1:<port>` — give this to the client library as its endpoint. */
  url: string;
  /** The entries recorded so far, in request-start order. */
  har(): RecordedHar;
  /** Forget everything recorded so far. */
  clear(): void;
  close(): Promise<void>;
}

/** Headers that describe one hop, not the message: never forwarded as-is. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

function pairs(raw: string[]): HarHeader[] {
  const headers: HarHeader[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) headers.push({ name: raw[i] ?? '', value: raw[i + 1] ?? '' });
  return headers;
}

function mimeOf(contentType: string | undefined): string {
  return contentType ?? '';
}

function forwardHeaders(headers: IncomingHttpHeaders, host: string, bodyLength: number): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  out.host = host;
  if (bodyLength > 0 || 'content-length' in headers) out['content-length'] = String(bodyLength);
  return out;
}

/** Starts the proxy. `target` is the upstream base URL, e.g. cognito-local's endpoint. */
export async function startHarRecorder(target: string, options: { resourceType?: string } = {}): Promise<HarRecorder> {
  const upstream = new URL(target);
  // Each entry keeps the order its request arrived in: entries are completed out of order.
  let entries: { seq: number; entry: RecordedEntry }[] = [];
  let nextSeq = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const seq = nextSeq++;
      const started = new Date();
      const t0 = performance.now();
      const requestBody = await readBody(req);
      const tSent = performance.now();
      const forwarded = await new Promise<{ head: IncomingMessage; body: Buffer; tFirstByte: number }>((resolve, reject) => {
        const outgoing = httpRequest({
          hostname: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: forwardHeaders(req.headers, upstream.host, requestBody.length),
        }, (head) => {
          const tFirstByte = performance.now();
          readBody(head).then((body) => resolve({ head, body, tFirstByte }), reject);
        });
        outgoing.setTimeout(15_000, () => outgoing.destroy(new Error('upstream timeout')));
        outgoing.once('error', reject);
        outgoing.end(requestBody);
      });
      const tDone = performance.now();

      const responseHeaders = pairs(forwarded.head.rawHeaders);
      const clientHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(forwarded.head.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) clientHeaders[name] = value;
      }
      clientHeaders['content-length'] = String(forwarded.body.length);
      res.writeHead(forwarded.head.statusCode ?? 502, forwarded.head.statusMessage, clientHeaders);
      res.end(forwarded.body);

      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const requestMime = req.headers['content-type'];
      const entry: RecordedEntry = {
        startedDateTime: started.toISOString(),
        time: Math.round((tDone - t0) * 1000) / 1000,
        request: {
          method: req.method ?? 'GET',
          url: url.toString(),
          httpVersion: `HTTP/${req.httpVersion}`,
          headers: pairs(req.rawHeaders),
          cookies: [],
          queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
          headersSize: -1,
          bodySize: requestBody.length,
          ...(requestBody.length > 0 ? { postData: { mimeType: mimeOf(requestMime), text: requestBody.toString('utf8') } } : {}),
        },
        response: {
          status: forwarded.head.statusCode ?? 0,
          statusText: forwarded.head.statusMessage ?? '',
          httpVersion: `HTTP/${forwarded.head.httpVersion}`,
          headers: responseHeaders,
          cookies: [],
          content: {
            size: forwarded.body.length,
            mimeType: mimeOf(forwarded.head.headers['content-type']),
            text: forwarded.body.toString('utf8'),
          },
          redirectURL: '',
          headersSize: -1,
          bodySize: forwarded.body.length,
        },
        cache: {},
        timings: {
          send: round(tSent - t0),
          wait: round(forwarded.tFirstByte - tSent),
          receive: round(tDone - forwarded.tFirstByte),
        },
        _resourceType: req.method === 'OPTIONS' ? 'preflight' : (options.resourceType ?? 'fetch'),
      };
      entries.push({ seq, entry });
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`har-recorder: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    har: () => ({
      log: {
        version: '1.2',
        creator: { name: 'cognito-flow-inspector har-recorder', version: '1' },
        pages: [],
        // In request order, as browsers write them (a slow response can finish after a later request).
        entries: [...entries].sort((a, b) => a.seq - b.seq).map(({ entry }) => entry),
      },
    }),
    clear: () => {
      entries = [];
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function round(ms: number): number {
  return Math.max(0, Math.round(ms * 1000) / 1000);
}
