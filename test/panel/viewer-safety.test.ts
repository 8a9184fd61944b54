/**
 * Captured data is rendered as text only. A HAR whose token claims, user name, error message and
 * challenge parameters carry markup and script must show that markup as text: no element is
 * created from it and no script runs (window.__pwned stays unset), on every tab.
 */
import { expect, it } from 'vitest';
import { pageErrors, viewerSuite } from './support/viewer-harness';
import { cognitoEntry, jwt } from '../core/entries';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const SVG = '<svg onload="window.__pwned=3"></svg>';

function hostileHar(): unknown {
  const now = Math.floor(Date.parse('2026-11-23T10:00:00.000Z') / 1000);
  const claims = { sub: 'u-1', 'cognito:username': IMG, name: SCRIPT, email: SVG, 'cognito:groups': [IMG], token_use: 'id', aud: 'client', iat: now, exp: now + 3600, auth_time: now };
  const access = { sub: 'u-1', username: SCRIPT, scope: SVG, client_id: 'client', token_use: 'access', iat: now, exp: now + 3600 };
  return {
    log: {
      entries: [
        cognitoEntry('InitiateAuth',
          { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: SVG, AuthParameters: { USERNAME: IMG, PASSWORD: SCRIPT } },
          { ChallengeName: 'CUSTOM_CHALLENGE', Session: 'S'.repeat(40), ChallengeParameters: { USERNAME: IMG, question: `[${JSON.stringify(SCRIPT)}]` } },
          { at: '2026-11-23T10:00:00.000Z' }),
        cognitoEntry('RespondToAuthChallenge',
          { ChallengeName: 'CUSTOM_CHALLENGE', ClientId: SVG, Session: 'S'.repeat(40), ChallengeResponses: { USERNAME: IMG, ANSWER: SCRIPT } },
          { AuthenticationResult: { IdToken: jwt(claims), AccessToken: jwt(access), TokenType: 'Bearer', ExpiresIn: 3600 } },
          { at: '2026-11-23T10:00:01.000Z' }),
        cognitoEntry('GetUser', { AccessToken: jwt(access) }, { __type: `NotAuthorizedException`, message: IMG + SCRIPT }, { status: 400, at: '2026-11-23T10:00:02.000Z' }),
        cognitoEntry('InitiateAuth', `${SCRIPT}${IMG}`, `<html>${SCRIPT}</html>`, { status: 500, at: '2026-11-23T10:00:03.000Z' }),
      ],
    },
  };
}

// The test checks its one page's errors itself; the page is opened with the harness, outside the suite's list.
const suite = viewerSuite();

it('shows markup from captured data as inert text on every view', async () => {
  await suite.viewer.addHar('hostile.har', hostileHar());
  const page = await suite.viewer.open('har=/har/hostile.har');
  await page.waitForSelector('[data-flow]');
  const visit = async (selector: string) => {
    await page.click(selector);
    await new Promise((resolve) => setTimeout(resolve, 30));
  };
  for (const row of await page.$$eval('[data-flow], [data-other-calls]', (els) => els.map((el) => el.getAttribute('data-flow') ?? 'other'))) {
    await visit(row === 'other' ? '[data-other-calls]' : `[data-flow="${row}"]`);
    for (const step of await page.$$eval('[data-step]', (els) => els.map((el) => el.getAttribute('data-step')))) {
      await visit(`[data-step="${step}"]`);
      for (const tab of ['request', 'response', 'tokens', 'raw']) {
        await visit(`[data-tab="${tab}"]`);
        // Reveal every masked value and open every <details>, so everything captured is on screen.
        await page.$$eval('button.reveal', (buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
        await page.$$eval('details', (all) => all.forEach((d) => { (d as HTMLDetailsElement).open = true; }));
        await new Promise((resolve) => setTimeout(resolve, 30));
        const state = await page.evaluate(() => ({
          pwned: (window as unknown as { __pwned?: number }).__pwned,
          imgs: document.querySelectorAll('img, svg, iframe, object, embed').length,
          scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
          handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        }));
        expect(state, `${row} step ${step} tab ${tab}`).toEqual({ pwned: undefined, imgs: 0, scripts: 0, handlers: 0 });
      }
    }
  }
  // The markup is there, as text: the ID token's claims on the Tokens tab of the sign-in.
  await visit('[data-flow="flow-1"]');
  await visit('[data-step="1"]');
  await visit('[data-tab="tokens"]');
  const idCard = await page.$eval('[data-token="id"]', (el) => el.textContent ?? '');
  expect(idCard).toContain(IMG);
  const allText = await page.evaluate(() => document.body.textContent ?? '');
  expect(allText).toContain(SCRIPT);
  expect(allText).toContain(SVG);
  expect(pageErrors(page)).toEqual([]);
});
