/**
 * Issue 7's panel items, each with a HAR that broke the panel before: secrets inside objects the
 * Request and Response tabs showed as one unmasked JSON row (AuthParameters under a misspelled or
 * missing AuthFlow, nested "Other fields"), an unparseable body shown in full, a token whose dates
 * no calendar has (exp: 1e13 threw RangeError mid-render and left Clear dead; exp: 1e308 printed
 * "Infinity d"), and names long enough to push the panel tens of thousands of pixels wide.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { cognitoEntry, jwt } from '../core/entries';
import { openFlow, openStep, pageErrors, texts, viewerSuite } from './support/viewer-harness';

const PASSWORD = 'Pa55-word-in-an-object';
const SESSION = 'nested-session-AYABeJ8rZ7'.repeat(3);
const HASH = 'nested-hash-value-q9Zx/0=';
const UNQUOTED = 'unquoted-secret-Zebra42';
const CAPTURED = Math.floor(Date.parse('2026-11-23T10:00:00.000Z') / 1000);

const suite = viewerSuite();

function openHar(name: string, entries: unknown[]): Promise<Page> {
  return suite.openHar(name, { log: { entries } }, { waitFor: '[data-flow], [data-other-calls]' });
}

/** Every text node and every attribute value of the document (what a reader, a screen reader or a script sees). */
const everything = (page: Page) => page.evaluate(() => {
  const attributes = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
  return `${document.body.textContent ?? ''}\n${attributes.join('\n')}`;
});

const copied = (page: Page) => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.slice());

describe('secrets inside objects (issue 7, item 3)', () => {
  const authFlows = [['misspelled', 'USER_PASWORD_AUTH'], ['lower case', 'user_password_auth'], ['missing', undefined]] as const;
  for (const [how, authFlow] of authFlows) {
    it(`masks AuthParameters when AuthFlow is ${how}; copy is the explicit act, announced as a secret`, async () => {
      const request = { AuthFlow: authFlow, ClientId: 'client-1', AuthParameters: { USERNAME: 'alice', PASSWORD, SECRET_HASH: HASH } };
      const page = await openHar(`authflow-${how.replace(' ', '-')}.har`, [
        cognitoEntry('InitiateAuth', request, { __type: 'InvalidParameterException', message: 'bad flow' }, { status: 400 }),
      ]);
      const flow = (await page.$eval('[data-flow]', (el) => el.getAttribute('data-flow')))!;
      await openFlow(page, flow);
      await openStep(page, 0, 'request');
      const all = await everything(page);
      expect(all).not.toContain(PASSWORD);
      expect(all).not.toContain(HASH);
      const cell = (await page.$('tr[data-key="AuthParameters"] .value'))!;
      expect(await cell.evaluate((el) => el.getAttribute('data-secret'))).toBe('masked');
      // Masked inside, the rest readable: the user name is what one debugs.
      const shown = await cell.$eval('.value-text', (el) => el.textContent ?? '');
      expect(shown).toContain('"USERNAME":"alice"');
      expect(shown).toContain(`"PASSWORD":"••••••• (${PASSWORD.length} chars)"`);

      await (await cell.$('.copy'))!.click();
      await page.waitForFunction(() => document.querySelector('[data-live-region]')?.textContent === 'copied (secret)');
      expect(JSON.parse((await copied(page))[0]!)).toEqual(request.AuthParameters);
      // Copying did not reveal it.
      expect(await everything(page)).not.toContain(PASSWORD);
    });
  }

  it('masks secrets nested in "Other fields" of a request and a response', async () => {
    const page = await openHar('nested.har', [
      cognitoEntry('SignUp',
        { ClientId: 'client-1', Username: 'bob', Password: PASSWORD, ClientMetadata: { deep: [{ Session: SESSION }] } },
        { UserConfirmed: false, UserSub: 'sub-1', Extra: { SECRET_HASH: HASH, note: 'kept' } }),
    ]);
    await page.click('[data-flow], [data-other-calls]');
    await openStep(page, 0, 'request');
    let all = await everything(page);
    for (const secret of [PASSWORD, SESSION]) expect(all).not.toContain(secret);
    expect(await page.$eval('tr[data-key="ClientMetadata"] .value', (el) => el.getAttribute('data-secret'))).toBe('masked');
    await page.click('[data-tab="response"]');
    await page.waitForSelector('[data-tab-body="response"]');
    all = await everything(page);
    expect(all).not.toContain(HASH);
    expect(await page.$eval('tr[data-key="Extra"] .value-text', (el) => el.textContent)).toContain('"note":"kept"');
    // Reveal shows the value itself.
    await page.click('tr[data-key="Extra"] .reveal');
    expect(await page.$eval('tr[data-key="Extra"] .value-text', (el) => el.textContent)).toContain(HASH);
  });
});

describe('an unparseable body (issue 7, item 5)', () => {
  it('is masked whole until revealed, in the Request notice and in Raw', async () => {
    // The parser stops after the password (at "oops"), so nothing of it is in the parser's own message.
    const text = `{"AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"carol","PASSWORD":"${UNQUOTED}"},"ClientId":"abcdefghijklmnopqrstuvwxyz0123456789" oops}`;
    const page = await openHar('unparseable.har', [cognitoEntry('InitiateAuth', text, { __type: 'SerializationException' }, { status: 400 })]);
    await page.click('[data-flow], [data-other-calls]');
    await page.waitForSelector('[data-step="0"]');
    await openStep(page, 0, 'request');
    expect(await page.$('[data-body-state="unparseable"]')).not.toBeNull();
    expect(await everything(page)).not.toContain(UNQUOTED);
    await page.click('[data-tab="raw"]');
    await page.waitForSelector('[data-tab-body="raw"]');
    expect(await everything(page)).not.toContain(UNQUOTED);
    expect((await texts(page, '[data-raw-body="Request body"]')).join('')).toContain(`(${text.length} chars)`);
    await page.click('[aria-label="Reveal secrets in request body"]');
    expect((await texts(page, '[data-raw-body="Request body"]')).join('')).toContain(UNQUOTED);
  });
});

