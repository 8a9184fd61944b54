/**
 * Installs the Firefox build as a temporary add-on in headless firefox-esr through `web-ext run`,
 * the way a developer loads it: Firefox itself validates the manifest and refuses an invalid
 * extension. What the panel does once installed is test/e2e-firefox (driven through Marionette).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIST_FIREFOX } from '../../scripts/build/paths';
import { requireBuild } from './dist';
import { WEB_EXT, WEB_EXT_ENV } from './web-ext';
import { stopProcessGroup } from '../../scripts/lib/process-group';

const FIREFOX = '/usr/bin/firefox-esr';
const INSTALL_TIMEOUT_MS = 60_000;
const INSTALLED = /Installed .* as a temporary add-on/;

// web-ext leaves its temporary profile behind when stopped by a signal: give it a folder of ours.
const scratch = mkdtempSync(join(tmpdir(), 'cfi-firefox-smoke-'));
let child: ChildProcess | undefined;

afterAll(async () => {
  // web-ext can leave Firefox running after a failed install: the whole group goes.
  if (child) await stopProcessGroup(child, 10_000);
  rmSync(scratch, { recursive: true, force: true });
});

describe('Firefox smoke test', () => {
  it('installs dist/firefox in headless firefox-esr', async () => {
    requireBuild(DIST_FIREFOX);
    expect(existsSync(FIREFOX), `${FIREFOX} is not installed (apt-get install firefox-esr)`).toBe(true);
    child = spawn(
      WEB_EXT,
      ['run', '--target', 'firefox-desktop', '--firefox', FIREFOX, '--source-dir', DIST_FIREFOX,
        '--no-input', '--no-reload', '--no-config-discovery', '--args=--headless'],
      // Its own process group, so stopping it also stops Firefox and its content processes.
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...WEB_EXT_ENV, MOZ_HEADLESS: '1', TMPDIR: scratch } },
    );
    const outcome = await installOutcome(child);
    expect(outcome.installed, outcome.output).toBe(true);
    expect(outcome.output).not.toMatch(/WebExtError|Extension is invalid/);
  });
});

/** Resolves once web-ext reports the install, exits, or the timeout passes; with what it printed. */
function installOutcome(proc: ChildProcess): Promise<{ installed: boolean; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const finish = (installed: boolean, why?: string): void => {
      clearTimeout(timer);
      resolve({ installed, output: why ? `${why}\n${output}` : output });
    };
    const timer = setTimeout(() => finish(false, `no install within ${INSTALL_TIMEOUT_MS / 1000} s`), INSTALL_TIMEOUT_MS);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (INSTALLED.test(output)) finish(true);
    };
    proc.stdout?.on('data', read);
    proc.stderr?.on('data', read);
    proc.on('exit', (code, signal) => finish(false, `web-ext exited (${code ?? signal}) before installing`));
  });
}

