/**
 * The extension in a real headless firefox-esr, watching real sign-ins (the demo app against
 * cognito-local), read from the panel's DOM hooks. Each test is named after the Firefox-only bug
 * it guards (both found by hand in firefox-esr 153, fixed in src/devtools):
 * - getHAR() made as the panel page loads answers empty, so calls from before the panel opened
 *   never showed (network-source.ts asks again);
 * - Firefox base64-encodes Cognito's application/x-amz-json-1.1 bodies and says so only in the
 *   entry's response.content.encoding, so every response looked unreadable (read-content.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnostics, flowRows, selectFlow, steps } from '../../scripts/lib/firefox/panel-view';
import { startLiveFirefox, type LiveFirefox } from './support/live-firefox';

/** What the panel says when it could not read a body: none may appear on a readable sign-in. */
const BODY_DIAGNOSTICS = ['body-not-captured', 'unparseable-body'];

let live: LiveFirefox;

/** The selected flow's "could not read this body" diagnostics, as `code: text` (expected: none). */
async function bodyDiagnostics(): Promise<string[]> {
  return (await diagnostics(live.marionette)).filter((d) => BODY_DIAGNOSTICS.includes(d.code)).map((d) => `${d.code}: ${d.text}`);
}

async function outcomeOf(user: string): Promise<string | null | undefined> {
  return (await flowRows(live.marionette)).find((row) => row.text.includes(user))?.outcome;
}

beforeAll(async () => {
  // bob signs in with the toolbox open (so Firefox records it) but before the Cognito panel is loaded.
  live = await startLiveFirefox({ beforePanel: ['new-password'] });
});

afterAll(async () => {
  await live?.stop();
});

describe('Cognito panel in headless firefox-esr against cognito-local', () => {
  it('empty first getHAR(): a sign-in made before the panel opened is listed', async () => {
    const { username } = live.env.config.users.newPassword;
    await selectFlow(live.marionette, username);
    const rows = await flowRows(live.marionette);
    expect(rows.filter((row) => row.text.includes(username))).toHaveLength(1);
  });

  it('base64 bodies in getHAR() entries: that sign-in is linked InitiateAuth → RespondToAuthChallenge and authenticated, every body read', async () => {
    const { username } = live.env.config.users.newPassword;
    await selectFlow(live.marionette, username, 2);
    expect(await bodyDiagnostics()).toEqual([]);
    expect((await steps(live.marionette)).map((s) => [s.operation, s.challengeIn, s.challengeOut, s.handoff, s.unreadable])).toEqual([
      ['InitiateAuth', '', 'NEW_PASSWORD_REQUIRED', 'start', false],
      ['RespondToAuthChallenge', 'NEW_PASSWORD_REQUIRED', '', 'ok', false],
    ]);
    expect(await outcomeOf(username)).toBe('authenticated');
  });

  it('base64 bodies from getContent(): a TOTP sign-in made while the panel is open is linked and authenticated', async () => {
    const { username } = live.env.config.users.totp;
    expect(await live.act('totp')).toContain(username);
    await selectFlow(live.marionette, username, 2);
    expect(await bodyDiagnostics()).toEqual([]);
    expect((await steps(live.marionette)).map((s) => [s.operation, s.challengeIn, s.challengeOut, s.handoff, s.unreadable])).toEqual([
      ['InitiateAuth', '', 'SOFTWARE_TOKEN_MFA', 'start', false],
      ['RespondToAuthChallenge', 'SOFTWARE_TOKEN_MFA', '', 'ok', false],
    ]);
    expect(await outcomeOf(username)).toBe('authenticated');
  });

  it('base64 bodies from getContent(): a live call answered without NEW_PASSWORD is named (missing-challenge-response)', async () => {
    const { username } = live.env.config.users.broken;
    await live.act('broken');
    await selectFlow(live.marionette, username, 2);
    expect(await bodyDiagnostics()).toEqual([]);
    expect((await steps(live.marionette)).map((s) => [s.operation, s.challengeIn, s.handoff])).toEqual([
      ['InitiateAuth', '', 'start'],
      ['RespondToAuthChallenge', 'NEW_PASSWORD_REQUIRED', 'ok'],
    ]);
    const found = await diagnostics(live.marionette);
    const missing = found.filter((d) => d.code === 'missing-challenge-response');
    expect(missing, JSON.stringify(found)).toHaveLength(1);
    expect(missing[0]?.text).toContain('NEW_PASSWORD');
    expect(await outcomeOf(username)).toBe('failed');
  });
});
