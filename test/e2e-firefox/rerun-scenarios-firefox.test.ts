/**
 * Issue 10's three re-run scenarios in firefox-esr against the strict double (single-use Sessions,
 * SECRET_HASH checked, SRP verified for real), as test/e2e/edit-and-replay-rerun.test.ts runs them
 * in Chromium. The sign-ins are made by the inspected page itself (its fetch), as an app would:
 * (1) TOTP whose first code was wrong: the direct replay is refused ("Invalid session"), the
 *     re-run with a fresh code reaches tokens;
 * (2) SRP refused for a wrong password: the re-run with the typed password reaches tokens;
 * (3) a sign-in lacking SECRET_HASH: the re-run computes it from the typed client secret.
 * Firefox may lose calls made right after the panel starts, so each test waits until its flow
 * lists all its steps (selectFlow(..., n)) before touching it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectFlow } from '../../scripts/lib/firefox/panel-view';
import { inPanel } from '../../scripts/lib/firefox/panel-page';
import { totpFromSecret } from '../../src/core/srp/totp';
import { srpWithWrongPassword, totpWithWrongCode } from '../support/rerun-attempts';
import { startLiveFirefox, type LiveFirefox } from './support/live-firefox';

let live: LiveFirefox;

beforeAll(async () => {
  live = await startLiveFirefox();
});

afterAll(async () => {
  await live?.stop();
});

/** A Cognito call made by the inspected page (so the toolbox records it), answered by the strict double. */
async function pageCall(operation: string, body: unknown): Promise<Record<string, unknown>> {
  await live.marionette.setContext('content');
  const text = await live.marionette.executeAsync<string>(`
    const [endpoint, op, json, done] = arguments;
    window.fetch(endpoint + '/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + op },
      body: json,
    }).then((response) => response.text()).then(done, (error) => done(JSON.stringify({ fetchError: String(error) })));`,
  [live.env.seed.endpoint, operation, JSON.stringify(body)]);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Selects `user`'s flow once it lists `steps` steps, opens the editor on its last captured (not
 * replayed) step (a step with a kept draft opens it by itself); resolves with the editor's text.
 */
async function editLastCapturedStep(user: string, steps: number): Promise<string> {
  await selectFlow(live.marionette, user, steps);
  return inPanel<string>(live.marionette, `async (document, wait) => {
    const card = [...document.querySelectorAll('[data-step]:not([data-replay="true"])')].at(-1);
    const id = card.getAttribute('data-step');
    // The card's head: elsewhere on the card a click may land on a diagnostic's link to another step.
    (card.querySelector('.step-head') || card).click();
    await wait(() => document.querySelector('[data-details="' + id + '"]'), 'the step details');
    const tab = await wait(() => document.querySelector('[data-tab="request"]'), 'the Request tab');
    if (tab.getAttribute('aria-selected') !== 'true') tab.click();
    const opener = await wait(() => document.querySelector('textarea.replay-text') || document.querySelector('[data-action="edit-replay"]'), 'the editor or its button');
    if (opener.tagName !== 'TEXTAREA') opener.click();
    return (await wait(() => document.querySelector('textarea.replay-text'), 'the editor')).value;
  }`);
}

/** Types `value` into the panel's field `selector` (replacing what it held), as an input event does. */
function typeInto(selector: string, value: string): Promise<void> {
  return inPanel(live.marionette, `async (document, wait, selector, value) => {
    const field = await wait(() => document.querySelector(selector), selector);
    field.value = value;
    field.dispatchEvent(new document.defaultView.Event('input', { bubbles: true }));
    // Preact renders a moment later: wait until the field (found again) holds the value.
    await wait(() => document.querySelector(selector)?.value === value, selector + ' holding the typed value');
    return null;
  }`, [selector, value]);
}

/** Clicks `action` (send-replay or rerun) and waits for its outcome; resolves with the status. */
function click(action: 'send-replay' | 'rerun'): Promise<string> {
  return inPanel(live.marionette, `async (document, wait, action) => {
    let button;
    try {
      button = await wait(() => { const b = document.querySelector('[data-action="' + action + '"]'); return b && !b.disabled && b; }, action + ', enabled');
    } catch (error) {
      // Say what the panel showed instead, to tell a slow machine from a missing button.
      const shown = document.querySelector('[data-replay-editor]') || document.querySelector('[data-details]');
      throw new Error(error.message + '; shown: ' + (shown ? shown.textContent : 'nothing').slice(0, 800));
    }
    button.click();
    const status = await wait(() => document.querySelector('[data-replay-status="done"], [data-replay-status="error"]'), 'the outcome');
    return status.getAttribute('data-replay-status') + ': ' + status.textContent;
  }`, [action], 20_000);
}

/**
 * After a re-run the panel shows its last answer, in the same chain as the captured sign-in, the
 * flow now signed in; resolves with the text of the replay's ID token and whether an access token is shown.
 */
