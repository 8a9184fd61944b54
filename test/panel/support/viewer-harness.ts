/**
 * Drives the HAR viewer in headless Chromium: serves the built viewer (dist/viewer, which
 * `npm test` builds first: the tests check what ships) and the test HARs from
 * one local HTTP server on 127.0.0.1 (so `?har=` is same-origin), and opens pages in a fresh
 * browser profile. The server also answers POST /cognito, a stand-in endpoint for replays.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { DIST_VIEWER } from '../../../scripts/build/paths';
import { QUIET_CHROMIUM_FLAGS, chromiumPath } from '../../../scripts/lib/chromium';
import { firefoxPath } from '../../../scripts/lib/firefox/firefox';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.har': 'application/json' };

export interface ReplayHit {
  target: string | undefined;
  body: string;
}

export interface ViewerHarness {
  origin: string;
  browser: Browser;
  /** Bodies POSTed to /cognito (replays), in order. */
  replays: ReplayHit[];
  /** Serves `har` at /har/<name> and also writes it to disk (for the file picker); returns the path on disk. */
  addHar(name: string, har: unknown): Promise<string>;
  /** Opens the viewer with `query` (e.g. `har=/har/x.har&theme=dark`) in a fresh page. */
  open(query?: string): Promise<Page>;
  close(): Promise<void>;
}

/** `firefox`: headless firefox-esr over WebDriver BiDi, for layout checks in Gecko (the same UI, the same CSS). */
export async function startViewer(options: { browser?: 'chromium' | 'firefox' } = {}): Promise<ViewerHarness> {
  const work = await mkdtemp(join(tmpdir(), 'cfi-viewer-'));
  const site = DIST_VIEWER;
  if (!existsSync(join(site, 'viewer.html'))) throw new Error(`${site} is missing: run \`npm run build\` before these tests`);
  const hars = new Map<string, string>();
  const replays: ReplayHit[] = [];

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/cognito') {
      // A CORS-enabled stand-in for Cognito: replays are cross-origin in real life too.
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Amz-Target');
      if (req.method === 'OPTIONS') return void res.end();
      let body = '';
      for await (const chunk of req) body += String(chunk);
      replays.push({ target: req.headers['x-amz-target'] as string | undefined, body });
      res.setHeader('Content-Type', 'application/x-amz-json-1.1');
      res.statusCode = 400;
      return void res.end(JSON.stringify({ __type: 'CodeMismatchException', message: 'Invalid code received for user' }));
    }
    const har = hars.get(url.pathname);
    if (har !== undefined) {
      res.setHeader('Content-Type', 'application/json');
      return void res.end(har);
    }
    const file = normalize(join(site, url.pathname === '/' ? 'viewer.html' : url.pathname));
    if (!file.startsWith(site)) return void res.writeHead(403).end();
    try {
      const content = await readFile(file);
      res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      res.end(content);
    } catch {
      res.writeHead(404).end();
    }
  };
  const server: Server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const browser = options.browser === 'firefox'
    ? await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath(), headless: true, userDataDir: join(work, 'profile') })
    : await puppeteer.launch({
      executablePath: chromiumPath(),
      headless: true,
      userDataDir: join(work, 'profile'),
      args: ['--headless', ...QUIET_CHROMIUM_FLAGS],
    });

  return {
    origin,
    browser,
    replays,
    async addHar(name, har) {
      // A string is served as it is (e.g. a file cut off mid-way); anything else as JSON.
      const text = typeof har === 'string' ? har : JSON.stringify(har);
      hars.set(`/har/${name}`, text);
      const path = join(work, name);
      await writeFile(path, text);
      return path;
    },
    async open(query = '') {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      // Records what the panel copies (headless pages have no clipboard to read back).
      await page.evaluateOnNewDocument(() => {
        const copied: string[] = [];
        (window as unknown as { __copied: string[] }).__copied = copied;
        Object.defineProperty(navigator, 'clipboard', {
          value: { writeText: (text: string) => { copied.push(text); return Promise.resolve(); } },
        });
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      (page as Page & { errors?: string[] }).errors = errors;
      await page.goto(`${origin}/viewer.html${query ? `?${query}` : ''}`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** What a viewer test file works with; see viewerSuite. */
export interface ViewerSuite {
  /** The harness, once the suite's beforeAll has started it: addHar, origin, replays, browser. */
  readonly viewer: ViewerHarness;
  /** Every page this file opened; afterAll checks each one. Push a page opened some other way. */
  readonly pages: Page[];
  /** Opens the viewer with `query` in a fresh page, kept in `pages`; waits for nothing. */
  open(query?: string): Promise<Page>;
  /**
   * Serves `har` at /har/<name>, opens `har=/har/<name>` plus `query` (e.g. `&theme=dark`), kept in
   * `pages`, and waits for `waitFor` (a flow row unless told).
   */
  openHar(name: string, har: unknown, options?: { query?: string; waitFor?: string }): Promise<Page>;
}

/**
 * The life of a viewer test file, registered here once instead of in every file: call it at module
 * level; its beforeAll starts the viewer, its afterAll asserts that no page it knows of logged an
 * uncaught error (a real check: the panel must not throw on any capture), then closes everything.
 */
export function viewerSuite(options: { browser?: 'chromium' | 'firefox' } = {}): ViewerSuite {
  let harness: ViewerHarness | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    harness = await startViewer(options);
  });
  afterAll(async () => {
    try {
      for (const page of pages) expect(pageErrors(page)).toEqual([]);
    } finally {
      await harness?.close();
    }
  });
  const started = (): ViewerHarness => {
    if (!harness) throw new Error('the viewer starts in beforeAll: use it from a hook or a test');
    return harness;
  };
  const open = async (query?: string): Promise<Page> => {
    const page = await started().open(query);
    pages.push(page);
    return page;
  };
  return {
    get viewer() {
      return started();
    },
    pages,
    open,
    async openHar(name, har, { query = '', waitFor = '[data-flow]' } = {}) {
      await started().addHar(name, har);
      const page = await open(`har=/har/${name}${query}`);
      await page.waitForSelector(waitFor);
      return page;
    },
  };
}

/** Uncaught page errors seen so far (the panel must not throw on any capture). */
export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

/** Reads a real capture from test/fixtures/real. */
export async function realHar(file: string): Promise<unknown> {
  return JSON.parse(await readFile(join(ROOT, 'test/fixtures/real', file), 'utf8')) as unknown;
}

/** Clicks the flow row `id` and waits for its chain. */
export async function openFlow(page: Page, id: string): Promise<void> {
  await page.click(`[data-flow="${id}"]`);
  await page.waitForSelector(`[data-chain="${id}"]`);
}

/** Selects a step card and a details tab. */
export async function openStep(page: Page, entry: number, tab: 'request' | 'response' | 'tokens' | 'raw'): Promise<void> {
  // The card's head: a click elsewhere on the card may land on a diagnostic's link to another step.
  await page.click(`[data-step-head="${entry}"]`);
  await page.waitForSelector(`[data-details="${entry}"]`);
  await page.click(`[data-tab="${tab}"]`);
  await page.waitForSelector(`[data-tab-body="${tab}"]`);
}

/** Text of every element matching `selector`. */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((el) => el.textContent ?? ''));
}
