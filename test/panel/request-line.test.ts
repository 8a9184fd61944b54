/**
 * A request's method and URL wrap inside the details pane at every DevTools size: a managed-login
 * authorize URL is one long run without spaces (query string, code_challenge, masked state), and it
 * was cut off at the pane's right edge docked at the bottom (found by hand, 1366×330), unlike an
 * API call's URL, which breaks at its hyphens.
 */
import { describe, expect, it } from 'vitest';
import { openFlow, openStep, viewerSuite } from './support/viewer-harness';
import { SIZES } from './support/layout-fixtures';
import { har, managedLoginSignIn } from '../support/oauth-har';

const suite = viewerSuite();
const capture = har(managedLoginSignIn({ nonce: 'a-nonce-that-makes-the-url-longer-still' }));

describe.each(SIZES)('at $name ($width×$height)', (size) => {
  it('the authorize request\'s URL wraps inside the Request tab, nothing cut off', async () => {
    const page = await suite.openHar('managed-login.har', capture);
    await page.setViewport({ width: size.width, height: size.height });
    await openFlow(page, 'oauth-1');
    const entry = await page.$eval('[data-chain="oauth-1"] [data-step-head]', (el) => Number(el.getAttribute('data-step-head')));
    await openStep(page, entry, 'request');
    const line = await page.$eval('[data-tab-body="request"] [data-request-line]', (el) => ({ text: el.textContent ?? '', scroll: el.scrollWidth, client: el.clientWidth }));
    expect(line.text).toMatch(/^GET https:\/\/auth\.example\.com\/oauth2\/authorize\?/);
    expect(line.scroll, 'the URL runs past the pane').toBeLessThanOrEqual(line.client + 1);
  });
});