function rerunSignedIn(user: string): Promise<{ id: string; access: boolean }> {
  return inPanel(live.marionette, `async (document, wait, name) => {
    await wait(() => {
      const cards = [...document.querySelectorAll('[data-step]')];
      const row = [...document.querySelectorAll('[data-flow]')].find((r) => r.getAttribute('aria-selected') === 'true');
      return cards.at(-1)?.getAttribute('data-replay') === 'true' && cards.some((card) => card.getAttribute('data-replay') !== 'true')
        && (row?.textContent || '').includes(name) && row?.getAttribute('data-outcome') === 'authenticated';
    }, 'the re-run as the last step of ' + name + "'s flow, signed in");
    const last = [...document.querySelectorAll('[data-step]')].at(-1);
    const id = last.getAttribute('data-step');
    (last.querySelector('.step-head') || last).click();
    await wait(() => [...document.querySelectorAll('[data-step]')].find((node) => node.getAttribute('data-step') === id)?.classList.contains('selected'), 'the re-run selected');
    const tab = await wait(() => document.querySelector('[data-tab="tokens"]'), 'the Tokens tab');
    tab.click();
    const token = await wait(() => document.querySelector('[data-token="id"]'), 'the ID token');
    return { id: token.textContent || '', access: document.querySelector('[data-token="access"]') !== null };
  }`, [user], 15_000);
}

describe('re-run the sign-in up to a step in firefox-esr, against the strict double', () => {
  it('(1) TOTP with a wrong first code: direct replay refused, re-run with a fresh code reaches tokens', async () => {
    const user = live.env.seed.users['totp-mfa'];
    const { failed, code } = await totpWithWrongCode(pageCall, live.env.seed, user);
    expect(failed.__type).toBe('CodeMismatchException');

    // Direct replay with the right code: the Session is spent, the double refuses it as Cognito does.
    const draft = JSON.parse(await editLastCapturedStep(user.username, 2)) as { ChallengeResponses: Record<string, string> };
    draft.ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE = code;
    await typeInto('textarea.replay-text', JSON.stringify(draft));
    expect(await click('send-replay')).toMatch(/^done: Sent/);
    // The panel selects the replay's answer once the analysis has it: wait for that before clicking on.
    const refused = await inPanel<string>(live.marionette, `async (document, wait) =>
      (await wait(() => document.querySelector('[data-step][data-replay="true"].selected'), 'the replay, selected')).textContent`);
    expect(refused).toContain('NotAuthorizedException');

    // Back to the failed step: its editor (draft kept) says the Session is spent and offers the re-run.
    await editLastCapturedStep(user.username, 3);
    const state = await inPanel<string | null>(live.marionette, `async (document, wait) =>
      (await wait(() => document.querySelector('[data-session-state]'), 'the Session state')).getAttribute('data-session-state')`);
    expect(state).toMatch(/spent/);
    await typeInto('[data-input="code"]', (await totpFromSecret(user.totpSecret!, Date.now()))!);
    expect(await click('rerun')).toMatch(/^done: Re-ran 2 calls/);
    const tokens = await rerunSignedIn(user.username);
    expect(tokens.id).toContain('token_use');
    expect(tokens.access).toBe(true);
  });

  it('(2) SRP refused for a wrong password: the re-run with the typed password reaches tokens', async () => {
    const alice = live.env.seed.users.confirmed;
    expect(await srpWithWrongPassword(pageCall, live.env.seed, alice.username)).toBe('Incorrect username or password.');

    await editLastCapturedStep(alice.username, 2);
    const state = await inPanel<string>(live.marionette, `async (document, wait) =>
      (await wait(() => document.querySelector('[data-session-state]'), 'the Session state')).textContent`);
    expect(state).toMatch(/bound to its TIMESTAMP and SECRET_BLOCK/);
    await typeInto('[data-input="password"]', alice.password);
    // The pool id is not in an SRP exchange; it is asked for (prefilled when a token in the capture names it).
    await typeInto('[data-input="user-pool-id"]', live.env.seed.userPoolId);
    expect(await click('rerun')).toMatch(/^done: Re-ran 2 calls/);
    const tokens = await rerunSignedIn(alice.username);
    expect(tokens.id).toContain('token_use');
    expect(tokens.access).toBe(true);
  });

  it('(3) a sign-in lacking SECRET_HASH: the re-run computes it from the typed client secret', async () => {
    const erin = live.env.seed.users.totp;
    const { clientId, clientSecret } = live.env.seed.secretClient;
    const failed = await pageCall('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: erin.username, PASSWORD: erin.password } });
    expect(failed.message).toBe(`Client ${clientId} is configured for secret but secret was not received`);

    await editLastCapturedStep(erin.username, 1);
    await typeInto('[data-input="client-secret"]', clientSecret);
    expect(await click('rerun')).toMatch(/^done: Re-ran 1 call/);
    const tokens = await rerunSignedIn(erin.username);
    expect(tokens.id).toContain('token_use');
    expect(tokens.access).toBe(true);
  });
});
