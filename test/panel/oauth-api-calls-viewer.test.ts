/**
 * Issue 12, "linked into the same story", in the real panel UI (the HAR viewer in Chromium): after a
 * managed-login sign-in, GetUser with its access token (which lacks aws.cognito.signin.user.admin,
 * managed-login-oauth2.md §3 rule 14) and RevokeToken with its refresh token show inside the
 * managed-login chain as "with this sign-in's tokens" steps, the scope finding on GetUser and on the
 * row's count; only the call made with no sign-in's token is left under "Other calls".
 */
import { describe, expect, it } from 'vitest';
import { openFlow, openStep, texts, viewerSuite } from './support/viewer-harness';
import { CLIENT, har, idpCall, managedLoginSignIn, T0 } from '../support/oauth-har';

const suite = viewerSuite();

function capture() {
  const entries = managedLoginSignIn();
  const issued = JSON.parse(entries[4]!.response.content.text!) as { access_token: string; refresh_token: string };
  entries.push(
    idpCall('GetUser', T0 + 60_000, { AccessToken: issued.access_token }, { __type: 'NotAuthorizedException', message: 'Access Token does not have required scopes' }, 400),
    idpCall('RevokeToken', T0 + 61_000, { ClientId: CLIENT, Token: issued.refresh_token }, {}),
    idpCall('ListUsers', T0 + 62_000, { UserPoolId: 'eu-west-1_AbCdEf123' }, { Users: [] }),
  );
  return har(entries);
}

describe('API calls made with managed-login tokens in the panel', () => {
  it('GetUser and RevokeToken sit in the managed-login chain with the scope finding; only ListUsers is an other call', async () => {
    const page = await suite.openHar('api-calls.har', capture());
    expect(await page.$$eval('[data-flow]', (els) => els.map((el) => el.getAttribute('data-flow')))).toEqual(['oauth-1']);
    expect(await page.$eval('[data-other-calls]', (el) => el.getAttribute('data-other-calls'))).toBe('1');

    await openFlow(page, 'oauth-1');
    const steps = await page.$$eval('[data-chain="oauth-1"] [data-step]', (els) => els.map((el) => [el.getAttribute('data-operation'), el.getAttribute('data-with-tokens')]));
    expect(steps).toEqual([['authorize', null], ['login', null], ['login', null], ['callback', null], ['token', null], ['GetUser', 'true'], ['RevokeToken', 'true']]);
    const links = (await texts(page, '[data-chain="oauth-1"] .handoff-label')).map((t) => t.trim());
    expect(links.slice(-2)).toEqual(['ok with this sign-in\'s tokens (access token)', 'ok with this sign-in\'s tokens (refresh token)']);
    const onGetUser = await page.$$eval('[data-step="5"] [data-diagnostic]', (els) => els.map((el) => el.getAttribute('data-diagnostic')));
    expect(onGetUser).toContain('access-token-scope');
    const [message] = await texts(page, '[data-step="5"] [data-diagnostic="access-token-scope"] .diagnostic-message');
    expect(message).toContain('lacks aws.cognito.signin.user.admin');
    // The row counts the call's findings (the sign-in itself has none): cognito-error and access-token-scope.
    expect(await page.$eval('[data-flow="oauth-1"] [data-errors]', (el) => el.getAttribute('data-errors'))).toBe('2');
    // A user-pool call replays as it did under "Other calls" (managed-login steps do not).
    await openStep(page, 5, 'request');
    expect(await page.$('[data-action="edit-replay"]')).not.toBeNull();
    await openStep(page, 4, 'request');
    expect(await page.$('[data-action="edit-replay"]')).toBeNull();

    await page.click('[data-other-calls]');
    await page.waitForSelector('[data-step="7"]');
    expect(await page.$$eval('[data-step]', (els) => els.map((el) => el.getAttribute('data-operation')))).toEqual(['ListUsers']);
  });
});
