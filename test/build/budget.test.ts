/**
 * The panel stays small: the JavaScript its page loads at start-up, gzipped, within the budget;
 * the code it loads on demand (the replay editor, on first use) within its own.
 */
import { describe, expect, it } from 'vitest';
import { pageScripts } from '../../scripts/build/page-scripts';
import { DIST_CHROME, PANEL_HTML, PANEL_JS_BUDGET_GZIP, PANEL_LAZY_JS_BUDGET_GZIP } from '../../scripts/build/paths';
import { kb, sizeOf } from '../../scripts/build/sizes';
import { requireBuild } from './dist';

describe('panel JavaScript budget', () => {
  it(`is at most ${kb(PANEL_JS_BUDGET_GZIP)} gzipped`, () => {
    requireBuild(DIST_CHROME);
    const scripts = pageScripts(DIST_CHROME, PANEL_HTML, { startupOnly: true });
    expect(scripts.length).toBeGreaterThan(0);
    const size = sizeOf(DIST_CHROME, scripts);
    expect(size.gzip, `${scripts.join(', ')}: ${kb(size.gzip)} gzipped`).toBeLessThanOrEqual(PANEL_JS_BUDGET_GZIP);
  });

  it(`loads at most ${kb(PANEL_LAZY_JS_BUDGET_GZIP)} gzipped more on demand (the replay editor), and that code is not on the start-up path`, () => {
    requireBuild(DIST_CHROME);
    const startup = pageScripts(DIST_CHROME, PANEL_HTML, { startupOnly: true });
    const lazy = pageScripts(DIST_CHROME, PANEL_HTML).filter((file) => !startup.includes(file));
    expect(lazy.some((file) => file.includes('ReplayEditorBody')), lazy.join(', ')).toBe(true);
    const size = sizeOf(DIST_CHROME, lazy);
    expect(size.gzip, `${lazy.join(', ')}: ${kb(size.gzip)} gzipped`).toBeLessThanOrEqual(PANEL_LAZY_JS_BUDGET_GZIP);
  });
});
