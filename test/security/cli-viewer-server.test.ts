/**
 * Issue 7, item 8: the static server behind `npm run viewer` and `npm start`, probed with raw
 * sockets (a browser or fetch would clean the requests up first). A bad target (`//[`, a broken
 * %-escape) is answered 400 and the server stays up; only requests for its own Host are served,
 * so a DNS-rebinding page cannot read the HAR; the HAR's path carries an unguessable token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_TYPE, requestPath, startStaticServer, type StaticServer } from '../../scripts/lib/static-server';

let dir = '';
let server: StaticServer;
let port = 0;
const HAR_PATH = '/har/0123456789abcdef0123456789abcdef/sign%20in.har';
const HAR_BODY = '{"log":{"entries":[],"comment":"unredacted"}}';

/** Sends `request` as is on a fresh connection; resolves with the status code and the whole answer. */
function raw(request: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.on('error', reject);
    // Not ended from this side: `Connection: close` (or the error answer) makes the server close it.
    socket.write(request);
  });
}

const get = (target: string, host: string | null = `127.0.0.1:${port}`) =>
  raw(`GET ${target} HTTP/1.1\r\n${host === null ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cfi-static-'));
  await writeFile(join(dir, 'viewer.html'), '<title>viewer</title>');
  await writeFile(join(dir, 'app.js'), 'console.log(1)');
  server = await startStaticServer(dir, { index: 'viewer.html', documents: { [HAR_PATH]: { type: JSON_TYPE, body: HAR_BODY } } });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('bad request targets', () => {
  it.each(['//[', '//[::1', '//evil.example/app.js', '/%E0%A4%A', '/%', '/a%00b', '*', 'http://[/', 'nope'])('%j is answered 400, and the server stays up', async (target) => {
    const bad = await get(target);
    expect(bad.status).toBe(400);
    const good = await get('/');
    expect(good.status).toBe(200);
    expect(good.text).toContain('<title>viewer</title>');
  });

  it('malformed HTTP gets an error answer, and the server stays up', async () => {
    for (const junk of ['\u0000\u0001\u0002\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', `GET /${'a'.repeat(100_000)} HTTP/1.1\r\n\r\n`]) {
      const answer = await raw(junk);
      expect(answer.status === 0 || answer.status >= 400, JSON.stringify(junk.slice(0, 40))).toBe(true);
    }
    expect((await get('/app.js')).status).toBe(200);
  });

  it('requestPath decodes origin-form targets and refuses the rest', () => {
    expect(requestPath('/a%20b?x=1#f')).toBe('/a b');
    for (const bad of ['', '*', 'http://x/', '//[', '//evil.example/x', '/%', '/%zz', '/a%00', undefined]) expect(requestPath(bad), String(bad)).toBeNull();
  });
});

describe('the Host header (DNS rebinding)', () => {
  it('serves its own names: 127.0.0.1:PORT and localhost:PORT', async () => {
    expect((await get(HAR_PATH)).status).toBe(200);
    expect((await get(HAR_PATH, `localhost:${port}`)).status).toBe(200);
    expect((await get(HAR_PATH, `LocalHost:${port}`)).status).toBe(200);
  });

  it.each([['evil.example'], ['evil.example:PORT'], ['127.0.0.1'], ['127.0.0.1:1'], ['localhost'], ['[::1]:PORT'], ['127.0.0.1:PORT.evil.example']])(
    'Host %s gets 421 and no HAR',
    async (host) => {
      const answer = await get(HAR_PATH, host.replace('PORT', String(port)));
      expect(answer.status).toBe(421);
      expect(answer.text).not.toContain('unredacted');
    },
  );

  it('no Host at all: refused (HTTP/1.1 by Node with 400, HTTP/1.0 by us with 421)', async () => {
    expect((await get(HAR_PATH, null)).status).toBe(400);
    const old = await raw(`GET ${HAR_PATH} HTTP/1.0\r\n\r\n`);
    expect(old.status).toBe(421);
    expect(old.text).not.toContain('unredacted');
  });
});

describe('documents and files', () => {
  it('serves the HAR at its token path only (decoded or not), with no-store and no-referrer', async () => {
    const served = await get(HAR_PATH);
    expect(served.text).toContain(HAR_BODY);
    expect(served.text).toMatch(/cache-control: no-store/i);
    expect(served.text).toMatch(/referrer-policy: no-referrer/i);
    expect((await get('/har/0123456789abcdef0123456789abcdef/%73ign%20in.har')).status).toBe(200);
    for (const guess of ['/har/sign%20in.har', '/har/', '/har/0123456789abcdef0123456789abcdee/sign%20in.har']) {
      expect((await get(guess)).status, guess).toBe(404);
    }
  });

  it('serves nothing outside the root, and only GET and HEAD', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/..%5cpackage.json']) {
      expect((await get(path)).status, path).toBe(404);
    }
    const post = await raw(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    expect(post.status).toBe(405);
    const head = await raw(`HEAD /app.js HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(head.status).toBe(200);
    expect(head.text).not.toContain('console.log');
  });
});
