/**
 * `npm run viewer -- <file.har>` serves the built viewer and the HAR on loopback only, and nothing
 * outside dist/viewer (reads dist/viewer, so it sits with the build tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const HAR = 'test/fixtures/real/mixed-interleaved.har';
let child: ChildProcess;
let url: URL;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/viewer.ts', HAR], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /HAR viewer: (\S+)/.exec(out);
      if (match?.[1]) resolve(new URL(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`viewer exited with ${code}: ${out}`)));
  });
});

afterAll(() => {
  child?.kill('SIGINT');
});

describe('npm run viewer', () => {
  it('listens on 127.0.0.1 and serves the viewer page', async () => {
    expect(url.hostname).toBe('127.0.0.1');
    const page = await fetch(new URL('/', url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Cognito Flow Inspector — HAR viewer</title>');
  });

  it('serves the HAR it was given at the address it printed, behind a random token', async () => {
    const har = url.searchParams.get('har');
    // 128 random bits: a page that cannot see the printed address cannot guess it (issue 7, item 8).
    expect(har).toMatch(/^\/har\/[0-9a-f]{32}\/mixed-interleaved\.har$/);
    const served = await fetch(new URL(har ?? '', url));
    expect(await served.text()).toBe(readFileSync(HAR, 'utf8'));
    expect((await fetch(new URL('/har/mixed-interleaved.har', url))).status).toBe(404);
  });

  it('serves nothing outside dist/viewer', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const response = await fetch(new URL(path, url));
      expect(response.status, path).toBe(404);
    }
  });
});
