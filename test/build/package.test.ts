/**
 * `npm run package` (its packaging step, run on the existing build into a temporary folder):
 * store zips holding exactly the built files, and a source zip a reviewer can rebuild from.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageNames } from '../../scripts/build/package-names';
import { MANIFEST, ROOT } from '../../scripts/build/paths';
import { BUILDS, filesUnder, requireBuild } from './dist';
import { readZip } from './zip-reader';

const version = (JSON.parse(readFileSync(MANIFEST, 'utf8')) as { version: string }).version;
const names = packageNames(version);
const outs = [mkdtempSync(join(tmpdir(), 'cfi-package-')), mkdtempSync(join(tmpdir(), 'cfi-package-'))];

function runPackage(out: string): void {
  execFileSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/build/package.ts'), '--out', out], { cwd: ROOT, stdio: 'pipe' });
}

beforeAll(() => {
  requireBuild(BUILDS.chrome);
  requireBuild(BUILDS.firefox);
  for (const out of outs) runPackage(out);
});

afterAll(() => {
  for (const out of outs) rmSync(out, { recursive: true, force: true });
});

describe('npm run package', () => {
  it.each(['chrome', 'firefox'] as const)('zips exactly the %s build', (browser) => {
    const entries = readZip(readFileSync(join(outs[0] as string, names[browser])));
    const files = filesUnder(BUILDS[browser]);
    expect([...entries.keys()].sort()).toEqual(files);
    for (const file of files) expect(entries.get(file)?.equals(readFileSync(join(BUILDS[browser], file))), file).toBe(true);
    // Stores want the manifest at the top of the archive, not inside a folder.
    expect(entries.has('manifest.json')).toBe(true);
  });

  it('zips the sources with everything the rebuild needs and nothing generated', () => {
    const entries = [...readZip(readFileSync(join(outs[0] as string, names.source))).keys()];
    for (const needed of ['package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'vite.viewer.config.ts',
      'tsconfig.json', 'scripts/build/build.ts', 'scripts/build/README.md', 'src/devtools/devtools.html', 'src/devtools/panel.html',
      'public/icons/icon-32.png']) {
      expect(entries, needed).toContain(needed);
    }
    expect(entries.filter((name) => /^(node_modules|dist)\//.test(name))).toEqual([]);
  });

  it('writes the same bytes every time, so a reviewer can compare a rebuild', () => {
    for (const name of Object.values(names)) {
      const [first, second] = outs.map((out) => readFileSync(join(out, name)));
      expect(first?.equals(second as Buffer), name).toBe(true);
    }
  });
});
