/**
 * Headless Debian Chromium for the panel bench: a fresh profile per run, the flags the viewer
 * tests use, and in-page timing helpers. Timings are taken inside the page (performance.now()
 * around an action, up to the paint that shows its result) so the DevTools protocol's own
 * round trips are not measured.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { QUIET_CHROMIUM_FLAGS, chromiumPath } from './chromium';

const CHROMIUM_FLAGS = ['--headless', ...QUIET_CHROMIUM_FLAGS];

/**
 * Installed in every page before its scripts run. Plain source, not a function: tsx may add
 * name helpers to functions that do not exist in the page.
 * - `timed(action, done)` runs `action`, waits task by task until `done()`, then forces style and
 *   layout (what the next paint needs): milliseconds from the event to a laid-out result, not
 *   rounded up to the next frame as waiting for a paint would.
 * - `paint()` resolves after the next frame was produced (rAF, then a task after it).
 * - `firstRender` is the page time at which `window.__benchReady()` first held, checked every frame.
 */
const PAGE_HELPERS = `(() => {
  const paint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const task = () => new Promise((resolve) => setTimeout(resolve, 0));
  const bench = {
    firstRender: null,
    paint,
    async timed(action, done, timeoutMs = 60000) {
      const start = performance.now();
      action();
      await task();
      while (!done()) {
        if (performance.now() - start > timeoutMs) throw new Error('bench: condition not met in ' + timeoutMs + ' ms');
        await task();
      }
      document.documentElement.getBoundingClientRect();
      return performance.now() - start;
    },
  };
  window.__bench = bench;
  const watch = () => {
    if (bench.firstRender === null && typeof window.__benchReady === 'function' && window.__benchReady()) bench.firstRender = performance.now();
    if (bench.firstRender === null) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
})();`;

/** What a page sees of the helpers above (for typing page.evaluate callbacks). */
export interface PageBench {
  firstRender: number | null;
  paint(): Promise<void>;
  timed(action: () => void, done: () => boolean, timeoutMs?: number): Promise<number>;
}
export type BenchWindow = Window & { __bench: PageBench; __benchReady?: () => boolean };

export interface BenchBrowser {
  browser: Browser;
  /**
   * A new 1400×900 page with the helpers; `ready` (source of a `() => boolean`) defines first
   * render; `extra` is more page source to install before the page's own scripts.
   */
  newPage(ready: string, extra?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBenchBrowser(): Promise<BenchBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'cfi-bench-'));
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, userDataDir, args: CHROMIUM_FLAGS });
  return {
    browser,
    async newPage(ready, extra = '') {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      await page.evaluateOnNewDocument(`window.__benchReady = ${ready};\n${PAGE_HELPERS}\n${extra}`);
      page.on('pageerror', (error) => console.error(`  page error: ${String(error)}`));
      return page;
    },
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** JS heap in use after a full garbage collection (the DevTools protocol's own count). */
export async function heapUsedAfterGc(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}
