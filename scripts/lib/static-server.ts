/**
 * Serves a built site (the demo app, the HAR viewer) on 127.0.0.1, plus a few fixed in-memory
 * documents (the demo's `/config.json`, a HAR file given to the viewer). Static files only, no
 * directory listings, nothing outside the build directory.
 *
 * Loopback is not a boundary on its own: any web page can make the browser send requests here.
 * So a bad request target (`//[`, `%E0%A4%A`) is answered 400 and never throws (one `<img>` used
 * to kill the server), and only requests whose Host is this server's own (`127.0.0.1:PORT`,
 * `localhost:PORT`) are served: a DNS-rebinding page — its own name resolved to 127.0.0.1 —
 * sends its own name as Host and gets 421, so it cannot read an unredacted HAR from here.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  close(): Promise<void>;
}

export interface StaticOptions {
  /** The file served for `/`. */
  index: string;
  /** Fixed documents by path, e.g. `/config.json`; served with `Cache-Control: no-store`. */
  documents?: Record<string, { type: string; body: string | Buffer }>;
}

/**
 * The decoded path of an origin-form request target (`/a%20b?x` → `/a b`), or null when it is not
 * one: not starting with `/`, starting with `//` (URL parsers read an authority there: `//[` threw),
 * a broken %-escape, a NUL.
 */
export function requestPath(target: string | undefined): string | null {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null;
  const raw = target.split(/[?#]/, 1)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null; // a broken %-escape
  }
  return path.includes('\0') ? null : path;
}

async function fileFor(root: string, requested: string, index: string): Promise<{ body: Buffer; type: string } | null> {
  const relative = normalize(requested === '/' ? `/${index}` : requested).replace(/^[/\\]+/, '');
  const path = join(root, relative);
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return { body: await readFile(path), type: TYPES[extname(path)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

export const JSON_TYPE = TYPES['.json'] ?? 'application/json';

/** Headers on every answer: nothing sniffed, and the viewer's `?har=<token>` never sent on as a Referer. */
const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } as const;

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(`${text}\n`);
}

export function startStaticServer(root: string, options: StaticOptions): Promise<StaticServer> {
  // Documents by decoded path, so `/har/a%20b.har` and `/har/a b.har` name the same one.
  const documents = new Map<string, { type: string; body: string | Buffer }>();
  for (const [path, document] of Object.entries(options.documents ?? {})) documents.set(requestPath(path) ?? path, document);
  /** The Host values of this server, set once it listens. */
  const ownHosts = new Set<string>();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const host = request.headers.host?.toLowerCase();
    if (host === undefined || !ownHosts.has(host)) {
      answer(response, 421, 'misdirected request: this server answers only to its own address (127.0.0.1 or localhost)');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      answer(response, 405, 'method not allowed');
      return;
    }
    const path = requestPath(request.url);
    if (path === null) {
      answer(response, 400, 'bad request target');
      return;
    }
    const document = documents.get(path);
    const file = document ?? (await fileFor(root, path, options.index));
    if (!file) {
      answer(response, 404, 'not found');
      return;
    }
    response.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': file.type, 'Cache-Control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  };

  const server: Server = createServer((request, response) => {
    // Whatever goes wrong answers this request only; the server stays up for the next one.
    handle(request, response).catch(() => {
      if (!response.headersSent) answer(response, 500, 'internal error');
      else response.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ownHosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
