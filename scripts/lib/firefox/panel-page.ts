/**
 * Runs a script inside the Cognito panel page. In Firefox the panel is a remote `<browser>` (in the
 * extension process) inside the toolbox's `toolbox-panel-iframe-<tool id>`; Marionette cannot
 * switch into it, so the script is sent as a frame script through that browser's message manager
 * and answers with a message. The script runs with the panel's `document` and a `wait(predicate,
 * what)` that polls until the predicate returns something truthy or the time is up.
 */
import type { Marionette } from './marionette';
import { CHROME_PRELUDE } from './toolbox';

/**
 * `source` is a JavaScript function expression `async (document, wait, ...args) => value`;
 * the value must be JSON. Throws with the script's own error (e.g. what `wait` waited for).
 */
export async function inPanel<T>(marionette: Marionette, source: string, args: unknown[] = [], timeoutMs = 10_000): Promise<T> {
  await marionette.setContext('chrome');
  // The frame script: `content` is the panel window, `sendAsyncMessage` answers the chrome side.
  const frameScript = `(async (reply, args, timeoutMs) => {
    const wait = async (predicate, what) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = predicate();
        if (value) return value;
        if (Date.now() > deadline) throw new Error('waited ' + timeoutMs + ' ms for ' + what);
        await new Promise((resolve) => content.setTimeout(resolve, 50));
      }
    };
    try {
      const value = await (${source})(content.document, wait, ...args);
      sendAsyncMessage(reply, { ok: true, value: JSON.parse(JSON.stringify(value ?? null)) });
    } catch (error) {
      sendAsyncMessage(reply, { ok: false, error: String(error && error.message || error) });
    }
  })`;
  const answer = await marionette.executeAsync<{ ok: boolean; value?: T; error?: string }>(`${CHROME_PRELUDE}
    const [frameScript, args, timeoutMs] = arguments;
    const toolbox = gDevTools.getToolboxForTab(tab);
    const tool = toolbox && cognitoTool(toolbox);
    const deadline = Date.now() + timeoutMs;
    (async () => {
      if (!tool) return done({ ok: false, error: 'no toolbox with the Cognito panel' });
      // The panel's <browser> exists once the panel was selected and has loaded the extension page.
      let browser = null;
      while (Date.now() < deadline) {
        const iframe = toolbox.doc.getElementById('toolbox-panel-iframe-' + tool.id);
        browser = iframe && iframe.contentDocument && iframe.contentDocument.querySelector('browser');
        if (browser && browser.messageManager && browser.currentURI && browser.currentURI.spec.startsWith('moz-extension:')) break;
        browser = null;
        await sleep(50);
      }
      if (!browser) return done({ ok: false, error: 'the Cognito panel page did not load (was the panel selected?)' });
      const reply = 'cfi-e2e-' + Math.random().toString(36).slice(2);
      const mm = browser.messageManager;
      const timer = win.setTimeout(() => done({ ok: false, error: 'the panel script did not answer within ' + (timeoutMs + 2000) + ' ms' }), timeoutMs + 2000);
      mm.addMessageListener(reply, function answer(message) {
        mm.removeMessageListener(reply, answer);
        win.clearTimeout(timer);
        done(message.data);
      });
      const call = frameScript + '(' + JSON.stringify(reply) + ', ' + JSON.stringify(args) + ', ' + JSON.stringify(Math.max(0, deadline - Date.now())) + ')';
      mm.loadFrameScript('data:,' + encodeURIComponent(call), false);
    })().catch((error) => done({ ok: false, error: String(error) }));`, [frameScript, args, timeoutMs], timeoutMs + 5_000);
  if (!answer.ok) throw new Error(`in the Cognito panel: ${answer.error ?? 'no answer'}`);
  return answer.value as T;
}
