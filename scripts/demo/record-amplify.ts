/**
 * Real Amplify v6 captures, recorded in Chromium: the demo app (src/demo, Amplify for its main
 * buttons) runs in a headless Chromium and signs in against a freshly seeded cognito-local through
 * the recording proxy (test/support/har-recorder.ts), so each HAR holds exactly what Amplify sent
 * from a browser — its x-amz-user-agent, cache-control, amz-sdk-* headers and the CORS preflights.
 * The recorder talks to our SRP stand-in (test/support/srp-server.ts), which answers USER_SRP_AUTH
 * for the SRP button's user and passes everything else to cognito-local untouched (its headers as
 * cognito-local sent them), so only the SRP capture holds answers that are not cognito-local's.
 * Used by `npm run record` (scripts/record-cognito-local.ts).
 */
import puppeteer, { type Page } from 'puppeteer-core';
import { startSeededCognitoLocal } from '../lib/cognito-local';
import { chromiumPath, QUIET_CHROMIUM_FLAGS } from '../lib/chromium';
import { JSON_TYPE, startStaticServer } from '../lib/static-server';
import { startHarRecorder, type HarRecorder, type RecordedHar } from '../../test/support/har-recorder';
import { startSrpServer } from '../../test/support/srp-server';
import { demoConfig, ensureDemoBuilt, seedSrpUser, SRP_USER } from './environment';
import { openDemo, runDemoAction, type DemoAction } from './page-actions';

export interface AmplifyCapture {
  name: string;
  summary: string;
  har: RecordedHar;
}

interface Recording {
  name: string;
  summary: string;
  /** What the page does while the recorder listens. */
  run(page: Page): Promise<unknown>;
  /** Run after the capture, not recorded (e.g. sign the user out before the next one). */
  after?: DemoAction;
}

/** TOTP with a wrong code first: Amplify's confirmSignIn retry re-sends the same Session (e2e-notes.md). */
async function totpWithWrongCodeFirst(page: Page): Promise<void> {
  await page.click('#sign-in-totp');
  await page.waitForSelector('#challenge:not([hidden])');
  await page.$eval('#challenge-answer', (input) => {
    (input as HTMLInputElement).value = '000000';
  });
  await page.click('#challenge-submit');
  await page.waitForFunction(() => document.querySelector('#status-totp')?.textContent?.startsWith('Wrong code') === true);
  // The form opens again with the current code prefilled.
  await runDemoActionFromChallenge(page, '#status-totp');
}

async function runDemoActionFromChallenge(page: Page, status: string): Promise<void> {
  await page.waitForSelector('#challenge:not([hidden])');
  await page.click('#challenge-submit');
  const handle = await page.waitForSelector(`${status}:is([data-state="ok"], [data-state="error"])`);
  const [state, text] = (await handle?.evaluate((e) => [e.getAttribute('data-state'), e.textContent ?? ''])) ?? ['', ''];
  if (state !== 'ok') throw new Error(`demo ${status}: ${text}`);
}

export const AMPLIFY_RECORDINGS: readonly Recording[] = [
  { name: 'amplify-password-auth', summary: 'Amplify v6 signIn (USER_PASSWORD_AUTH) for alice in Chromium → tokens in one InitiateAuth.',
    run: (page) => runDemoAction(page, 'plain'), after: 'sign-out' },
  { name: 'amplify-srp', summary: `Amplify v6's default signIn (USER_SRP_AUTH) for ${SRP_USER.username} in Chromium → PASSWORD_VERIFIER (no Session) → RespondToAuthChallenge with PASSWORD_CLAIM_SIGNATURE → tokens, answered by our SRP stand-in (cognito-local has no SRP).`,
    run: (page) => runDemoAction(page, 'srp'), after: 'sign-out' },
  { name: 'amplify-new-password', summary: 'Amplify v6 signIn for bob-new → NEW_PASSWORD_REQUIRED → confirmSignIn({ challengeResponse: newPassword }) → tokens.',
    run: (page) => runDemoAction(page, 'new-password'), after: 'sign-out' },
  { name: 'amplify-totp-retry', summary: 'Amplify v6 signIn for the TOTP user (hana-totp) → SOFTWARE_TOKEN_MFA; a wrong code (CodeMismatchException), then confirmSignIn again with the same Session and the right code → tokens.',
    run: totpWithWrongCodeFirst },
  { name: 'amplify-refresh-unsupported', summary: 'Amplify v6 fetchAuthSession({ forceRefresh: true }) for the signed-in user: GetTokensFromRefreshToken, which cognito-local does not implement (500 CognitoLocal#Unsupported), retried by Amplify.',
    // The refresh fails against cognito-local; the capture is what it sent, and how the panel tells it.
    run: (page) => runDemoAction(page, 'refresh-tokens').catch(() => undefined),
    // signOut against cognito-local sends nothing (its tokens have no origin_jti to revoke): no capture of its own.
    after: 'sign-out' },
];

async function capture(recorder: HarRecorder, page: Page, recording: Recording): Promise<AmplifyCapture> {
  recorder.clear();
  await recording.run(page);
  // The recorder keeps each exchange as it answers it: everything the page waited for is in.
  const har = recorder.har();
  if (recording.after) await runDemoAction(page, recording.after);
  return { name: recording.name, summary: recording.summary, har };
}

/** Records the captures whose names `wanted` accepts, in order, on one freshly seeded pool. */
export async function recordAmplifyCaptures(wanted: (name: string) => boolean): Promise<AmplifyCapture[]> {
  const chosen = AMPLIFY_RECORDINGS.filter((r) => wanted(r.name));
  if (chosen.length === 0) return [];
  const root = await ensureDemoBuilt({ rebuild: true });
  const { server: cognito, seed } = await startSeededCognitoLocal();
  const stops: (() => Promise<unknown>)[] = [() => cognito.stop()];
  try {
    await seedSrpUser(seed);
    const srp = await startSrpServer({ userPoolId: seed.userPoolId, clientIds: [seed.clientId], users: [{ ...SRP_USER }], upstream: seed.endpoint });
    stops.unshift(() => srp.close());
    const recorder = await startHarRecorder(srp.endpoint);
    stops.unshift(() => recorder.close());
    const config = { ...demoConfig(seed), endpoint: recorder.url };
    const site = await startStaticServer(root, { index: 'index.html', documents: { '/config.json': { type: JSON_TYPE, body: JSON.stringify(config) } } });
    stops.unshift(() => site.close());
    const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: [...QUIET_CHROMIUM_FLAGS] });
    stops.unshift(() => browser.close());
    const page = await browser.newPage();
    await openDemo(page, site.url);
    const captures: AmplifyCapture[] = [];
    for (const recording of AMPLIFY_RECORDINGS) {
      // Every recording runs (later ones rely on the state earlier ones leave); only the chosen are kept.
      const result = await capture(recorder, page, recording);
      if (chosen.includes(recording)) captures.push(result);
    }
    return captures;
  } finally {
    for (const stop of stops) await stop();
  }
}
