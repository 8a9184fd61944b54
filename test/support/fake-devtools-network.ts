/**
 * A fake `devtools.network` fed from HAR entries, for the capture module's tests: the shell's edge
 * is the only place a fake belongs. It hands out request objects the way browsers do — without the
 * response body, which must be read with `getContent` — in Chrome's callback style or in the
 * promise style of webextension-polyfill and Firefox.
 */
import type { HarEntry } from '../../src/core/har';
import type { DevtoolsNetwork } from '../../src/devtools/network-source';

export type ContentStyle = 'callback' | 'promise';

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

  async getHAR(): Promise<{ entries: unknown[] }> {
    const entries = this.earlier.map((entry) => this.requestObject(entry));
    await sleep(this.harDelayMs);
    return { entries };
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
    if (this.style === 'callback') {
      // Chrome's own method: declares its callback, and reports failures as an empty body.
      return { ...copy, getContent(callback: (content: string | null, encoding: string) => void) {
        answer().then(([body, enc]) => callback(body, enc), () => callback(null, ''));
      } };
    }
    return { ...copy, getContent: () => answer() };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
