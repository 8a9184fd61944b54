/**
 * A fake `devtools.network` fed from HAR entries, for the capture module's tests: the shell's edge
 * is the only place a fake belongs. It hands out request objects the way browsers do:
 * - `callback`: Chrome's own objects — no body, `getContent(callback(content, encoding))`;
 * - `promise`: webextension-polyfill's wrapper — `getContent()` resolves `[content, encoding]`;
 * - `firefox`: Firefox 153 as observed — bodies of non-text MIME types (Cognito's
 *   application/x-amz-json-1.1) base64-encoded with `response.content.encoding: "base64"` on the
 *   entry, `getContent(callback(content, mimeType))`, `getHAR()` entries as plain objects with the
 *   body inside and no getContent, and a first `getHAR()` that answers empty.
 */
import type { HarEntry } from '../../src/core/har';
import type { DevtoolsNetwork } from '../../src/devtools/network-source';

export type ContentStyle = 'callback' | 'promise' | 'firefox';

/** What getContent does for one entry: answer after `delayMs`, or fail in one of the ways seen. */
export type ContentBehaviour = { delayMs?: number; fail?: 'null' | 'throw' | 'never' };

type Listener<A> = (arg: A) => void;

class FakeEvent<A> {
  readonly listeners = new Set<Listener<A>>();
  addListener(listener: Listener<A>) { this.listeners.add(listener); }
  removeListener(listener: Listener<A>) { this.listeners.delete(listener); }
  fire(arg: A) { for (const listener of [...this.listeners]) listener(arg); }
}

export class FakeDevtoolsNetwork implements DevtoolsNetwork {
  readonly onRequestFinished = new FakeEvent<never>();
  readonly onNavigated = new FakeEvent<string>();
  /** Entries the page made before the panel connected (what getHAR returns). */
  readonly earlier: HarEntry[] = [];
  getContentCalls = 0;
  private harDelayMs = 0;
  private readonly behaviours = new Map<HarEntry, ContentBehaviour>();

  constructor(readonly style: ContentStyle = 'callback') {}

  behave(entry: HarEntry, behaviour: ContentBehaviour) { this.behaviours.set(entry, behaviour); }
  delayHar(ms: number) { this.harDelayMs = ms; }

  private harCalls = 0;

  async getHAR(): Promise<{ entries: unknown[] }> {
    this.harCalls += 1;
    await sleep(this.harDelayMs);
    if (this.style === 'firefox') {
      // The toolbox has not handed its log over yet on the first call.
      return { entries: this.harCalls === 1 ? [] : this.earlier.map((entry) => firefoxEntry(entry)) };
    }
    return { entries: this.earlier.map((entry) => this.requestObject(entry)) };
  }

  /** The page finished a request while the panel listens. */
  finish(entry: HarEntry) { this.onRequestFinished.fire(this.requestObject(entry) as never); }
  navigate(url: string) { this.onNavigated.fire(url); }

  /** The request as the API hands it out: body removed, getContent attached. */
  private requestObject(entry: HarEntry): unknown {
    const { text, encoding, ...content } = entry.response.content;
    const copy = { ...entry, response: { ...entry.response, content } };
    const behaviour = this.behaviours.get(entry) ?? {};
    const answer = async (): Promise<[string | null, string]> => {
      this.getContentCalls += 1;
      await sleep(behaviour.delayMs ?? 0);
      if (behaviour.fail === 'throw') throw new Error('No resource with given identifier found');
      if (behaviour.fail === 'never') await new Promise(() => undefined);
      return [behaviour.fail === 'null' ? null : text ?? null, encoding ?? ''];
    };
    if (this.style === 'firefox') {
      const firefox = firefoxEntry(entry);
      const { text: _body, ...withoutBody } = firefox.response.content;
      return { ...firefox, response: { ...firefox.response, content: withoutBody }, getContent(callback: (content: string | null, mimeType: string) => void) {
        answer().then(() => callback(behaviour.fail ? null : firefox.response.content.text ?? null, firefox.response.content.mimeType ?? ''), () => callback(null, ''));
      } };
    }
    if (this.style === 'callback') {
      // Chrome's own method: declares its callback, and reports failures as an empty body.
      return { ...copy, getContent(callback: (content: string | null, encoding: string) => void) {
        answer().then(([body, enc]) => callback(body, enc), () => callback(null, ''));
      } };
    }
    return { ...copy, getContent: () => answer() };
  }
}

/** The entry as Firefox gives it: a body of a non-text MIME type base64-encoded, saying so. */
function firefoxEntry(entry: HarEntry): HarEntry {
  const content = entry.response.content;
  const textual = /^(text\/|application\/json)/.test(content.mimeType ?? '');
  if (textual || typeof content.text !== 'string' || content.encoding === 'base64') return structuredClone(entry);
  return { ...structuredClone(entry), response: { ...entry.response, content: { ...content, text: Buffer.from(content.text).toString('base64'), encoding: 'base64' } } };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
