/**
 * `npm run package`: store-ready zips of dist/chrome and dist/firefox, and the source zip
 * Mozilla's review asks for. Run after the build; `--out <dir>` writes somewhere else than
 * dist/packages (the tests use a temporary folder).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { filesUnder } from './files';
import { packageNames } from './package-names';
import { DIST_CHROME, DIST_FIREFOX, DIST_PACKAGES, MANIFEST, ROOT } from './paths';
import { zip, type ZipEntry } from './zip';

function main(): void {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = resolve(values.out ?? DIST_PACKAGES);
  const version = checkedVersion();
  for (const dir of [DIST_CHROME, DIST_FIREFOX]) {
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${relative(ROOT, dir)} is missing: run npm run build first`);
  }
  mkdirSync(out, { recursive: true });
  const names = packageNames(version);
  writeFileSync(join(out, names.chrome), zip(entriesOf(DIST_CHROME, filesUnder(DIST_CHROME))));
  writeFileSync(join(out, names.firefox), zip(entriesOf(DIST_FIREFOX, filesUnder(DIST_FIREFOX))));
  writeFileSync(join(out, names.source), zip(entriesOf(ROOT, sourceFiles())));
  console.log(`packages written to ${relative(ROOT, out) || '.'}: ${Object.values(names).join(', ')}`);
}

/** The stores read the manifest's version, people read package.json's: they must agree. */
function checkedVersion(): string {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { version?: unknown };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string' || manifest.version !== pkg.version) {
    throw new Error(`manifest.json version ${String(manifest.version)} differs from package.json version ${String(pkg.version)}`);
  }
  return manifest.version;
}

/**
 * The sources as the working tree has them: everything git tracks or would track (ignored files
 * such as node_modules/ and dist/ left out). The working tree rather than HEAD so the source zip
 * always matches the build it ships next to. Files git does not track yet are named, so a stray
 * local file cannot slip into a release unnoticed; release from a clean checkout.
 */
function sourceFiles(): string[] {
  const tracked = gitFiles('--cached');
  const untracked = gitFiles('--others', '--exclude-standard');
  if (untracked.length > 0) console.log(`source zip includes files git does not track yet: ${untracked.join(', ')}`);
  return [...new Set([...tracked, ...untracked])];
}

function gitFiles(...which: string[]): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', ...which], { cwd: ROOT, encoding: 'utf8' });
  // A tracked file deleted in the working tree is still listed; it is not part of this source.
  return listed.split('\0').filter((file) => file !== '' && existsSync(join(ROOT, file)));
}

function entriesOf(dir: string, files: readonly string[]): ZipEntry[] {
  return [...files].sort().map((name) => ({ name, data: readFileSync(join(dir, name)) }));
}

try {
  main();
} catch (error: unknown) {
  console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
