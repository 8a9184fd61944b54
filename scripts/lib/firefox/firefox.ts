/**
 * Debian's firefox-esr in a fresh temporary profile, with Marionette listening on a port Firefox
 * picks itself: shared by the demo (`npm start -- --firefox`) and the Firefox e2e tests. Headless
 * by default; headful shows a normal window (the demo with a display). `stop()` kills Firefox's
 * whole process group (it starts a dozen content and utility processes) and removes the profile.
 *
 *   const firefox = await launchFirefox({ headless: true });
 *   try { await firefox.marionette.setContext('chrome'); … } finally { await firefox.stop(); }
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signalGroup, stopProcessGroup } from '../process-group';
import { Marionette } from './marionette';
import { firefoxPrefs, type FirefoxPrefOptions } from './prefs';

export const DEFAULT_FIREFOX = '/usr/bin/firefox-esr';
const START_TIMEOUT_MS = 30_000;

/** The binary to run (FIREFOX_PATH overrides); throws with the apt-get hint when it is not there. */
export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH || DEFAULT_FIREFOX;
  if (!existsSync(path)) throw new Error(`firefox-esr not found at ${path}: apt-get install firefox-esr (or set FIREFOX_PATH to a Firefox binary)`);
  return path;
}

export interface FirefoxLaunchOptions extends FirefoxPrefOptions {
  /** Default true. False shows a window on $DISPLAY. */
  headless?: boolean;
  /**
   * Accept any TLS certificate while Firefox runs (Marionette's `acceptInsecureCerts`), for a
   * loopback server with a throwaway self-signed one. Only for these temporary profiles.
   */
  acceptInsecureCerts?: boolean;
}

export interface Firefox {
  marionette: Marionette;
  headless: boolean;
  /** Resolves when Firefox exits on its own (e.g. its last window was closed). */
  exited: Promise<void>;
  /** Everything Firefox printed, for error messages. */
  output(): string;
  /** Closes the session, kills Firefox and every process it started, removes the profile. Idempotent. */
  stop(): Promise<void>;
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<Firefox> {
  const binary = firefoxPath();
  const headless = options.headless ?? true;
  const profile = mkdtempSync(join(tmpdir(), 'cfi-firefox-'));
  const prefs = firefoxPrefs(options);
  writeFileSync(join(profile, 'user.js'), Object.entries(prefs).map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});\n`).join(''));
  let output = '';
  const child = spawn(
    binary,
    // Without -remote-allow-system-access, Marionette refuses the chrome context ("System access is required").
    [...(headless ? ['-headless'] : []), '--marionette', '-remote-allow-system-access', '-no-remote', '-profile', profile, 'about:blank'],
    {
      // Its own process group, so one kill reaches Firefox and all its child processes.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // TMPDIR inside the profile: whatever Firefox leaves in its temp folder goes when the profile does.
      env: { ...process.env, ...(headless ? { MOZ_HEADLESS: '1' } : {}), MOZ_CRASHREPORTER_DISABLE: '1', TMPDIR: profile },
    },
  );
  const keep = (chunk: Buffer) => {
    // Only the tail matters for an error message; Firefox can be chatty.
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // If this process ends without stop() (an interrupted run), still take Firefox down with it.
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
    const port = await activePort(binary, profile, child, () => output);
    marionette = await Marionette.connect(port, { acceptInsecureCerts: options.acceptInsecureCerts ?? false });
    return { marionette, headless, exited, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits for Firefox to write the port Marionette listens on into the profile. */
async function activePort(binary: string, profile: string, child: ChildProcess, output: () => string): Promise<number> {
  const file = join(profile, 'MarionetteActivePort');
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${binary} exited (${child.exitCode ?? child.signalCode}) before Marionette started:\n${output()}`);
    }
    if (existsSync(file)) {
      const port = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(port) && port > 0) return port;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Marionette did not start within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}
