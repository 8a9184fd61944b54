/**
 * `npm start`'s command line, as a pure function of argv and whether a display is there, so the
 * choices (browser, headless, screenshot name) are testable without starting anything.
 */
export type DemoBrowser = 'chromium' | 'firefox';
export type DemoTheme = 'light' | 'dark';

export interface DemoOptions {
  browser: DemoBrowser;
  headless: boolean;
  theme: DemoTheme;
  build: boolean;
  screenshot: string;
}

/** The file a headless run writes unless --screenshot names one: one per browser and theme. */
export function defaultScreenshot(browser: DemoBrowser, theme: DemoTheme): string {
  return `cognito-flow-demo${browser === 'firefox' ? '-firefox' : ''}${theme === 'dark' ? '-dark' : ''}.png`;
}

const FLAGS = ['--firefox', '--headless', '--no-build'];
const VALUED = ['--theme=', '--screenshot='];

export function parseOptions(argv: readonly string[], display: boolean): DemoOptions {
  // A mistyped flag would otherwise be ignored silently (and a window would open, say).
  const unknown = argv.filter((arg) => !FLAGS.includes(arg) && !VALUED.some((prefix) => arg.startsWith(prefix)));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')}: npm start -- [--firefox] [--headless] [--theme=light|dark] [--screenshot=<file>] [--no-build]`);
  const value = (prefix: string) => argv.findLast((arg) => arg.startsWith(prefix))?.slice(prefix.length);
  const theme = value('--theme=') ?? 'light';
  if (theme !== 'light' && theme !== 'dark') throw new Error(`--theme must be light or dark, not ${theme}`);
  const screenshot = value('--screenshot=');
  if (screenshot === '') throw new Error('--screenshot needs a file name: --screenshot=<file>.png');
  const browser: DemoBrowser = argv.includes('--firefox') ? 'firefox' : 'chromium';
  return {
    browser,
    headless: argv.includes('--headless') || !display,
    theme,
    build: !argv.includes('--no-build'),
    screenshot: screenshot ?? defaultScreenshot(browser, theme),
  };
}
