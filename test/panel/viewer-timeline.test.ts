/**
 * The sign-in's timeline in the panel (issue 11, "each sign-in shows a compact timeline"), in the
 * viewer over real captures: the events and offsets the CLI prints, above the chain, for a
 * signed-in flow with a story only; credentials shown by their masked key id, never a secret.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { openFlow, realHar, viewerSuite } from './support/viewer-harness';
import type { Har } from '../../src/core/har';

const suite = viewerSuite();

async function timeline(page: Page, flow: string): Promise<{ kind: string | null; at: string; label: string; tone: string }[]> {
  return page.$$eval(`[data-timeline="${flow}"] [data-event]`, (items) => items.map((item) => ({
    kind: item.getAttribute('data-event'),
    at: item.querySelector('.timeline-at')?.textContent ?? '',
    label: item.querySelector('.timeline-label')?.textContent ?? '',
    tone: ['error', 'warning', 'muted'].find((t) => item.classList.contains(t)) ?? '',
  })));
}

describe('the sign-in timeline above the chain', () => {
  it('shows tokens, AWS credentials and their expiries, and the capture end, as offsets from the sign-in', async () => {
    const har = await realHar('identity-credentials.har') as Har;
    const page = await suite.openHar('identity-credentials.har', har);
    await openFlow(page, 'flow-1');
    await page.waitForSelector('[data-timeline="flow-1"]');
    const events = await timeline(page, 'flow-1');
    expect(events.map((e) => [e.kind, e.at])).toEqual([
      ['tokens', '+0 s'], ['credentials', '+0 s'], ['capture-end', '+0 s'], ['credentials-expire', '+60 min'], ['tokens-expire', '+1440 min'],
    ]);
    expect(events[1]?.label).toMatch(/^AWS credentials \(ASIA…\w{4}\)$/);
    // Both expiries come after the capture ends: dates, not warnings.
    expect(events.map((e) => e.tone)).toEqual(['muted', 'muted', 'muted', 'muted', 'muted']);
    // It sits above the chain, in the same pane.
    expect(await page.$eval('[data-timeline="flow-1"]', (el) => {
      const chain = document.querySelector('[data-chain="flow-1"]');
      return chain !== null && (el.compareDocumentPosition(chain) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    })).toBe(true);
    const text = await page.$eval('[data-timeline="flow-1"]', (el) => el.textContent ?? '');
    const credentials = (JSON.parse(har.log.entries[2]!.response.content.text!) as { Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string } }).Credentials;
    for (const secret of [credentials.AccessKeyId, credentials.SecretKey, credentials.SessionToken.slice(0, 40)]) expect(text).not.toContain(secret);
  });

  it('shows a refresh on the sign-in it refreshed, with the refreshed tokens\' expiry; the refresh flow has no timeline of its own', async () => {
    const page = await suite.openHar('refresh-token.har', await realHar('refresh-token.har') as Har);
    await openFlow(page, 'flow-1');
    await page.waitForSelector('[data-timeline="flow-1"]');
    expect((await timeline(page, 'flow-1')).map((e) => [e.kind, e.label])).toEqual([
      ['tokens', 'tokens issued'], ['refresh', 'refreshed (flow-2)'], ['capture-end', 'capture ends'], ['tokens-expire', 'tokens of #0 expire'], ['tokens-expire', 'tokens of #1 expire'],
    ]);
    await openFlow(page, 'flow-2');
    expect(await page.$('[data-timeline]')).toBeNull();
  });

  it('shows no timeline for a sign-in with nothing after it', async () => {
    const page = await suite.openHar('user-password-auth.har', await realHar('user-password-auth.har') as Har);
    await openFlow(page, 'flow-1');
    expect(await page.$('[data-chain="flow-1"]')).not.toBeNull();
    expect(await page.$('[data-timeline]')).toBeNull();
  });

  it('marks an expiry the capture lived through, and keeps credentials whose Expiration is not a number (no expiry event, no crash)', async () => {
    const har = structuredClone(await realHar('identity-credentials.har') as Har);
    const answer = har.log.entries[2]!.response.content;
    const body = JSON.parse(answer.text!) as { Credentials: Record<string, unknown> };
    body.Credentials.Expiration = 'in an hour';
    answer.text = JSON.stringify(body);
    // The capture goes on two days after the sign-in: the tokens expired while it ran.
    const last = har.log.entries.at(-1)!;
    har.log.entries.push({ ...structuredClone(last), startedDateTime: new Date(Date.parse(last.startedDateTime) + 2 * 86_400_000).toISOString() });
    const page = await suite.openHar('identity-bad-expiration.har', har);
    await openFlow(page, 'flow-1');
    await page.waitForSelector('[data-timeline="flow-1"]');
    const events = await timeline(page, 'flow-1');
    expect(events.map((e) => e.kind)).not.toContain('credentials-expire');
    expect(events.find((e) => e.kind === 'credentials')).toBeDefined();
    const expired = events.find((e) => e.kind === 'tokens-expire');
    expect(expired?.tone).toBe('warning');
    expect(events.at(-1)?.kind).toBe('capture-end');
  });
});
