/**
 * Identity-pool credentials in a real Chromium (issue 11, "Real parts"): the demo app signs in with
 * Amplify v6, then gets AWS credentials with `fetchAuthSession()` from the identity-pool service on
 * loopback (which verifies the ID token against cognito-local's JWKS), then sends the ACCESS token
 * in Logins with the AWS SDK's GetId. The panel shows both exchanges in the sign-in's chain, the
 * broken one with its diagnostic, and its Export HAR holds none of the secrets the wire carried.
 */
import type { ElementHandle, HTTPResponse } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectFlow } from '../../scripts/demo/panel-view';
import { exportFromPanel, startLivePanel, type LivePanel } from './support/live-panel';

interface IdentityStepView {
  operation: string | null;
  diagnostics: string[];
}

let live: LivePanel;
/** What went over the wire to and from the identity pool, read from the inspected page's own network events. */
const seen = { secrets: [] as string[], signatures: [] as string[] };

async function recordSecrets(response: HTTPResponse): Promise<void> {
  const target = response.request().headers()['x-amz-target'] ?? '';
  if (!target.startsWith('AWSCognitoIdentityService.')) return;
  const sent = JSON.parse(response.request().postData() ?? '{}') as { Logins?: Record<string, string> };
  for (const token of Object.values(sent.Logins ?? {})) seen.signatures.push(token.split('.')[2] ?? '');
  if (!target.endsWith('GetCredentialsForIdentity') || !response.ok()) return;
  const body = await response.json() as { Credentials?: { SecretKey?: string; SessionToken?: string } };
  seen.secrets.push(body.Credentials?.SecretKey ?? '', body.Credentials?.SessionToken ?? '');
}

beforeAll(async () => {
  // alice signs in before the panel is selected (backfilled from getHAR, as in live-sign-ins): a
  // sign-in sent in the first moment after the panel opens was seen without its response body in
  // some runs ("NoResponse"), and then its tokens cannot link the exchange (reported to the lead).
  live = await startLivePanel({ beforePanel: ['plain'] });
  live.chromium.page.on('response', (response) => void recordSecrets(response).catch(() => undefined));
});

afterAll(async () => {
  await live?.stop();
});

async function identitySteps(): Promise<IdentityStepView[]> {
  return live.panel.$$eval('[data-step][data-service="identity"]', (nodes) => nodes.map((node) => ({
    operation: node.getAttribute('data-operation'),
    diagnostics: [...node.querySelectorAll('[data-diagnostic]')].map((d) => d.getAttribute('data-diagnostic') ?? ''),
  })));
}

