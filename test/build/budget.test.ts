/** The panel stays small: all the JavaScript its page loads, gzipped, within the budget. */
import { describe, expect, it } from 'vitest';
import { pageScripts } from '../../scripts/build/page-scripts';
import { DIST_CHROME, PANEL_HTML, PANEL_JS_BUDGET_GZIP } from '../../scripts/build/paths';
import { kb, sizeOf } from '../../scripts/build/sizes';
import { requireBuild } from './dist';

describe('panel JavaScript budget', () => {
  it(`is at most ${kb(PANEL_JS_BUDGET_GZIP)} gzipped`, () => {
    requireBuild(DIST_CHROME);
    const scripts = pageScripts(DIST_CHROME, PANEL_HTML);
    expect(scripts.length).toBeGreaterThan(0);
    const size = sizeOf(DIST_CHROME, scripts);
    expect(size.gzip, `${scripts.join(', ')}: ${kb(size.gzip)} gzipped`).toBeLessThanOrEqual(PANEL_JS_BUDGET_GZIP);
  });
});
