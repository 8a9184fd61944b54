/**
 * The extension in a real Chromium, watching real sign-ins (Amplify v6 in the demo app, and one
 * with amazon-cognito-identity-js, against cognito-local): everything asserted here is read from
 * the panel's DOM hooks.
 * One browser for the file; each test performs its own sign-in, then checks what the panel shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnostics, flowRows, selectFlow, showRawHeaders, showTokens, steps, waitForFlow, waitForSteps } from '../../scripts/demo/panel-view';
import { startLivePanel, type LivePanel } from './support/live-panel';

let live: LivePanel;

beforeAll(async () => {
  // alice signs in before the panel is ever selected: DevTools captured it, the panel was not loaded.
  live = await startLivePanel({ beforePanel: ['plain'] });
});

afterAll(async () => {
  await live?.stop();
});

describe('live panel in Chromium against cognito-local', () => {
  it('lists a sign-in made before the panel was opened (backfill from getHAR)', async () => {
    const { username } = live.env.config.users.plain;
    await waitForFlow(live.panel, username);
    await selectFlow(live.panel, username);
    expect((await steps(live.panel)).map((s) => [s.operation, s.challengeOut, s.handoff])).toEqual([['InitiateAuth', '', 'start']]);
  });

  it('links NEW_PASSWORD_REQUIRED: InitiateAuth hands its Session to RespondToAuthChallenge, tokens name the user', async () => {
    const { username } = live.env.config.users.newPassword;
    expect(await live.act('new-password')).toContain(username);
    await selectFlow(live.panel, username);
    await waitForSteps(live.panel, 2);
    expect((await flowRows(live.panel)).find((r) => r.text.includes(username))?.outcome).toBe('authenticated');
    expect(await steps(live.panel)).toMatchObject([
      { operation: 'InitiateAuth', challengeIn: '', challengeOut: 'NEW_PASSWORD_REQUIRED', handoff: 'start' },
      { operation: 'RespondToAuthChallenge', challengeIn: 'NEW_PASSWORD_REQUIRED', challengeOut: '', handoff: 'ok' },
    ]);
    const idToken = await showTokens(live.panel, 'id');
    expect(idToken).toContain(username);
    expect(idToken).toContain('bob@example.test');
  });

  it('links SOFTWARE_TOKEN_MFA answered with a TOTP code into one flow with the user\'s tokens', async () => {
    const { username } = live.env.config.users.totp;
    expect(await live.act('totp')).toContain(username);
    await selectFlow(live.panel, username);
    await waitForSteps(live.panel, 2);
    expect(await steps(live.panel)).toMatchObject([
      { operation: 'InitiateAuth', challengeOut: 'SOFTWARE_TOKEN_MFA', handoff: 'start' },
      { operation: 'RespondToAuthChallenge', challengeIn: 'SOFTWARE_TOKEN_MFA', challengeOut: '', handoff: 'ok' },
    ]);
    expect(await showTokens(live.panel, 'access')).toContain(username);
  });

  it('names the missing key when a challenge is answered without NEW_PASSWORD (missing-challenge-response)', async () => {
    const { username } = live.env.config.users.broken;
    await live.act('broken');
    await selectFlow(live.panel, username);
    // The page shows Cognito's error before DevTools hands the panel that answer's body.
    await waitForSteps(live.panel, 2);
    const chain = await steps(live.panel);
    expect(chain.map((s) => [s.operation, s.handoff])).toEqual([['InitiateAuth', 'start'], ['RespondToAuthChallenge', 'ok']]);
    const found = await diagnostics(live.panel);
    const missing = found.filter((d) => d.code === 'missing-challenge-response');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.text).toContain('NEW_PASSWORD');
    // The row says the flow failed, so it stands out before anyone opens it.
    const row = (await flowRows(live.panel)).find((r) => r.text.includes(username));
    expect(row?.outcome).toBe('failed');
  });

  it('Amplify\'s default signIn (USER_SRP_AUTH) through the strict double\'s SRP stand-in: InitiateAuth → PASSWORD_VERIFIER answered with tokens, no error', async () => {
    const { username } = live.env.config.users.srp;
    expect(await live.act('srp')).toContain(username);
    await selectFlow(live.panel, username);
    await waitForSteps(live.panel, 2);
    const row = (await flowRows(live.panel)).find((r) => r.text.includes(username));
    expect(row?.outcome).toBe('authenticated');
    expect(row?.text).toContain('USER_SRP_AUTH');
    expect(await steps(live.panel)).toMatchObject([
      { operation: 'InitiateAuth', challengeIn: '', challengeOut: 'PASSWORD_VERIFIER', handoff: 'start' },
      // No Session from the stand-in (as real Cognito often does here): SECRET_BLOCK is the handoff.
      { operation: 'RespondToAuthChallenge', challengeIn: 'PASSWORD_VERIFIER', challengeOut: '', handoff: 'ok' },
    ]);
    const severities = await live.panel.$$eval('[data-diagnostic]', (nodes) => nodes.map((n) => `${n.getAttribute('data-severity')} ${n.getAttribute('data-diagnostic')}`));
    expect(severities.filter((s) => s.startsWith('error'))).toEqual([]);
    // The tokens the stand-in minted for the SRP proof name the user.
    expect(await showTokens(live.panel, 'access')).toContain(username);
    // Amplify sent it: its user agent on the SRP request.
    expect(await showRawHeaders(live.panel)).toMatch(/x-amz-user-agent\s*aws-amplify\/6\./i);
  });

  it('signs the SRP user out with Amplify: RevokeToken of its refresh token (its tokens carry origin_jti) joins the flow, accepted, no error', async () => {
    const { username } = live.env.config.users.srp;
    expect(await live.act('sign-out')).toBe(`Signed out ${username}`);
    await live.panel.waitForFunction(() => document.querySelector('[data-step][data-operation="RevokeToken"]') !== null, { timeout: 10_000 });
    expect((await steps(live.panel)).map((s) => s.operation)).toEqual(['InitiateAuth', 'RespondToAuthChallenge', 'RevokeToken']);
    const severities = await live.panel.$$eval('[data-diagnostic]', (nodes) => nodes.map((n) => `${n.getAttribute('data-severity')} ${n.getAttribute('data-diagnostic')}`));
    expect(severities.filter((s) => s.startsWith('error'))).toEqual([]);
  });

  it('keeps one flow per sign-in: every user above is listed once', async () => {
    const { plain, newPassword, totp, broken, srp } = live.env.config.users;
    const rows = await flowRows(live.panel);
    for (const user of [plain, newPassword, totp, broken, srp]) {
      expect(rows.filter((r) => r.text.includes(user.username)), user.username).toHaveLength(1);
    }
  });

  it('shows Amplify v6 as the client: its x-amz-user-agent and cache-control headers are on the request', async () => {
    const { username } = live.env.config.users.totp;
    await selectFlow(live.panel, username);
    const headers = await showRawHeaders(live.panel);
    expect(headers).toMatch(/x-amz-user-agent\s*aws-amplify\/6\./i);
    expect(headers).toMatch(/cache-control\s*no-store/i);
  });

  it('signs out with Amplify and signs in again with amazon-cognito-identity-js: a second, separate flow of the same user', async () => {
    const { username } = live.env.config.users.plain;
    expect(await live.act('sign-out')).toMatch(/Signed out|Nobody/);
    expect(await live.act('identity-js')).toContain(username);
    await live.panel.waitForFunction((name: string) => [...document.querySelectorAll('[data-flow]')].filter((row) => row.textContent?.includes(name)).length === 2, { timeout: 10_000 }, username);
    const rows = (await flowRows(live.panel)).filter((r) => r.text.includes(username));
    expect(rows.map((r) => r.outcome)).toEqual(['authenticated', 'authenticated']);
  });
});
