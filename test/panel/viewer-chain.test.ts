/**
 * The viewer shows what the analysis found, with the DOM hooks tests and users rely on: flows,
 * chain, handoffs, diagnostics on their card, missing keys as red rows, tokens, unreadable bodies.
 */
import { describe, expect, it } from 'vitest';
import { analyzeEntries, analyzeHar } from '../../src/core/analyze';
import { headerValue, type Har } from '../../src/core/har';
import { scenarioHar } from './support/scenario-har';
import { openFlow, openStep, realHar, texts, viewerSuite } from './support/viewer-harness';

const suite = viewerSuite();

describe('flows list and chain (real capture)', () => {
  it('lists one row per flow and shows each chain with its steps in order', async () => {
    const har = await realHar('mixed-interleaved.har') as Har;
    // The panel keeps only requests with X-Amz-Target (the rest are counted), so its entry numbers are theirs.
    const kept = har.log.entries.filter((entry) => headerValue(entry.request.headers, 'X-Amz-Target') !== undefined);
    expect(kept.length).toBeLessThan(har.log.entries.length);
    const analysis = analyzeEntries(kept);
    const page = await suite.openHar('mixed-interleaved.har', har);
    const rows = await page.$$eval('[data-flow]', (els) => els.map((el) => ({ id: el.getAttribute('data-flow'), outcome: el.getAttribute('data-outcome'), text: el.textContent })));
    expect(rows.map((r) => r.id)).toEqual(analysis.flows.map((f) => f.id));
    for (const [i, flow] of analysis.flows.entries()) {
      expect(rows[i]!.outcome).toBe(flow.outcome);
      expect(rows[i]!.text).toContain(flow.user ?? '');
      await openFlow(page, flow.id);
      const steps = await page.$$eval(`[data-chain="${flow.id}"] [data-step]`, (els) => els.map((el) => ({
        entry: Number(el.getAttribute('data-step')),
        operation: el.getAttribute('data-operation'),
        challengeIn: el.getAttribute('data-challenge-in'),
        challengeOut: el.getAttribute('data-challenge-out'),
        handoff: el.getAttribute('data-handoff'),
      })));
      expect(steps).toEqual(flow.steps.map((s) => ({
        entry: s.call.entry, operation: s.call.operation, challengeIn: s.challengeIn ?? '', challengeOut: s.challengeOut ?? '', handoff: s.handoff,
      })));
    }
    expect(await page.$eval('[data-count="calls"]', (el) => el.textContent)).toBe(`${analysis.calls.length} Cognito calls`);
    expect(await page.$eval('[data-count="other-requests"]', (el) => el.textContent)).toContain(`${har.log.entries.length - kept.length} other requests not kept`);
  });
});

