/**
 * Drives one of the demo page's managed-login buttons in Firefox's tab through Marionette, the way
 * scripts/demo/managed-login-action.ts does with puppeteer: click it, sign in on the user-pool
 * domain's page (skipped when the domain's session cookie signs in silently), land back on the
 * app's callback page, wait for its status line. Throws with the page's words on failure.
 *
 * `beforeSubmit` runs on the sign-in page before the form is posted, as a person reads and types
 * there: Firefox's DevTools drop a request whose end it reports after the next navigation began
 * (test/e2e-firefox/oauth-firefox.test.ts, top), so the caller waits until the panel has the
 * authorize request and the sign-in page.
 */
import type { DemoUser } from '../../../src/demo/config';
import type { Marionette } from './marionette';

export type ManagedLoginButton = 'good' | 'broken';

interface PageState {
  origin: string;
  path: string;
  /** The document was loaded after the click (the marker set on the old one is gone). */
  fresh: boolean;
  /** The status line of the button, on a page of the demo app. */
  state: string | null;
  text: string;
  form: boolean;
}

const MARKER = 'managedLoginLeft';

async function pageState(marionette: Marionette, statusId: string): Promise<PageState | null> {
  await marionette.setContext('content');
  // Null (or an error) while the tab is between documents.
  return marionette.execute<PageState | null>(`
    const [marker, statusId] = arguments;
    const line = document.getElementById(statusId);
    return {
      origin: location.origin, path: location.pathname,
      fresh: document.documentElement.dataset[marker] === undefined,
      state: line ? line.getAttribute('data-state') : null, text: line ? line.textContent || '' : '',
      form: !!document.querySelector('form[name="cognitoSignInForm"]'),
    };`, [MARKER, statusId]).catch(() => null);
}

/** Polls the page from outside: its navigations end any script running inside it. */
async function until(marionette: Marionette, statusId: string, what: string, test: (state: PageState) => boolean, timeoutMs: number): Promise<PageState> {
  const end = Date.now() + timeoutMs;
  let last: PageState | null = null;
  for (;;) {
    const state = await pageState(marionette, statusId);
    if (state) last = state;
    if (state && test(state)) return state;
    if (Date.now() > end) throw new Error(`managed login: no ${what} within ${timeoutMs} ms (page at ${last ? last.origin + last.path : 'unknown'})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function runManagedLogin(marionette: Marionette, button: ManagedLoginButton, user: DemoUser, callbackPath: string,
  options: { beforeSubmit?: () => Promise<void>; timeoutMs?: number } = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const statusId = `status-managed-login-${button}`;
  await marionette.setContext('content');
  const appOrigin = await marionette.execute<string>(`document.documentElement.dataset[arguments[0]] = 'true'; return location.origin;`, [MARKER]);
  const onApp = (s: PageState) => s.origin === appOrigin && s.path === callbackPath && s.fresh;
  const onLogin = (s: PageState) => s.origin !== appOrigin && s.path === '/login' && s.form;
  await marionette.execute(`document.getElementById(arguments[0]).click();`, [`managed-login-${button}`]);
  const first = await until(marionette, statusId, 'sign-in page or callback', (s) => {
    // An attempt that fails before it leaves the page (say, "already signed in") says so on its status line.
    if (s.origin === appOrigin && !s.fresh && s.state === 'error') throw new Error(`demo #${statusId}: ${s.text}`);
    return onLogin(s) || onApp(s);
  }, timeoutMs);
  if (onLogin(first)) {
    await options.beforeSubmit?.();
    await marionette.setContext('content');
    await marionette.execute(`
      const [username, password] = arguments;
      document.querySelector('input[name="username"]').value = username;
      document.querySelector('input[name="password"]').value = password;
      document.querySelector('form[name="cognitoSignInForm"]').submit();`, [user.username, user.password]);
    await until(marionette, statusId, 'callback', onApp, timeoutMs);
  }
  const done = await until(marionette, statusId, `end on #${statusId}`, (s) => onApp(s) && (s.state === 'ok' || s.state === 'error'), timeoutMs);
  if (done.state !== 'ok') throw new Error(`demo #${statusId}: ${done.text}`);
  return done.text;
}
