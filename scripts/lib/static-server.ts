/**
 * Serves a built site (the demo app, the HAR viewer) on 127.0.0.1, plus a few fixed in-memory
 * documents (the demo's `/config.json`, a HAR file given to the viewer). Static files only, no
 * directory listings, nothing outside the build directory.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
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

async function fileFor(root: string, pathname: string, index: string): Promise<{ body: Buffer; type: string } | null> {
  const relative = normalize(decodeURIComponent(pathname === '/' ? `/${index}` : pathname)).replace(/^[/\\]+/, '');
  const path = join(root, relative);
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return { body: await readFile(path), type: TYPES[extname(path)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

export const JSON_TYPE = TYPES['.json'] ?? 'application/json';

export function startStaticServer(root: string, options: StaticOptions): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const document = options.documents?.[pathname];
    if (document) {
      response.writeHead(200, { 'Content-Type': document.type, 'Cache-Control': 'no-store' });
      response.end(document.body);
      return;
    }
    fileFor(root, pathname, options.index).then(
      (file) => {
        if (!file) {
          response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
          return;
        }
        response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' });
        response.end(file.body);
      },
      () => response.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
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
