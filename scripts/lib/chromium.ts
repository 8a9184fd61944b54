/**
 * Debian's Chromium with the unpacked extension loaded and DevTools open, driven by puppeteer-core:
 * shared by the demo (`npm start`) and the browser e2e tests. The recipe (flags, how to find the
 * DevTools window and select an extension panel) is the one in shared/reference/e2e-notes.md.
 *
 *   const chromium = await launchWithExtension({ extensionDir: 'dist/chrome' });
 *   try { await chromium.page.goto(url); const panel = await chromium.openPanel(); … }
 *   finally { await chromium.close(); }
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page, type Target } from 'puppeteer-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const DEVTOOLS_URL = 'devtools://devtools/bundled/devtools_app.html';
/** The title given to devtools.panels.create in src/devtools/devtools-page.ts. */
export const PANEL_TITLE = 'Cognito';

export type DevToolsTheme = 'light' | 'dark';
/** `undocked` gives DevTools a window of its own: a screenshot of it is all DevTools. */
export type DevToolsDock = 'right' | 'bottom' | 'undocked';

export interface LaunchOptions {
  /** The unpacked extension (a directory with manifest.json), e.g. dist/chrome. */
  extensionDir: string;
  /** Default: headless when there is no DISPLAY to show a window on. */
  headless?: boolean;
  /** DevTools' theme (and the pages' prefers-color-scheme). Default light. */
  theme?: DevToolsTheme;
  /** Where DevTools sits. Default: docked to the right, as people usually have it. */
  dock?: DevToolsDock;
  /** Milliseconds for each wait (DevTools window, extension, panel). Default 20000. */
  timeoutMs?: number;
}

export interface ExtensionBrowser {
  browser: Browser;
  /** The tab DevTools inspects (the first tab, about:blank until you navigate it). */
  page: Page;
  headless: boolean;
  extensionId: string;
  /** The DevTools window of `page`, as a page (screenshots, evaluating in DevTools itself). */
  devtools: Page;
  /** Selects the extension's panel in DevTools and resolves with its frame once its DOM is there. */
  openPanel(): Promise<Frame>;
  /** Closes the browser and removes its profile directory. Idempotent. */
  close(): Promise<void>;
}

/** Headless unless a display is there to show a window on. */
export function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/**
 * Flags every Chromium started here gets: this machine's closed network refuses Chromium's own
 * background connections (updates, sync, safe browsing), and there is no GPU or sandbox as root.
 */
export const QUIET_CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(path)) {
    throw new Error(`chromium not found at ${path}: apt-get install chromium (or set CHROMIUM_PATH to a Chrome/Chromium binary)`);
  }
  return path;
}

/**
 * DevTools keeps its settings in the profile's Preferences as JSON-encoded strings; writing the
 * theme there before launch makes DevTools (and the panel's devtools.panels.themeName) start in it.
 * `--force-dark-mode` also makes pages (the demo app) prefer dark.
 */
async function writeProfile(userDataDir: string, theme: DevToolsTheme, dock: DevToolsDock): Promise<void> {
  const devtoolsPreferences = {
    'ui-theme': JSON.stringify(theme === 'dark' ? 'dark' : 'default'),
    currentDockState: JSON.stringify(dock),
  };
  const preferences = { devtools: { preferences: devtoolsPreferences } };
  await mkdir(join(userDataDir, 'Default'), { recursive: true });
  await writeFile(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(preferences));
}

/** `/src/devtools/devtools.html`: the manifest's devtools_page, as a URL path. */
function devtoolsPagePath(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { devtools_page?: unknown };
  if (typeof manifest.devtools_page !== 'string') throw new Error(`${extensionDir}/manifest.json has no devtools_page`);
  return `/${manifest.devtools_page.replace(/^\/+/, '')}`;
}

async function waitForTarget(browser: Browser, what: string, predicate: (target: Target) => boolean, timeoutMs: number): Promise<Target> {
  try {
    return await browser.waitForTarget(predicate, { timeout: timeoutMs });
  } catch {
    const seen = browser.targets().map((target) => `  ${target.type()} ${target.url()}`).join('\n');
    throw new Error(`no ${what} within ${timeoutMs} ms; targets:\n${seen}`);
  }
}

