/**
 * axe-core inside the panel (the HAR viewer runs the same UI), in both themes: the empty state, a
 * broken flow with each details tab, and the replay editor. Any critical or serious violation
 * fails (issue 8: a separator without a value, contrast on the selected card, small targets,
 * tabs without panels, 27 buttons all named "copy").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { viewerSuite } from './support/viewer-harness';
import { seriousViolations } from './support/axe';
import { THEMES, demoFlows, demoHar } from './support/layout-fixtures';

const suite = viewerSuite();

beforeAll(async () => {
  await suite.viewer.addHar('demo.har', await demoHar());
});

describe.each(THEMES)('%s theme', (theme) => {
  it('the empty state has no serious violation', async () => {
    const page = await suite.open(`theme=${theme}`);
    await page.waitForSelector('[data-empty]');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a broken flow, each details tab and the replay editor have none', async () => {
    const page = await suite.open(`har=/har/demo.har&theme=${theme}`);
    await page.waitForSelector('[data-flow]');
    // The broken sign-in (a missing NEW_PASSWORD), opened on its failing step.
    await page.click(`[data-flow="${(await demoFlows()).broken}"]`);
    await page.waitForSelector('.step-card.selected');
    for (const tab of ['request', 'response', 'tokens', 'raw']) {
      await page.click(`[role="tab"][data-tab="${tab}"]`);
      await page.waitForSelector(`[data-tab-body="${tab}"]`);
      expect(await seriousViolations(page), `${tab} tab`).toEqual([]);
    }
    await page.click('[role="tab"][data-tab="request"]');
    await page.click('[data-action="edit-replay"]');
    await page.waitForSelector('[data-replay-editor]');
    expect(await seriousViolations(page), 'replay editor').toEqual([]);
  });
});
