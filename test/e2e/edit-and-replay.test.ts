/**
 * A sign-in from an iframe of the inspected tab; export; then edit and replay, from the extension's
 * panel in Chromium: the broken answer (no NEW_PASSWORD) is
 * fixed in the panel and sent again from the panel page to the strict double (in front of
 * cognito-local); the result joins the same chain. Protects: replays leave only on Send, reach the call's own endpoint from an
 * extension page (CSP, no host permissions), and show in the chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowRows, selectFlow, steps, waitForSteps } from '../../scripts/demo/panel-view';
import { exportFromPanel, startLivePanel, type LivePanel } from './support/live-panel';

let live: LivePanel;
/** Every request DevTools' page and its frames (the panel among them) made, but DevTools' own and the extension's files. */
const leftThePanel: string[] = [];

beforeAll(async () => {
  live = await startLivePanel();
  live.chromium.devtools.on('request', (request) => {
    if (!/^(devtools|chrome-extension|data|blob):/.test(request.url())) leftThePanel.push(`${request.method()} ${request.url()}`);
  });
});

afterAll(async () => {
  await live?.stop();
});

describe('frames of the inspected tab', () => {
  it('captures a sign-in made inside an iframe (a login widget) like one made by the page', async () => {
    const { username } = live.env.config.users.plain;
    expect(await live.act('iframe')).toContain('in an iframe');
    await selectFlow(live.panel, username);
    expect((await steps(live.panel)).map((s) => [s.operation, s.handoff])).toEqual([['InitiateAuth', 'start']]);
    expect((await flowRows(live.panel)).find((r) => r.text.includes(username))?.outcome).toBe('authenticated');
  });

  it("captures a sign-in sent by the page's service worker (Chromium reports the worker's requests to the tab)", async () => {
    const { username } = live.env.config.users.plain;
    const rowsOf = async () => (await flowRows(live.panel)).filter((r) => r.text.includes(username));
    const before = (await rowsOf()).length;
    expect(await live.act('service-worker')).toContain('answered 200');
    await live.panel.waitForFunction((user: string, seen: number) => [...document.querySelectorAll('[data-flow]')]
      .filter((row) => row.textContent?.includes(user)).length > seen, { timeout: 10_000 }, username, before);
    const rows = await rowsOf();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)?.outcome).toBe('authenticated');
  });
});

describe('export from the live panel', () => {
  it('saves the capture as a HAR with the password masked (downloads work from a DevTools panel)', async () => {
    const user = live.env.config.users.newPassword;
    await live.act('new-password');
    await selectFlow(live.panel, user.username);
    // Both calls are in the capture (the second carries the new password) before it is exported.
    await waitForSteps(live.panel, 2);
    const text = await exportFromPanel(live);
    expect(text).toContain(user.username);
    expect(text).not.toContain(user.password);
    expect(text).not.toContain(user.newPassword);
  });
});

describe('edit and replay in the live panel', () => {
  it('fixes the missing NEW_PASSWORD and replays it (the only request that ever leaves the panel); the spent Session is refused as Cognito refuses it', async () => {
    const { username } = live.env.config.users.broken;
    await live.act('broken');
    await selectFlow(live.panel, username);
    const panel = live.panel;
    const answer = await panel.waitForSelector('[data-step][data-operation="RespondToAuthChallenge"]');
    await answer?.click();
    await (await panel.waitForSelector('[data-tab="request"]'))?.click();
    await (await panel.waitForSelector('[data-action="edit-replay"]'))?.click();
    await panel.waitForSelector('textarea.replay-text');
    const draft = await panel.$eval('textarea.replay-text', (el) => (el as HTMLTextAreaElement).value);
    const body = JSON.parse(draft) as { ChallengeName: string; ChallengeResponses: Record<string, string> };
    expect(body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(body.ChallengeResponses.NEW_PASSWORD).toBeUndefined();
    // Nothing was sent by capturing, exporting or opening the editor: the chain still has the two
    // captured steps, and no request has left DevTools.
    expect(await steps(panel)).toHaveLength(2);
    expect(leftThePanel).toEqual([]);

    body.ChallengeResponses.NEW_PASSWORD = 'Replayed-Passw0rd!';
    await panel.$eval('textarea.replay-text', (el, text) => {
      const area = el as HTMLTextAreaElement;
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, JSON.stringify(body));
    await panel.click('[data-action="send-replay"]');
    await panel.waitForSelector('[data-step][data-replay="true"]', { timeout: 10_000 });
    // The replay, and only it, went out: to the endpoint the call went to (after CORS's preflight).
    expect(leftThePanel.filter((line) => !line.startsWith('OPTIONS '))).toEqual([`POST ${live.env.seed.endpoint}/`]);

    const chain = await steps(panel);
    expect(chain.map((s) => [s.operation, s.challengeIn, s.challengeOut])).toEqual([
      ['InitiateAuth', '', 'NEW_PASSWORD_REQUIRED'],
      ['RespondToAuthChallenge', 'NEW_PASSWORD_REQUIRED', ''],
      ['RespondToAuthChallenge', 'NEW_PASSWORD_REQUIRED', ''],
    ]);
    // The replay re-sent a Session the broken answer had already spent: the panel says so, and the
    // strict double in front of cognito-local refuses it as Amazon Cognito does.
    expect(chain[2]?.handoff).toBe('reused');
    const refused = await panel.$eval('[data-step][data-replay="true"]', (el) => el.textContent ?? '');
    expect(refused).toContain('NotAuthorizedException');
    expect((await flowRows(panel)).find((r) => r.text.includes(username))?.outcome).not.toBe('authenticated');
  });
});