export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const extensionDir = resolve(options.extensionDir);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no extension build at ${extensionDir} (manifest.json missing): run npm run build`);
  }
  const executablePath = chromiumPath();
  const headless = options.headless ?? !hasDisplay();
  const timeoutMs = options.timeoutMs ?? 20_000;
  const theme = options.theme ?? 'light';
  const userDataDir = await mkdtemp(join(tmpdir(), 'cfi-chromium-'));
  const removeProfile = () => rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });

  let browser: Browser | null = null;
  try {
    await writeProfile(userDataDir, theme, options.dock ?? 'right');
    browser = await puppeteer.launch({
      executablePath,
      headless,
      userDataDir,
      defaultViewport: null,
      // puppeteer adds --disable-extensions by default, which would drop the unpacked extension.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        ...QUIET_CHROMIUM_FLAGS,
        '--no-default-browser-check',
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--auto-open-devtools-for-tabs',
        '--window-size=1280,900',
        ...(theme === 'dark' ? ['--force-dark-mode'] : []),
      ],
      protocolTimeout: timeoutMs * 3,
      // Callers clean up on signals themselves (close() also removes the profile); puppeteer's own
      // handlers would exit the process before that cleanup runs.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const launched = browser;

    const devtoolsTarget = await waitForTarget(launched, 'DevTools window', (t) => t.url().startsWith(DEVTOOLS_URL), timeoutMs);
    // The extension's devtools page runs once DevTools opens; its URL carries the id. Matched by
    // path, since Chromium's own component extensions have chrome-extension:// targets too.
    const devtoolsPage = devtoolsPagePath(extensionDir);
    const extensionTarget = await waitForTarget(
      launched,
      `extension devtools page (${devtoolsPage})`,
      (t) => t.url().startsWith('chrome-extension://') && new URL(t.url()).pathname === devtoolsPage,
      timeoutMs,
    );
    const extensionId = new URL(extensionTarget.url()).host;
    const devtools = await devtoolsTarget.asPage();
    devtools.setDefaultTimeout(timeoutMs);
    const page = (await launched.pages()).find((p) => !p.url().startsWith('devtools://')) ?? (await launched.newPage());
    page.setDefaultTimeout(timeoutMs);

    let closed: Promise<void> | null = null;
    return {
      browser: launched,
      page,
      headless,
      extensionId,
      devtools,
      openPanel: () => selectPanel(devtools, extensionId, devtoolsPage, timeoutMs),
      close: () =>
        (closed ??= launched
          .close()
          .catch(() => launched.process()?.kill('SIGKILL'))
          .then(removeProfile)),
    };
  } catch (error) {
    await browser?.close().catch(() => browser?.process()?.kill('SIGKILL'));
    await removeProfile();
    throw error;
  }
}

/**
 * Shows the panel through DevTools' own InspectorView (a panel's page loads only once selected),
 * then waits for its frame and for the app to have rendered into it.
 */
export async function selectPanel(devtools: Page, extensionId: string, devtoolsPage: string, timeoutMs: number): Promise<Frame> {
  const panelId = `chrome-extension://${extensionId}${PANEL_TITLE.replace(/\s+/g, '')}`;
  // Source text, not a function: test runners rewrite `import()` inside functions they transform.
  // The import resolves against devtools_app.html, where DevTools' own modules live.
  const script = `(async () => {
    const legacy = await import('./ui/legacy/legacy.js');
    const view = legacy.InspectorView.InspectorView.instance();
    const deadline = Date.now() + ${timeoutMs};
    while (!view.hasPanel(${JSON.stringify(panelId)})) {
      if (Date.now() > deadline) return false;
      await new Promise((done) => setTimeout(done, 50));
    }
    await view.showPanel(${JSON.stringify(panelId)});
    return true;
  })()`;
  const shown = (await devtools.evaluate(script)) as boolean;
  if (!shown) throw new Error(`DevTools has no panel ${panelId} after ${timeoutMs} ms: is the extension's devtools page adding it?`);

  const prefix = `chrome-extension://${extensionId}/`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = devtools.frames().find((f) => f.url().startsWith(prefix) && new URL(f.url()).pathname !== devtoolsPage);
    if (frame) {
      // Loaded once the app has mounted into its root (#app, or the body for another layout).
      const ready = await frame
        .evaluate(() => document.readyState === 'complete' && ((document.getElementById('app') ?? document.body).childNodes.length > 0))
        .catch(() => false);
      if (ready) return frame;
    }
    if (Date.now() > deadline) {
      const urls = devtools.frames().map((f) => `  ${f.url()}`).join('\n');
      throw new Error(`the ${PANEL_TITLE} panel did not render within ${timeoutMs} ms; DevTools frames:\n${urls}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}