describe('dates no calendar has (issue 7, items 9 and 11)', () => {
  const signIn = (exp: number, iat: number) => [
    cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client-1', AuthParameters: { USERNAME: 'dave', PASSWORD } },
      { AuthenticationResult: {
        IdToken: jwt({ sub: 'u-1', 'cognito:username': 'dave', token_use: 'id', aud: 'client-1', iat, exp, auth_time: iat }),
        AccessToken: jwt({ sub: 'u-1', username: 'dave', token_use: 'access', client_id: 'client-1', iat, exp }),
        TokenType: 'Bearer', ExpiresIn: 3600 } }),
  ];

  it('a token with exp: 1e13 renders (out of range), and Clear still works', async () => {
    const page = await openHar('exp-1e13.har', signIn(1e13, CAPTURED));
    await openFlow(page, 'flow-1');
    await openStep(page, 0, 'tokens');
    const expires = await page.$eval('[data-token="id"] [data-claim="expires"] td', (el) => el.textContent ?? '');
    expect(expires).toContain('out of range');
    expect(pageErrors(page)).toEqual([]);
    await page.click('[data-action="clear"]');
    await page.waitForSelector('[data-empty]');
    expect(await page.$eval('[data-count="calls"]', (el) => el.textContent)).toBe('0 Cognito calls');
  });

  it('exp: 1e308 and iat: -1e308 read as sane words, not "Infinity d" or "Invalid Date"', async () => {
    const page = await openHar('exp-1e308.har', signIn(1e308, -1e308));
    await openFlow(page, 'flow-1');
    await openStep(page, 0, 'tokens');
    const card = await page.$eval('[data-token="id"] .key-claims', (el) => el.textContent ?? '');
    expect(card).not.toMatch(/Infinity|NaN|Invalid/);
    expect(card).toContain('more than 10,000 years');
  });

  it('a body too deep for the masking walk shows as a reason in its tab; the panel keeps working', async () => {
    let deep = '"bottom"';
    for (let i = 0; i < 200_000; i++) deep = `[${deep}]`;
    const text = `{"ClientId":"client-1","Deep":${deep}}`;
    const page = await openHar('deep.har', [cognitoEntry('GetUser', text, { Username: 'erin' })]);
    await page.click('[data-other-calls]');
    await openStep(page, 0, 'raw');
    // Either the masked body or, should the walk give up, the reason in the tab: never an uncaught error.
    expect(await page.$('[data-raw-body="Request body"], [data-pane-error]')).not.toBeNull();
    expect(pageErrors(page)).toEqual([]);
    // The other tabs and Clear still work.
    await page.click('[data-tab="response"]');
    await page.waitForSelector('[data-tab-body="response"]');
    await page.click('[data-action="clear"]');
    await page.waitForSelector('[data-empty]');
  });
});

describe('long names (issue 7, item 11)', () => {
  it('a 3,000-character claim name and a 40,000-character operation name do not widen the panel', async () => {
    const name = `claim_${'n'.repeat(3000)}`;
    const operation = `Op${'X'.repeat(40_000)}`;
    const page = await openHar('long-names.har', [
      cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client-1', AuthParameters: { USERNAME: 'frank', PASSWORD } },
        { AuthenticationResult: {
          IdToken: jwt({ sub: 'u-1', 'cognito:username': 'frank', token_use: 'id', aud: 'client-1', iat: CAPTURED, exp: CAPTURED + 3600, [name]: 'value-after-long-name' }),
          TokenType: 'Bearer', ExpiresIn: 3600 } }, { at: '2026-11-23T10:00:00.000Z' }),
      cognitoEntry(operation, { ClientId: 'client-1' }, {}, { at: '2026-11-23T10:00:01.000Z' }),
    ]);
    const width = await page.evaluate(() => window.innerWidth);
    await openFlow(page, 'flow-1');
    await openStep(page, 0, 'tokens');
    await page.$$eval('details', (all) => all.forEach((d) => { (d as HTMLDetailsElement).open = true; }));
    const claim = await page.evaluate((n) => {
      const th = [...document.querySelectorAll('.all-claims th')].find((el) => el.textContent === n)!;
      const td = th.nextElementSibling!.getBoundingClientRect();
      return { title: th.getAttribute('title'), valueLeft: td.left, valueRight: td.right };
    }, name);
    expect(claim.title).toBe(name);
    expect(claim.valueRight).toBeLessThanOrEqual(width);
    expect(claim.valueLeft).toBeLessThan(width / 2 + 400);

    await page.click('[data-other-calls]');
    await page.waitForSelector('[data-chain="other-calls"]');
    const chain = await page.$eval('.chain-pane', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
    expect(chain.scroll).toBeLessThanOrEqual(chain.client + 1);
    expect(chain.right).toBeLessThanOrEqual(width);
    expect(await page.$eval('.step-op', (el) => el.getAttribute('title')?.length)).toBe(operation.length);
  });
});
