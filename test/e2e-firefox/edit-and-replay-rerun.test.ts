/**
 * Re-run in firefox-esr against the strict double: the demo's broken NEW_PASSWORD_REQUIRED answer
 * is fixed in the panel; sent directly it is refused (its Session is spent, as Amazon Cognito
 * refuses it); "Re-run the sign-in up to this step" signs the user in from the panel alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowRows, selectFlow } from '../../scripts/lib/firefox/panel-view';
import { inPanel } from '../../scripts/lib/firefox/panel-page';
import { startLiveFirefox, type LiveFirefox } from './support/live-firefox';

let live: LiveFirefox;

beforeAll(async () => {
  live = await startLiveFirefox();
});

afterAll(async () => {
  await live?.stop();
});

/** Opens the editor on the last captured (not replayed) answer, adds NEW_PASSWORD to the draft, clicks `action`; resolves with the status. */
function fixAndClick(action: 'send-replay' | 'rerun', newPassword: string): Promise<string> {
  return inPanel(live.marionette, `async (document, wait, action, newPassword) => {
    const cards = [...document.querySelectorAll('[data-step]:not([data-replay="true"])')];
    const card = cards.at(-1);
    const id = card.getAttribute('data-step');
    card.click();
    await wait(() => document.querySelector('[data-details="' + id + '"]'), 'the step details');
    const tab = await wait(() => document.querySelector('[data-tab="request"]'), 'the Request tab');
    if (tab.getAttribute('aria-selected') !== 'true') tab.click();
    const opener = await wait(() => document.querySelector('textarea.replay-text') || document.querySelector('[data-action="edit-replay"]'), 'the editor or its button');
    if (opener.tagName !== 'TEXTAREA') opener.click();
    const area = await wait(() => document.querySelector('textarea.replay-text'), 'the editor');
    const draft = JSON.parse(area.value);
    draft.ChallengeResponses.NEW_PASSWORD = newPassword;
    area.value = JSON.stringify(draft);
    area.dispatchEvent(new document.defaultView.Event('input', { bubbles: true }));
    let button;
    try {
      button = await wait(() => document.querySelector('[data-action="' + action + '"]'), action);
    } catch (error) {
      // Say what the panel showed instead, to tell a slow machine from a missing button.
      const shown = document.querySelector('[data-replay-editor]') || document.querySelector('[data-details]');
      throw new Error(error.message + '; shown: ' + (shown ? shown.textContent : 'nothing').slice(0, 800));
    }
    button.click();
    const status = await wait(() => document.querySelector('[data-replay-status="done"], [data-replay-status="error"]'), 'the outcome');
    return status.getAttribute('data-replay-status') + ': ' + status.textContent;
  }`, [action, newPassword], 20_000);
}

describe('edit and replay in firefox-esr against the strict double', () => {
  it('the fixed answer sent directly is refused (spent Session); the re-run signs the user in', async () => {
    const { username } = live.env.config.users.broken;
    await live.act('broken');
    await selectFlow(live.marionette, username, 2);

    expect(await fixAndClick('send-replay', 'Replayed-Passw0rd!')).toMatch(/^done: Sent/);
    // The panel selects the replay's answer once the analysis has it: wait for that before clicking on.
    const refused = await inPanel<string>(live.marionette, `async (document, wait) =>
      (await wait(() => document.querySelector('[data-step][data-replay="true"].selected'), 'the replay, selected')).textContent`);
    expect(refused).toContain('NotAuthorizedException');

    await selectFlow(live.marionette, username, 3);
    expect(await fixAndClick('rerun', 'Replayed-Passw0rd!')).toMatch(/^done: Re-ran 2 calls/);
    await inPanel(live.marionette, `async (document, wait, name) => wait(() => [...document.querySelectorAll('[data-flow]')]
      .some((row) => (row.textContent || '').includes(name) && row.getAttribute('data-outcome') === 'authenticated'), 'the flow signed in')`, [username]);
    expect((await flowRows(live.marionette)).find((row) => row.text.includes(username))?.outcome).toBe('authenticated');
  });
});
