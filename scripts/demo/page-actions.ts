/**
 * Drives the demo page (src/demo) the way a person would: click a button, answer the challenge
 * form with its prefilled answer, wait for the status line. Shared by the headless demo and the
 * e2e tests; each action throws with the page's own words when the sign-in fails.
 */
import type { Page } from 'puppeteer-core';

export type DemoAction = 'plain' | 'srp' | 'new-password' | 'totp' | 'refresh-tokens' | 'aws-credentials' | 'broken-identity' | 'sign-out' | 'identity-js' | 'broken' | 'iframe' | 'service-worker';

/** The demo page's button for each action (element ids in src/demo/index.html); its status line is `#status-<action>`. */
export const DEMO_BUTTONS: Readonly<Record<DemoAction, string>> = {
  plain: 'sign-in-plain',
  srp: 'sign-in-srp',
  'new-password': 'sign-in-new-password',
  totp: 'sign-in-totp',
  'refresh-tokens': 'refresh-tokens',
  'aws-credentials': 'aws-credentials',
  'broken-identity': 'broken-identity',
  'sign-out': 'sign-out',
  'identity-js': 'sign-in-identity-js',
  broken: 'broken-call',
  iframe: 'sign-in-iframe',
  'service-worker': 'sign-in-service-worker',
};

/** Opens the demo app and waits until it has read /config.json. */
export async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"], body[data-ready="error"]');
  const ready = await page.$eval('body', (body) => body.dataset.ready);
  if (ready !== 'true') throw new Error(`demo app failed to start: ${await page.$eval('#endpoint', (e) => e.textContent)}`);
}

async function settled(page: Page, status: string): Promise<string> {
  const handle = await page.waitForSelector(`${status}:is([data-state="ok"], [data-state="error"], [data-state="challenge"])`);
  const [state, text] = (await handle?.evaluate((e) => [e.getAttribute('data-state'), e.textContent ?? ''])) ?? ['', ''];
  if (state === 'error') throw new Error(`demo ${status}: ${text}`);
  return text ?? '';
}

/**
 * Runs one demo action to its end and returns the final status text. Challenges are answered
 * with the form's prefilled answer (the new password, the current TOTP code).
 */
export async function runDemoAction(page: Page, action: DemoAction): Promise<string> {
  const status = `#status-${action}`;
  await page.click(`#${DEMO_BUTTONS[action]}`);
  for (;;) {
    const text = await settled(page, status);
    const state = await page.$eval(status, (e) => e.getAttribute('data-state'));
    if (state === 'ok') return text;
    // A challenge: submit the form, then wait for the status to leave "challenge".
    await page.waitForSelector('#challenge:not([hidden])');
    await page.click('#challenge-submit');
    await page.waitForSelector(`${status}:not([data-state="challenge"])`);
  }
}
