/**
 * What the user does in the viewer: reveal and copy secrets, filter and move with the keys,
 * Clear and Pause, open a file, edit and replay a step, and the dark theme.
 */
import { describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import { str } from '../../src/core/json';
import type { Har } from '../../src/core/har';
import { scenarios } from '../fixtures/scenarios';
import { openFlow, openStep, realHar, texts, viewerSuite } from './support/viewer-harness';

const suite = viewerSuite();

const copied = (page: Page) => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.slice());
const activeRowIds = (page: Page) => page.$$eval('[data-flow]', (els) => els.map((el) => el.getAttribute('data-flow')));

describe('secrets', () => {
  it('are masked by default; Reveal shows one value; Copy copies the value itself, announced as a secret', async () => {
    const har = await realHar('user-password-auth.har');
    const flow = analyzeHar(har).flows[0]!;
    const password = str(flow.steps[0]!.call.request.state === 'json' ? flow.steps[0]!.call.request.value.AuthParameters : undefined, 'PASSWORD')!;
    const page = await suite.openHar('secrets.har', har);
    await openFlow(page, flow.id);
    await openStep(page, flow.steps[0]!.call.entry, 'request');
    const cell = (await page.$('tr[data-key="PASSWORD"] .value'))!;
    const shown = () => cell.$eval('.value-text', (el) => el.textContent);
    expect(await shown()).toBe(`••••••• (${password.length} chars)`);
    expect(await page.evaluate((secret) => document.body.textContent!.includes(secret), password)).toBe(false);

    // Copy is the explicit act on this one value: the real value, without a reveal, and said so (issue 8).
    await (await cell.$('.copy'))!.click();
    await page.waitForFunction(() => document.querySelector('[data-live-region]')?.textContent === 'copied (secret)');
    expect(await shown()).toBe(`••••••• (${password.length} chars)`);
    expect(await cell.$eval('.copy', (el) => el.getAttribute('aria-label'))).toBe('Copy PASSWORD');
    await cell.$('.reveal').then((b) => b!.click());
    expect(await shown()).toBe(password);
    await (await cell.$('.copy'))!.click();
    expect(await copied(page)).toEqual([password, password]);
    // Only the value clicked was revealed: the Raw tab still masks the password.
    await page.click('[data-tab="raw"]');
    const raw = await texts(page, '[data-raw-body="Request body"]');
    expect(raw.join('')).not.toContain(password);
  });
});

