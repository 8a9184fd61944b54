/** `npm start`'s command line: which browser, headless or not, and where the screenshot goes. */
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../scripts/demo/options';

describe('npm start options', () => {
  it('defaults to a Chromium window when there is a display, headless when there is none', () => {
    expect(parseOptions([], true)).toEqual({ browser: 'chromium', headless: false, theme: 'light', build: true, screenshot: 'cognito-flow-demo.png' });
    expect(parseOptions([], false).headless).toBe(true);
  });

  it('--firefox picks Firefox, with a screenshot name of its own per theme', () => {
    expect(parseOptions(['--firefox', '--headless'], true)).toEqual({ browser: 'firefox', headless: true, theme: 'light', build: true, screenshot: 'cognito-flow-demo-firefox.png' });
    expect(parseOptions(['--firefox', '--theme=dark'], false).screenshot).toBe('cognito-flow-demo-firefox-dark.png');
    expect(parseOptions(['--theme=dark'], false).screenshot).toBe('cognito-flow-demo-dark.png');
  });

  it('--screenshot and --no-build are taken as given', () => {
    const options = parseOptions(['--firefox', '--no-build', '--screenshot=docs/screenshots/panel-firefox.png'], false);
    expect(options).toMatchObject({ build: false, screenshot: 'docs/screenshots/panel-firefox.png' });
  });

  it('refuses a theme it does not know, an empty --screenshot and a mistyped flag', () => {
    expect(() => parseOptions(['--theme=blue'], false)).toThrow('--theme must be light or dark');
    expect(() => parseOptions(['--screenshot='], false)).toThrow('--screenshot needs a file name');
    expect(() => parseOptions(['--firefx'], false)).toThrow('unknown option --firefx');
  });
});
