/**
 * The sign-in a page embeds in an iframe (a login widget): same app, same endpoint, a different
 * frame. The inspected tab's iframes are captured too; this page lets the demo and the e2e tests
 * show it. It reports back to the page that embedded it with postMessage.
 */
import { loadConfig } from './config';
import { signIn } from './sign-in';

export interface FrameResult {
  source: 'cognito-demo-frame';
  ok: boolean;
  text: string;
}

function report(result: Omit<FrameResult, 'source'>): void {
  const status = document.getElementById('frame-status');
  if (status) status.textContent = result.text;
  const message: FrameResult = { source: 'cognito-demo-frame', ...result };
  window.parent.postMessage(message, window.location.origin);
}

async function run(): Promise<void> {
  const config = await loadConfig();
  const step = await signIn(config, config.users.plain);
  if (step.kind !== 'signed-in') throw new Error(`unexpected challenge for ${config.users.plain.username}`);
  report({ ok: true, text: `Signed in as ${step.username} (in an iframe)` });
}

run().catch((error: unknown) => report({ ok: false, text: error instanceof Error ? error.message : String(error) }));
