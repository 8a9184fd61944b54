/**
 * The `cognito-flow` package as a user gets it: `npm pack` of this checkout (after `npm run build`),
 * installed globally into an empty prefix with an empty npm cache and no network, then run from an
 * empty folder. Proves the package carries the built CLI and nothing else it needs.
 */
import { execFile as execFileCb } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_CLI, ROOT } from '../../scripts/build/paths';
import { analyzeHar } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';

const execFile = promisify(execFileCb);
const work = mkdtempSync(join(tmpdir(), 'cfi-cli-package-'));
const prefix = join(work, 'prefix');
const empty = join(work, 'empty');
const FIXTURE = join(ROOT, 'test/fixtures/real/new-password-required.har');
let packed: { filename: string; files: { path: string }[] };

/** npm with its own cache and config, so nothing the machine has cached can help the install. */
function npm(args: string[], cwd: string): Promise<{ stdout: string }> {
  return execFile('npm', [...args, '--cache', join(work, 'npm-cache'), '--userconfig', join(work, 'npmrc'), '--no-audit', '--no-fund', '--no-update-notifier'], { cwd });
}

beforeAll(async () => {
  if (!existsSync(join(DIST_CLI, 'main.js'))) throw new Error(`${DIST_CLI}/main.js is missing: run \`npm run build\` before these tests`);
  mkdirSync(prefix);
  mkdirSync(empty);
  const { stdout } = await npm(['pack', '--json', '--pack-destination', work], ROOT);
  packed = (JSON.parse(stdout) as typeof packed[])[0]!;
  await npm(['install', '--global', '--prefix', prefix, '--offline', join(work, packed.filename)], empty);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed cognito-flow CLI', () => {
  it('holds the command and its built JavaScript, no sources, tests or fixtures', () => {
    const paths = packed.files.map((file) => file.path).sort();
    expect(paths).toContain('bin/cognito-flow.mjs');
    expect(paths).toContain('dist/cli/main.js');
    expect(paths.filter((path) => /^(test|src|scripts|node_modules)\/|\.(har|ts|tsx)$/.test(path))).toEqual([]);
  });

  it('needs nothing at run time beyond Node: no dependencies, only node: imports, no tsx', () => {
    const installed = join(prefix, 'lib/node_modules/cognito-flow-inspector');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    const code = readFileSync(join(installed, 'dist/cli/main.js'), 'utf8');
    const imported = [...code.matchAll(/^import\b[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]);
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((name) => !name?.startsWith('node:'))).toEqual([]);
    expect(readFileSync(join(installed, 'bin/cognito-flow.mjs'), 'utf8')).not.toMatch(/tsx/);
  });

  it('runs from an empty folder and reports what the core reports', async () => {
    const { stdout } = await execFile(join(prefix, 'bin/cognito-flow'), ['analyze', FIXTURE, '--json'], { cwd: empty }).catch((error: { stdout: string; code: number }) => {
      // Exit status 1 means error diagnostics were found: this fixture has none, so fail loudly.
      throw new Error(`cognito-flow exited ${error.code}: ${error.stdout}`);
    });
    const expected = toReport(analyzeHar(JSON.parse(readFileSync(FIXTURE, 'utf8'))));
    expect(JSON.parse(stdout)).toEqual(expected);
    expect(expected.flows.length).toBeGreaterThan(0);
  });

  it('says how to use it and exits 2 on a missing file', async () => {
    const help = await execFile(join(prefix, 'bin/cognito-flow'), ['--help'], { cwd: empty });
    expect(help.stdout).toMatch(/^Usage:/);
    const missing = await execFile(join(prefix, 'bin/cognito-flow'), ['analyze', 'nope.har'], { cwd: empty }).then(() => null, (error: { code: number; stderr: string }) => error);
    expect(missing?.code).toBe(2);
    expect(missing?.stderr).toMatch(/no such file: nope\.har/);
  });
});