describe('filter and keyboard', () => {
  it('filters by user and error text, moves with Up/Down and opens with Enter', async () => {
    const scenario = scenarios.find((s) => s.name === 'two-users-interleaved')!;
    const analysis = analyzeHar(scenario.har);
    const page = await suite.openHar('two-users.har', scenario.har);
    expect(await activeRowIds(page)).toEqual(analysis.flows.map((f) => f.id));
    const target = analysis.flows[1]!;
    await page.type('input.filter', target.user!);
    await page.waitForFunction((n) => document.querySelectorAll('[data-flow]').length === n, {}, analysis.flows.filter((f) => f.user === target.user).length);
    expect((await texts(page, '[data-flow] .flow-user')).every((user) => user === target.user)).toBe(true);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-chain]');
    const opened = await page.$eval('[data-chain]', (el) => el.getAttribute('data-chain'));
    expect(analysis.flows.find((f) => f.id === opened)?.user).toBe(target.user);

    // Clear the filter: Up/Down walk all rows, Enter opens the one under the cursor.
    await page.$eval('input.filter', (el) => { (el as HTMLInputElement).select(); });
    await page.keyboard.press('Backspace');
    await page.waitForFunction((n) => document.querySelectorAll('[data-flow]').length === n, {}, analysis.flows.length);
    await page.focus('.flow-rows');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-chain="${analysis.flows[0]!.id}"]`);
    expect(await page.$eval('[data-flow].selected', (el) => el.getAttribute('data-flow'))).toBe(analysis.flows[0]!.id);

    await page.$eval('input.filter', (el) => { (el as HTMLInputElement).select(); });
    await page.type('input.filter', 'no-such-thing-anywhere');
    await page.waitForSelector('.no-match');
  });

  it('finds a flow by its error text', async () => {
    const scenario = scenarios.find((s) => s.name === 'missing-secret-hash')!;
    const page = await suite.openHar('filter-error.har', scenario.har);
    await page.type('input.filter', 'configured for secret');
    expect(await activeRowIds(page)).toEqual(['flow-1']);
  });
});

describe('toolbar', () => {
  it('Clear empties the capture; Pause drops what arrives meanwhile; a file opened later replaces the capture', async () => {
    const page = await suite.openHar('toolbar.har', scenarios.find((s) => s.name === 'select-mfa-type')!.har);
    await page.click('[data-action="clear"]');
    await page.waitForSelector('[data-empty]');
    expect(await page.$eval('[data-count="calls"]', (el) => el.textContent)).toBe('0 Cognito calls');

    const path = await suite.viewer.addHar('picked.har', scenarios.find((s) => s.name === 'session-expired')!.har);
    await page.click('[data-action="pause"]');
    const picker = (await page.$('#har-file')) as ElementHandle<HTMLInputElement>;
    await picker.uploadFile(path);
    await page.waitForSelector('[data-count="dropped"]');
    expect(await page.$eval('[data-count="dropped"]', (el) => el.textContent)).toContain('2 dropped while paused');
    expect(await page.$('[data-flow]')).toBeNull();
    expect(await page.$eval('[data-empty]', (el) => el.textContent)).toMatch(/paused/i);

    await page.click('[data-action="pause"]');
    await picker.uploadFile(path);
    await page.waitForSelector('[data-flow="flow-1"]');
    expect(await page.$eval('#har-name', (el) => el.textContent)).toBe('picked.har');
    expect(await page.$eval('[data-count="calls"]', (el) => el.textContent)).toBe('2 Cognito calls');
  });

  it('shows the complete entries of a HAR that was cut off, and says what was lost', async () => {
    const text = JSON.stringify(await realHar('mixed-interleaved.har'), null, 2);
    const page = await suite.openHar('cut.har', text.slice(0, Math.floor(text.length * 0.6)));
    expect(await page.$eval('#load-error', (el) => el.textContent)).toMatch(/^cut\.har: the file is cut off: read \d+ complete entries/);
    expect((await page.$$('[data-flow]')).length).toBeGreaterThan(0);
  });

  it('says what to do when nothing is loaded, and reports a file that is not a HAR', async () => {
    const page = await suite.open();
    expect(await page.$eval('[data-empty]', (el) => el.textContent)).toMatch(/HAR file/);
    const path = await suite.viewer.addHar('not-a-har.json', { hello: 'world' });
    const picker = (await page.$('#har-file')) as ElementHandle<HTMLInputElement>;
    await picker.uploadFile(path);
    await page.waitForFunction(() => document.getElementById('load-error')!.textContent !== '');
    expect(await page.$eval('#load-error', (el) => el.textContent)).toMatch(/not a HAR file/);
  });
});

describe('edit and replay', () => {
  it('sends the edited body only on Send and shows the result in the chain as a replay', async () => {
    const scenario = scenarios.find((s) => s.name === 'sms-otp-wrong-code-key')!;
    // Point the capture at the local stand-in endpoint.
    const har = structuredClone(scenario.har) as Har;
    for (const entry of har.log.entries) entry.request.url = `${suite.viewer.origin}/cognito`;
    const analysis = analyzeHar(har);
    const flow = analysis.flows[0]!;
    const answer = flow.steps.find((s) => s.call.operation === 'RespondToAuthChallenge')!;
    const page = await suite.openHar('replay.har', har);
    await openFlow(page, flow.id);
    await openStep(page, answer.call.entry, 'request');
    await page.click('[data-action="edit-replay"]');
    // The editor is loaded on first use.
    await page.waitForSelector('textarea.replay-text');
    const draft = await page.$eval('textarea.replay-text', (el) => (el as HTMLTextAreaElement).value);
    expect(JSON.parse(draft)).toMatchObject({ ChallengeName: answer.challengeIn });
    expect(suite.viewer.replays).toHaveLength(0);

    await page.$eval('textarea.replay-text', (el) => { (el as HTMLTextAreaElement).value = ''; });
    await page.type('textarea.replay-text', 'not json');
    await page.click('[data-action="send-replay"]');
    expect(await page.$eval('[data-replay-status]', (el) => el.textContent)).toMatch(/not JSON/);
    expect(suite.viewer.replays).toHaveLength(0);

    const edited = JSON.parse(draft) as { ChallengeResponses: Record<string, string> };
    edited.ChallengeResponses.EXTRA_KEY = 'edited';
    await page.$eval('textarea.replay-text', (el, text) => {
      const area = el as HTMLTextAreaElement;
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, JSON.stringify(edited));
    // The live region records what it said: "Sending…", then "Sent…" (a screen reader hears both).
    await page.evaluate(() => {
      const said: string[] = [];
      (window as unknown as { __said: string[] }).__said = said;
      new MutationObserver(() => said.push(document.querySelector('[data-live-region]')!.textContent ?? ''))
        .observe(document.querySelector('[data-live-region]')!, { subtree: true, childList: true, characterData: true });
    });
    await page.click('[data-action="send-replay"]');
    await page.waitForSelector('[data-step][data-replay="true"]');
    await page.waitForFunction(() => (window as unknown as { __said: string[] }).__said.some((s) => s.startsWith('Sent')));
    const said = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
    expect(said).toContain('Sending…');
    expect(suite.viewer.replays).toHaveLength(1);
    expect(suite.viewer.replays[0]!.target).toBe('AWSCognitoIdentityProviderService.RespondToAuthChallenge');
    expect(JSON.parse(suite.viewer.replays[0]!.body)).toMatchObject({ ChallengeResponses: { EXTRA_KEY: 'edited' } });
    const replayCard = await page.$eval('[data-step][data-replay="true"]', (el) => ({
      operation: el.getAttribute('data-operation'), text: el.textContent, chain: el.closest('[data-chain]')?.getAttribute('data-chain'),
    }));
    expect(replayCard).toMatchObject({ operation: 'RespondToAuthChallenge', chain: flow.id });
    expect(replayCard.text).toContain('CodeMismatchException');
  });

  it('refuses to replay a signed Admin call, saying why', async () => {
    const scenario = scenarios.find((s) => s.name === 'admin-sign-ins')!;
    const analysis = analyzeHar(scenario.har);
    const flow = analysis.flows.find((f) => f.steps[0]!.call.operation.startsWith('Admin'))!;
    const page = await suite.openHar('admin.har', scenario.har);
    await openFlow(page, flow.id);
    await openStep(page, flow.steps[0]!.call.entry, 'request');
    expect(await page.$eval('[data-replay-refused]', (el) => el.textContent)).toMatch(/SigV4/);
  });
});

describe('theme', () => {
  it('?theme=dark sets the theme attribute and a dark background; light differs', async () => {
    const har = scenarios.find((s) => s.name === 'select-mfa-type')!.har;
    const dark = await suite.openHar('dark.har', har, { query: '&theme=dark' });
    const light = await suite.openHar('light.har', har, { query: '&theme=light' });
    const look = (page: Page) => page.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      background: getComputedStyle(document.querySelector('.panel')!).backgroundColor,
    }));
    const [d, l] = [await look(dark), await look(light)];
    expect(d.theme).toBe('dark');
    expect(l.theme).toBe('light');
    expect(d.background).not.toBe(l.background);
    expect(d.background).toBe('rgb(32, 33, 36)');
  });
});

describe('layout', () => {
  it('the bars between the list, the chain and the details resize them by drag and by keyboard', async () => {
    const har = await realHar('new-password-required.har');
    const flow = analyzeHar(har).flows[0]!;
    const page = await suite.openHar('layout.har', har);
    await openFlow(page, flow.id);
    await openStep(page, flow.steps[0]!.call.entry, 'request');
    const size = (selector: string, dim: 'width' | 'height') => page.$eval(selector, (el, d) => el.getBoundingClientRect()[d as 'width' | 'height'], dim);
    const bar = async (orientation: string) => (await page.$(`[data-split="${orientation}"]`))!.boundingBox();

    const chainBefore = await size('.chain-pane', 'height');
    const drag = async (orientation: string, dx: number, dy: number) => {
      const box = (await bar(orientation))!;
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + dx, y + dy, { steps: 5 });
      await page.mouse.up();
    };
    await drag('horizontal', 0, 100);
    expect(Math.round(await size('.chain-pane', 'height') - chainBefore)).toBe(100);
    await page.focus('[data-split="horizontal"]');
    await page.keyboard.press('ArrowUp');
    expect(Math.round(await size('.chain-pane', 'height') - chainBefore)).toBe(80);

    const listBefore = await size('.flows', 'width');
    await drag('vertical', 60, 0);
    expect(Math.round(await size('.flows', 'width') - listBefore)).toBe(60);
  });
});
