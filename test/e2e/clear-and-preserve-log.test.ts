/**
 * Clear and Preserve log in the live panel, like the Network panel's: Clear empties the list and
 * capture goes on; with Preserve log on (the default) a navigation of the inspected page keeps the
 * flows (sign-ins usually end in one), with it off the navigation clears them.
 *
 * A navigation is known to have reached the panel once a sign-in made after it is listed: the
 * page reports the navigation before its later requests finish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowRows, waitForFlow } from '../../scripts/demo/panel-view';
import { startLivePanel, type LivePanel } from './support/live-panel';

let live: LivePanel;

beforeAll(async () => {
  live = await startLivePanel();
});

afterAll(async () => {
  await live?.stop();
});

async function usersListed(): Promise<string[]> {
  const { plain, totp } = live.env.config.users;
  return (await flowRows(live.panel)).map((row) => [plain.username, totp.username].find((user) => row.text.includes(user)) ?? row.text);
}

async function preserveLog(): Promise<boolean> {
  return live.panel.$eval('[data-action="preserve-log"]', (box) => (box as HTMLInputElement).checked);
}

/** A sign-in after a fresh page load, waited for in the panel; returns the users then listed. */
async function navigateThenSignIn(): Promise<string[]> {
  const { totp } = live.env.config.users;
  const before = (await usersListed()).filter((user) => user === totp.username).length;
  await live.reloadDemo();
  await live.act('totp');
  await live.panel.waitForFunction(
    (user: string, seen: number) => [...document.querySelectorAll('[data-flow]')].filter((row) => row.textContent?.includes(user)).length > seen,
    {},
    totp.username,
    before,
  );
  return usersListed();
}

describe('Clear and Preserve log in the live panel', () => {
  it('Clear empties the flow list, and sign-ins after it are still captured', async () => {
    const { plain } = live.env.config.users;
    await live.act('plain');
    await waitForFlow(live.panel, plain.username);
    await live.panel.click('[data-action="clear"]');
    await live.panel.waitForFunction(() => document.querySelectorAll('[data-flow]').length === 0);
    expect(await flowRows(live.panel)).toEqual([]);

    await live.act('plain');
    await waitForFlow(live.panel, plain.username);
    expect(await usersListed()).toEqual([plain.username]);
  });

  it('Preserve log on (the default): flows survive a navigation of the inspected page', async () => {
    const { plain, totp } = live.env.config.users;
    expect(await preserveLog()).toBe(true);
    expect(await usersListed()).toEqual([plain.username]);
    expect(await navigateThenSignIn()).toEqual([plain.username, totp.username]);
  });

  it('Preserve log off: a navigation clears the flows from before it', async () => {
    const { totp } = live.env.config.users;
    await live.panel.click('[data-action="preserve-log"]');
    await live.panel.waitForFunction(() => !(document.querySelector('[data-action="preserve-log"]') as HTMLInputElement | null)?.checked);
    expect((await usersListed()).length).toBe(2);
    // Only the sign-in made after the navigation is left.
    await live.reloadDemo();
    await live.panel.waitForFunction(() => document.querySelectorAll('[data-flow]').length === 0);
    await live.act('totp');
    await waitForFlow(live.panel, totp.username);
    expect(await usersListed()).toEqual([totp.username]);
  });
});

describe('what the extension stores', () => {
  it('keeps only the Preserve log choice: no captured data in storage.local, localStorage or IndexedDB, and the choice survives the panel reloading', async () => {
    // The test before turned Preserve log off after several sign-ins were captured.
    const stored = await live.panel.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } } }).chrome;
      const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
      return { local: await api.storage.local.get(null), localStorage: localStorage.length, sessionStorage: sessionStorage.length, databases: databases.length };
    });
    expect(stored).toEqual({ local: { 'cognitoFlowInspector.settings': { preserveLog: false } }, localStorage: 0, sessionStorage: 0, databases: 0 });

    // Mark this document, reload the panel, and read the checkbox of the new document only.
    await live.panel.evaluate(() => {
      (window as unknown as { beforeReload?: boolean }).beforeReload = true;
      location.reload();
    });
    await live.panel.waitForFunction(() => !(window as unknown as { beforeReload?: boolean }).beforeReload
      && (document.querySelector('[data-action="preserve-log"]') as HTMLInputElement | null)?.checked === false, { timeout: 10_000 });
  });
});
