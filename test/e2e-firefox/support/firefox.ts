/**
 * Debian's firefox-esr, headless, in a fresh temporary profile, with Marionette listening on a
 * port Firefox picks itself. `stop()` kills Firefox's whole process group (it starts a dozen
 * content and utility processes) and removes the profile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Marionette } from './marionette';
import { signalGroup, stopProcessGroup } from '../../support/process-group';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const START_TIMEOUT_MS = 30_000;

/**
 * Profile prefs. `marionette.port` 0 lets Firefox take a free port and write it to the profile's
 * MarionetteActivePort file (what geckodriver does), so parallel runs cannot collide on a port.
 */
const PREFS: Record<string, string | number | boolean> = {
  'marionette.port': 0,
  // Chrome debugging on, as for the Browser Toolbox: the tests' scripts run in chrome context.
  'devtools.chrome.enabled': true,
  'devtools.debugger.remote-enabled': true,
  'devtools.debugger.prompt-connection': false,
  'devtools.everOpened': true,
  'devtools.toolbox.host': 'bottom',
  'devtools.theme': 'light',
  // dist/firefox is unsigned; it is installed as a temporary add-on.
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.update.enabled': false,
  // Quiet, offline start: no first-run pages, telemetry, updates or background fetches.
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.aboutwelcome.enabled': false,
  'browser.tabs.warnOnClose': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.enabled': false,
  'app.update.disabledForTesting': true,
  'browser.safebrowsing.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.newtabpage.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'toolkit.startup.max_resumed_crashes': -1,
};

export interface Firefox {
  marionette: Marionette;
  /** Everything Firefox printed, for error messages. */
  output(): string;
  /** Closes the session, kills Firefox and every process it started, removes the profile. Idempotent. */
  stop(): Promise<void>;
}

export async function launchFirefox(): Promise<Firefox> {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} not found: apt-get install firefox-esr (or set FIREFOX_PATH)`);
  const profile = mkdtempSync(join(tmpdir(), 'cfi-firefox-e2e-'));
  writeFileSync(join(profile, 'user.js'), Object.entries(PREFS).map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});\n`).join(''));
  let output = '';
  const child = spawn(
    FIREFOX,
    // Without -remote-allow-system-access, Marionette refuses the chrome context ("System access is required").
    ['-headless', '--marionette', '-remote-allow-system-access', '-no-remote', '-profile', profile, 'about:blank'],
    {
      // Its own process group, so one kill reaches Firefox and all its child processes.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // TMPDIR inside the profile: whatever Firefox leaves in its temp folder goes when the profile does.
      env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1', TMPDIR: profile },
    },
  );
  const keep = (chunk: Buffer) => {
    // Only the tail matters for an error message; Firefox can be chatty.
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  // If the test process ends without stop() (an interrupted run), still take Firefox down with it.
  const onExit = () => {
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  let stopped: Promise<void> | null = null;
  let marionette: Marionette | null = null;
  const stop = () => (stopped ??= (async () => {
    await marionette?.close();
    await stopProcessGroup(child, 5_000);
    process.removeListener('exit', onExit);
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  })());

  try {
    const port = await activePort(profile, child, () => output);
    marionette = await Marionette.connect(port);
    const connected = marionette;
    return { marionette: connected, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits for Firefox to write the port Marionette listens on into the profile. */
async function activePort(profile: string, child: ChildProcess, output: () => string): Promise<number> {
  const file = join(profile, 'MarionetteActivePort');
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${FIREFOX} exited (${child.exitCode ?? child.signalCode}) before Marionette started:\n${output()}`);
    }
    if (existsSync(file)) {
      const port = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(port) && port > 0) return port;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Marionette did not start within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

