/**
 * The replay editor names where a replay goes before Send, and warns when the (possibly hostile)
 * page pointed the call somewhere that is neither AWS Cognito nor its own origin (issue 7, item 12).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { analyzeHar } from '../../src/core/analyze';
import type { Har } from '../../src/core/har';
import { scenarios } from '../fixtures/scenarios';
import { openFlow, openStep, viewerSuite } from './support/viewer-harness';

const suite = viewerSuite();

async function openEditor(name: string, har: Har): Promise<Page> {
  const flow = analyzeHar(har).flows[0]!;
  const answer = flow.steps.find((s) => s.call.operation === 'RespondToAuthChallenge')!;
  const page = await suite.openHar(name, har);
  await openFlow(page, flow.id);
  await openStep(page, answer.call.entry, 'request');
  await page.click('[data-action="edit-replay"]');
  await page.waitForSelector('[data-replay-target]');
  return page;
}

const note = (page: Page) => page.$eval('[data-replay-target]', (el) => ({
  kind: el.getAttribute('data-replay-target'),
  host: el.querySelector('[data-replay-host]')?.textContent,
  warning: el.querySelector('[data-replay-warning]')?.textContent ?? null,
}));

describe('replay destination', () => {
  const scenario = scenarios.find((s) => s.name === 'sms-otp-wrong-code-key')!;

  it('names the AWS Cognito host and does not warn', async () => {
    const har = structuredClone(scenario.har) as Har;
    for (const entry of har.log.entries) entry.request.url = 'https://cognito-idp.eu-central-1.amazonaws.com/';
    const page = await openEditor('aws.har', har);
    expect(await note(page)).toEqual({ kind: 'aws-cognito', host: 'cognito-idp.eu-central-1.amazonaws.com', warning: null });
  });

  it('warns, before anything is sent, when the page chose a host that is neither Cognito nor its own origin', async () => {
    const har = structuredClone(scenario.har) as Har;
    for (const entry of har.log.entries) {
      entry.request.url = `${suite.viewer.origin}/cognito`;
      // The scenario's capture already says its page is https://app.example.com.
      expect(entry.request.headers.find((h) => h.name === 'Origin')?.value).toBe('https://app.example.com');
    }
    const page = await openEditor('elsewhere.har', har);
    const shown = await note(page);
    expect(shown.kind).toBe('other');
    expect(shown.host).toBe(new URL(suite.viewer.origin).host);
    expect(shown.warning).toMatch(/neither an AWS Cognito endpoint nor the page's own origin \(https:\/\/app\.example\.com\)/);
    expect(suite.viewer.replays).toHaveLength(0);
  });

  it("does not warn when the call went to the page's own origin", async () => {
    const har = structuredClone(scenario.har) as Har;
    for (const entry of har.log.entries) {
      entry.request.url = `${suite.viewer.origin}/cognito`;
      entry.request.headers = entry.request.headers.filter((h) => h.name !== 'Origin' && h.name !== 'Referer');
      entry.request.headers.push({ name: 'Origin', value: suite.viewer.origin });
    }
    const page = await openEditor('same-origin.har', har);
    expect(await note(page)).toMatchObject({ kind: 'page-origin', warning: null });
  });

  it('names every other host a re-run would send to, with its warning (the page chose each URL)', async () => {
    const har = structuredClone(scenario.har) as Har;
    const [first, ...rest] = har.log.entries;
    first!.request.url = 'https://collector.example.net/cognito';
    for (const entry of rest) entry.request.url = 'https://cognito-idp.eu-west-1.amazonaws.com/';
    const page = await openEditor('mixed.har', har);
    const notes = await page.$$eval('[data-replay-target]', (els) => els.map((el) => [el.getAttribute('data-replay-target'), el.querySelector('[data-replay-host]')?.textContent]));
    expect(notes).toEqual([['aws-cognito', 'cognito-idp.eu-west-1.amazonaws.com'], ['other', 'collector.example.net']]);
  });
});
