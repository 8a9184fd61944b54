/**
 * `npm run viewer [-- <file.har>]`: serves the HAR viewer (dist/viewer, the panel in a plain page)
 * on 127.0.0.1 and prints its address; with a HAR file, the address opens it directly. For people
 * who only have a HAR someone sent them. Everything stays on this machine: the page reads the
 * file in the browser, and the server listens on loopback only.
 *
 * The HAR (unredacted: passwords, tokens) is served at `/har/<token>/<name>`, the token 128 random
 * bits: the server also refuses other Host names (DNS rebinding, static-server.ts), and a page
 * that cannot see this address cannot guess it either.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_TYPE, startStaticServer } from './lib/static-server';

const VIEWER_DIR = fileURLToPath(new URL('../dist/viewer', import.meta.url));

async function main(): Promise<void> {
  if (!existsSync(join(VIEWER_DIR, 'viewer.html'))) {
    console.error('dist/viewer is missing: run `npm run build` first');
    process.exit(2);
  }
  const harPath = process.argv[2];
  const documents: Record<string, { type: string; body: Buffer }> = {};
  let query = '';
  if (harPath) {
    const name = `/har/${randomBytes(16).toString('hex')}/${encodeURIComponent(basename(harPath))}`;
    let body: Buffer;
    try {
      body = readFileSync(harPath);
    } catch (error) {
      console.error(`cannot read ${JSON.stringify(harPath)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      process.exit(2);
    }
    documents[name] = { type: JSON_TYPE, body };
    query = `?har=${encodeURIComponent(name)}`;
  }
  const server = await startStaticServer(VIEWER_DIR, { index: 'viewer.html', documents });
  console.log(`HAR viewer: ${server.url}${query}`);
  console.log(harPath ? 'Open it in a browser; Ctrl+C stops the server.' : 'Open it in a browser and drop a HAR file on the page; Ctrl+C stops the server.');
  process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
}

void main();