describe('handoffs', () => {
  it('draws a reused Session as reused, with its fingerprint and the diagnostic on that card', async () => {
    const page = await suite.openHar('reused.har', scenarioHar('session-reused-double-submit'));
    await openFlow(page, 'flow-1');
    expect(await page.$eval('[data-step="2"]', (el) => el.getAttribute('data-handoff'))).toBe('reused');
    const links = await page.$$eval('[data-link]', (els) => els.map((el) => [el.getAttribute('data-link'), el.textContent ?? '']));
    expect(links.map(([kind]) => kind)).toEqual(['ok', 'reused']);
    expect(links[1]![1]).toMatch(/#[0-9a-f]{8}/);
    expect(await page.$$eval('[data-step="2"] [data-diagnostic]', (els) => els.map((el) => el.getAttribute('data-diagnostic')))).toContain('session-reused');
  });

  it('draws an expired Session as expired with its age', async () => {
    const page = await suite.openHar('expired.har', scenarioHar('session-expired'));
    await openFlow(page, 'flow-1');
    const link = await page.$eval('[data-link]', (el) => [el.getAttribute('data-link'), el.textContent]);
    expect(link[0]).toBe('expired');
    expect(link[1]).toMatch(/age \d+ min/);
    expect(await page.$('[data-step="1"] [data-diagnostic="session-expired"]')).not.toBeNull();
  });

  it('draws a missing and a mismatched Session', async () => {
    const missing = await suite.openHar('missing.har', scenarioHar('session-missing'));
    await openFlow(missing, 'flow-1');
    expect(await texts(missing, '[data-link]')).toEqual([expect.stringContaining('missing')]);
    const unknown = await suite.openHar('unknown.har', scenarioHar('session-unknown'));
    const kinds = await unknown.$$eval('[data-flow]', (els) => els.map((el) => el.getAttribute('data-flow')));
    let mismatch = false;
    for (const id of kinds) {
      await openFlow(unknown, id!);
      mismatch ||= (await unknown.$('[data-link="mismatch"]')) !== null;
    }
    expect(mismatch).toBe(true);
  });
});

describe('Request tab', () => {
  for (const [name, key, why] of [
    ['missing-secret-hash', 'SECRET_HASH', /app client has a secret/],
    ['missing-device-key', 'DEVICE_KEY', /remembered device/],
    ['new-password-missing-required-attribute', 'userAttributes.email', /requiredAttributes/],
  ] as const) {
    it(`shows ${key} as a red "missing" row with why it is needed (${name})`, async () => {
      const page = await suite.openHar(`${name}.har`, scenarioHar(name));
      await openFlow(page, 'flow-1');
      await openStep(page, 1, 'request');
      const row = await page.$eval(`tr[data-key="${key}"]`, (el) => ({
        state: el.getAttribute('data-key-state'), text: el.textContent, background: getComputedStyle(el).backgroundColor,
        plain: getComputedStyle(el.closest('table')!.querySelector('tr[data-key-state="present"]')!).backgroundColor,
      }));
      expect(row.state).toBe('missing');
      expect(row.text).toContain('missing');
      expect(row.text).toMatch(why);
      expect(row.background).not.toBe(row.plain);
      expect(await page.$('[data-step="1"] [data-diagnostic="missing-challenge-response"]')).not.toBeNull();
    });
  }
});

describe('Response and Tokens tabs', () => {
  it('shows the ID and access tokens side by side with the right user', async () => {
    const har = await realHar('user-password-auth.har');
    const flow = analyzeHar(har).flows[0]!;
    const page = await suite.openHar('upa.har', har);
    await openFlow(page, flow.id);
    await openStep(page, flow.steps.at(-1)!.call.entry, 'tokens');
    const cards = await page.$$eval('[data-token]', (els) => els.map((el) => ({
      kind: el.getAttribute('data-token'), user: el.querySelector('[data-claim="user"] td')?.textContent ?? null, top: el.getBoundingClientRect().top,
      left: el.getBoundingClientRect().left,
    })));
    const id = cards.find((c) => c.kind === 'id')!;
    const access = cards.find((c) => c.kind === 'access')!;
    expect(id.user).toBe(flow.user);
    expect(access.user).toBe(flow.user);
    expect(id.top).toBe(access.top);
    expect(access.left).toBeGreaterThan(id.left);
    expect(await page.$eval('[data-token="refresh"]', (el) => el.textContent)).toMatch(/refresh token/i);
  });

  it('decodes JSON inside ChallengeParameters and explains the error', async () => {
    const har = await realHar('broken-missing-new-password.har');
    const flow = analyzeHar(har).flows[0]!;
    const page = await suite.openHar('broken-new-password.har', har);
    await openFlow(page, flow.id);
    await openStep(page, flow.steps[0]!.call.entry, 'response');
    const decoded = await page.$eval('[data-key="requiredAttributes"] pre, [data-key="userAttributes"] pre', (el) => el.textContent);
    expect(decoded).toMatch(/^[[{]/);
    const failing = flow.steps.find((s) => s.call.error)!;
    await openStep(page, failing.call.entry, 'response');
    expect(await page.$eval('[data-error]', (el) => el.textContent)).toContain(failing.call.error!.type);
  });

  it('flags a body that could not be read and says why', async () => {
    const page = await suite.openHar('not-captured.har', scenarioHar('bodies-not-captured'));
    const ids = await page.$$eval('[data-flow]', (els) => els.map((el) => el.getAttribute('data-flow')!));
    const flags: string[] = [];
    for (const id of ids) {
      await openFlow(page, id);
      flags.push(...(await texts(page, `[data-chain="${id}"] [data-flag="unreadable-body"]`)));
    }
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.join('\n')).toMatch(/not keep|no request body|no response/);
  });

  it('shows a non-JSON body with its reason, a malformed token with its reason, an unknown challenge', async () => {
    const unparseable = await suite.openHar('unparseable.har', scenarioHar('unparseable-bodies'));
    await openFlow(unparseable, 'flow-1');
    await openStep(unparseable, 0, 'request');
    expect(await unparseable.$eval('[data-body-state="unparseable"]', (el) => el.textContent)).toMatch(/not JSON/);

    const malformed = await suite.openHar('malformed.har', scenarioHar('malformed-id-token'));
    await openFlow(malformed, 'flow-1');
    await openStep(malformed, 0, 'tokens');
    expect(await malformed.$eval('[data-token="id"]', (el) => el.getAttribute('data-token-kind'))).toBe('malformed');
    expect(await malformed.$eval('[data-token="id"] [data-token-problem]', (el) => el.textContent)).toMatch(/Cannot be decoded: .+/);

    const unknown = await suite.openHar('unknown-challenge.har', scenarioHar('unknown-challenge'));
    await openFlow(unknown, 'flow-1');
    expect(await unknown.$eval('[data-step="0"]', (el) => el.getAttribute('data-challenge-out'))).toBe('QR_CODE_MFA');
    expect(await unknown.$eval('[data-diagnostic="unknown-challenge"]', (el) => el.textContent)).toMatch(/does not know: QR_CODE_MFA/);
  });

  it('lists calls outside any flow under "Other calls"', async () => {
    // GetUser calls whose access token comes from a sign-in before the capture: no flow to join.
    const har = structuredClone(scenarioHar('token-expired-get-user')) as Har;
    har.log.entries = har.log.entries.filter((entry) => !(headerValue(entry.request.headers, 'X-Amz-Target') ?? '').endsWith('.InitiateAuth'));
    const page = await suite.openHar('get-user.har', har, { waitFor: '[data-other-calls]' });
    await page.click('[data-other-calls]');
    await page.waitForSelector('[data-chain="other-calls"]');
    expect(await page.$$eval('[data-chain="other-calls"] [data-step]', (els) => els.map((el) => el.getAttribute('data-operation')))).toEqual(['GetUser', 'GetUser']);
    expect(await page.$('[data-chain="other-calls"] [data-diagnostic="token-expired"]')).not.toBeNull();
  });
});
