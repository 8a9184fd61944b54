/** How the budget finds a page's JavaScript: every way a built page can pull in a chunk. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageScripts } from '../../scripts/build/page-scripts';

const root = mkdtempSync(join(tmpdir(), 'cfi-page-scripts-'));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pageScripts', () => {
  it('follows scripts, preloads, static and dynamic imports and preload lists, once each', () => {
    write({
      'src/page.html': '<script type="module" crossorigin src="/assets/entry.js"></script><link rel="modulepreload" href="/assets/shared.js">',
      'assets/entry.js': 'import{a}from"./shared.js";import("./lazy.js");const m=["assets/listed.js"];',
      'assets/shared.js': 'import"./entry.js";',
      'assets/lazy.js': 'export const x=`https://example.com/remote.js`;',
      'assets/listed.js': '',
      'assets/other.js': 'never named',
    });
    expect(pageScripts(root, 'src/page.html').sort()).toEqual(['assets/entry.js', 'assets/lazy.js', 'assets/listed.js', 'assets/shared.js']);
  });

  it('ignores names that resolve outside the build or to nothing', () => {
    write({
      'solo.html': '<script src="./solo.js"></script>',
      'solo.js': 'import"../../etc/passwd.js";import"./missing.js";',
    });
    expect(pageScripts(root, 'solo.html')).toEqual(['solo.js']);
  });
});
