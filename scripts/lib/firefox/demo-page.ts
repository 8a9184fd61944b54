/**
 * Drives the demo app (src/demo) in Firefox's tab through Marionette's content context, the way
 * scripts/demo/page-actions.ts does with puppeteer: click the button, submit the challenge form
 * with its prefilled answer, wait for the status line; throw with the page's own words on failure.
 */
import { DEMO_BUTTONS, type DemoAction } from '../../demo/page-actions';
import type { Marionette } from './marionette';

/** Opens the demo app in the selected tab and waits until it has read /config.json. */
export async function openDemo(marionette: Marionette, url: string, timeoutMs = 10_000): Promise<void> {
  await marionette.setContext('content');
  await marionette.command('WebDriver:Navigate', { url });
  const ready = await marionette.executeAsync<string>(`
    const [timeoutMs, done] = arguments;
    const deadline = Date.now() + timeoutMs;
    const check = () => {
      const state = document.body && document.body.dataset.ready;
      if (state === 'true' || state === 'error') return done(state === 'true' ? 'true' : 'error: ' + document.getElementById('endpoint').textContent);
      if (Date.now() > deadline) return done('not ready within ' + timeoutMs + ' ms');
      setTimeout(check, 50);
    };
    check();`, [timeoutMs], timeoutMs + 2_000);
  if (ready !== 'true') throw new Error(`demo app at ${url} failed to start: ${ready}`);
}

/** Runs one demo action to its end in the page and returns the final status text. */
export async function runDemoAction(marionette: Marionette, action: DemoAction, timeoutMs = 15_000): Promise<string> {
  await marionette.setContext('content');
  const result = await marionette.executeAsync<{ state: string; text: string }>(`
    const [button, status, timeoutMs, done] = arguments;
    const deadline = Date.now() + timeoutMs;
    const line = document.getElementById(status);
    let answered = false;
    document.getElementById(button).click();
    const check = () => {
      const state = line.getAttribute('data-state');
      if (state === 'ok' || state === 'error') return done({ state, text: line.textContent || '' });
      // A challenge: submit the form once with its prefilled answer (the new password, the TOTP code).
      const form = document.getElementById('challenge');
      if (state === 'challenge' && !form.hidden && !answered) {
        answered = true;
        document.getElementById('challenge-submit').click();
      }
      if (state !== 'challenge') answered = false;
      if (Date.now() > deadline) return done({ state: 'timeout', text: 'still ' + state + ' after ' + timeoutMs + ' ms: ' + line.textContent });
      setTimeout(check, 50);
    };
    check();`, [DEMO_BUTTONS[action], `status-${action}`, timeoutMs], timeoutMs + 2_000);
  if (result.state !== 'ok') throw new Error(`demo ${action}: ${result.state}: ${result.text}`);
  return result.text;
}