describe('identity-pool credentials from the demo app, in the live panel', () => {
  it('shows Amplify\'s GetId and GetCredentialsForIdentity in the sign-in\'s chain', async () => {
    const { username } = live.env.config.users.plain;
    expect(await live.act('aws-credentials')).toMatch(/^Credentials for us-east-1:[0-9a-f-]+, expire \d{4}-/);
    await selectFlow(live.panel, username);
    await live.panel.waitForFunction(() => document.querySelectorAll('[data-step][data-service="identity"]').length >= 2, { timeout: 10_000 });
    const chain = await identitySteps();
    expect(chain.map((s) => s.operation)).toEqual(['GetId', 'GetCredentialsForIdentity']);
    expect(chain.flatMap((s) => s.diagnostics)).not.toContain('logins-not-id-token');
    // The sign-in's timeline above the chain names the credentials and their expiry (an hour on);
    // it needs GetCredentialsForIdentity's body, which the live capture may read after the step shows.
    try {
      await live.panel.waitForSelector('[data-timeline] [data-event="credentials-expire"]', { timeout: 10_000 });
    } catch (error) {
      // Seen once in six runs with both cores saturated: say what the panel showed instead, so the
      // next failure names its cause (a body DevTools did not hand over, or the view).
      const dump = await live.panel.evaluate(() => ({
        rows: [...document.querySelectorAll('[data-flow]')].map((r) => `${r.getAttribute('data-flow')} ${r.getAttribute('data-outcome')} sel=${r.getAttribute('aria-selected')} ${r.textContent}`),
        timeline: document.querySelector('[data-timeline]')?.outerHTML ?? 'NO TIMELINE',
        steps: [...document.querySelectorAll('[data-step]')].map((s) => `${s.getAttribute('data-operation')} ${s.getAttribute('data-service')} ${s.textContent?.slice(0, 200)}`),
      }));
      console.log('the panel at the timeout:', JSON.stringify(dump, null, 1));
      throw error;
    }
    const events = await live.panel.$$eval('[data-timeline] [data-event]', (items) => items.map((item) => [item.getAttribute('data-event'), item.querySelector('.timeline-at')?.textContent ?? '']));
    expect(events).toContainEqual(['credentials-expire', '+60 min']);
    expect(events.map(([kind]) => kind)).toContain('credentials');
  });

  it('puts logins-not-id-token on the GetId that sent the access token, in the same chain', async () => {
    const { username } = live.env.config.users.plain;
    expect(await live.act('broken-identity')).toContain('Missing a required claim: aud');
    await selectFlow(live.panel, username);
    await live.panel.waitForFunction(() => document.querySelectorAll('[data-step][data-service="identity"]').length >= 3, { timeout: 10_000 });
    const chain = await identitySteps();
    expect(chain.map((s) => s.operation)).toEqual(['GetId', 'GetCredentialsForIdentity', 'GetId']);
    expect(chain[2]?.diagnostics).toContain('logins-not-id-token');
  });

  it('exports the capture without SecretKey, SessionToken or any Logins token\'s signature', async () => {
    // Both exchanges went over the wire and were seen: the assertions below are not vacuous.
    expect(seen.secrets.filter((s) => s.length > 20)).toHaveLength(2);
    expect(seen.signatures.filter((s) => s.length > 20).length).toBeGreaterThanOrEqual(3);
    const text = await exportFromPanel(live);
    expect(text).toContain('AWSCognitoIdentityService.GetCredentialsForIdentity');
    for (const secret of [...seen.secrets, ...seen.signatures]) {
      if (secret.length > 20) expect(text).not.toContain(secret);
    }
    // SessionToken is base64: a JSON-escaped "/" in the export must not hide a leak either.
    for (const secret of seen.secrets) if (secret.length > 20) expect(text).not.toContain(secret.slice(0, 40).replaceAll('/', '\\/'));
  });

  // Bug: identity-pool flows were numbered after the sign-in flows, so a sign-in that started while
  // one was selected renamed it, and the panel, which keeps the selected flow by its id, showed
  // another flow (the new sign-in) in its place.
  it('keeps a selected identity-pool flow selected, and named, when a new sign-in arrives', async () => {
    const { endpoint, identityPoolId } = live.env.identityPool;
    // A guest's GetId (no Logins): no token of the capture, so an identity-pool flow of its own,
    // whatever the pool answers (this one allows no guests).
    const guest = await live.chromium.page.evaluate(async (url: string, pool: string) => {
      const response = await fetch(`${url}/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityService.GetId' },
        body: JSON.stringify({ IdentityPoolId: pool }),
      });
      return (await response.text());
    }, endpoint, identityPoolId);
    expect(guest).toContain('Unauthenticated access is not supported for this identity pool.');
    const row = (await live.panel.waitForFunction(() => [...document.querySelectorAll('[data-flow]')].find((r) => (r.textContent ?? '').includes('identity pool')) ?? false, { timeout: 10_000 })) as ElementHandle<Element>;
    const id = await row.evaluate((element) => element.getAttribute('data-flow') ?? '');
    await row.click();
    const shown = () => live.panel.evaluate(() => ({
      selected: document.querySelector('[data-flow][aria-selected="true"]')?.getAttribute('data-flow') ?? null,
      steps: [...document.querySelectorAll('[data-step]')].map((step) => `${step.getAttribute('data-service')} ${step.getAttribute('data-operation')}`),
    }));
    await live.panel.waitForFunction((flow: string) => document.querySelector(`[data-flow="${CSS.escape(flow)}"]`)?.getAttribute('aria-selected') === 'true' && document.querySelector('[data-step]') !== null, { timeout: 10_000 }, id);
    expect(await shown()).toEqual({ selected: id, steps: ['identity GetId'] });

    const rows = await live.panel.$$eval('[data-flow]', (all) => all.length);
    expect(await live.act('plain')).toBeTruthy();
    await live.panel.waitForFunction((n: number) => document.querySelectorAll('[data-flow]').length > n, { timeout: 10_000 }, rows);
    expect(await shown()).toEqual({ selected: id, steps: ['identity GetId'] });
  });
});
