/**
 * The live capture: the one module that reads the browser's `devtools.network` API.
 *
 * On connect it loads what the inspected page already did (`getHAR()`), then follows
 * `onRequestFinished`, reading each body with `getContent`. Entries reach the panel in the order
 * the requests finished, even though bodies are read asynchronously. A request that finishes
 * while `getHAR()` is still answering can arrive both ways; it is delivered once.
 *
 * The API object is passed in (webextension-polyfill's `browser.devtools.network` in the panel, a
 * fake fed from a HAR in tests), so this module runs anywhere.
 */
import type { HarEntry } from '../core/har';
import type { CaptureSink, TrafficSource } from '../panel/host';
import { readContent } from './read-content';
import { hasAmzTarget } from '../core/calls';
import { readWholeForManagedLogin } from '../core/oauth/keep';
import { entryKey, fullEntry, lightEntry } from './plain-entry';

interface EventLike<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

/** The slice of `devtools.network` used here; Chrome's, Firefox's and the polyfill's all fit. */
export interface DevtoolsNetwork {
  getHAR(): Promise<{ entries?: unknown[] } | undefined>;
  onRequestFinished: EventLike<(request: never) => void>;
  onNavigated: EventLike<(url: string) => void>;
}

/**
 * Firefox (153) answers a getHAR() made as the panel page loads with an empty log, and with the
 * requests the toolbox recorded a moment later (seen: 0 entries at 30 ms, all at 214 ms). So the
 * first getHAR() waits a moment, and an empty answer is asked again after these delays. Live
 * requests wait behind it, so order still holds.
 *
 * (Also seen in Firefox: requests made while the panel starts can be missing from both getHAR() and
 * onRequestFinished. The cause is getHAR() itself: Firefox builds its answer on the network
 * monitor's own connector with that connector's store updates turned off (HarExporter.buildHarData,
 * `enableActions(false)` … `enableActions(true)`), and a request that starts during the build is
 * never added to the list both APIs read. Watched from inside firefox-esr 153 in the managed-login
 * e2e test: every lost request was added during a getHAR() build, none other. So each getHAR() call
 * here is a window in which Firefox loses requests: keep them few.)
 */
export const INITIAL_HAR_DELAY_MS = 250;
export const EMPTY_HAR_RETRIES_MS: readonly number[] = [500, 1000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function initialHar(network: DevtoolsNetwork, delayMs: number, retries: readonly number[]): Promise<{ entries?: unknown[] } | undefined> {
  if (delayMs > 0) await sleep(delayMs);
  let log = await network.getHAR();
  for (const delay of retries) {
    if (Array.isArray(log?.entries) && log.entries.length > 0) break;
    await sleep(delay);
    log = await network.getHAR();
  }
  return log;
}

/** How long after connecting a live copy of an initial-HAR request is still recognised as one. */
const DUPLICATE_WINDOW_MS = 30_000;

/**
 * Chrome's getHAR() lists requests still in flight, with status 0 and no response; their own
 * onRequestFinished comes later. Delivering the getHAR() copy and skipping the live one as a
 * duplicate showed a sign-in made as the panel opened as "NoResponse", failed (seen in e2e runs on a
 * loaded machine). Such an entry waits this long for its live copy, which replaces it; a request
 * that really got no answer (CORS, network error) is delivered as it is once the wait is over.
 */
export const UNFINISHED_WAIT_MS = 10_000;

/** A getHAR() entry with no answer yet, or none at all: the live copy, if one comes, is the one to keep. */
function unanswered(entry: HarEntry): boolean {
  return entry.response.status === 0;
}

export interface SourceOptions {
  /** How long to wait for DevTools to return one body before flagging it unreadable. */
  contentTimeoutMs?: number;
  /** Wait before the first `getHAR()` (see INITIAL_HAR_DELAY_MS). */
  initialHarDelayMs?: number;
  /** Delays before asking `getHAR()` again while it answers empty. */
  emptyHarRetriesMs?: readonly number[];
  /** How long an unanswered getHAR() entry waits for its live copy (see UNFINISHED_WAIT_MS). */
  unfinishedWaitMs?: number;
}

export function devtoolsTrafficSource(network: DevtoolsNetwork, options: SourceOptions = {}): TrafficSource {
  const toEntry = async (raw: unknown): Promise<HarEntry> => {
    // Managed-login redirects and endpoints are read whole (Location, token bodies); the panel's store keeps them.
    if (!hasAmzTarget(raw) && !readWholeForManagedLogin(raw)) return lightEntry(raw);
    return fullEntry(raw, await readContent(raw as Parameters<typeof readContent>[0], options.contentTimeoutMs));
  };
  return {
    connect(sink: CaptureSink) {
      let stopped = false;
      /** Serialises delivery: each entry waits for the one before it, whatever its body read takes. */
      let queue: Promise<void> = Promise.resolve();
      /** Live entries seen before the initial HAR was delivered, for de-duplication. */
      let seenBeforeHar: Set<string> | null = new Set();
      const deliveredFromHar = new Set<string>();
      /** Unanswered getHAR() entries waiting for their live copy (see UNFINISHED_WAIT_MS). */
      const awaitingLive = new Map<string, HarEntry>();
      let flushUnanswered: ReturnType<typeof setTimeout> | undefined;

      const enqueue = (pending: Promise<HarEntry[]>) => {
        queue = queue.then(async () => {
          const entries = await pending;
          if (!stopped && entries.length > 0) sink.add(entries);
        });
      };

      const onFinished = (raw: unknown) => {
        enqueue(toEntry(raw).then((entry) => {
          const key = entryKey(entry);
          if (seenBeforeHar) seenBeforeHar.add(key);
          // getHAR() saw it in flight: this finished copy replaces the unanswered one.
          if (awaitingLive.delete(key)) return [entry];
          // Already delivered as part of the initial HAR: skip (once; a real repeat is a new request).
          if (deliveredFromHar.delete(key)) return [];
          return [entry];
        }));
      };
      const onNavigated = (url: string) => {
        // Navigation is ordered with the entries around it, so Preserve log clears the right ones.
        queue = queue.then(() => {
          if (!stopped) sink.navigated(url);
        });
      };

      network.onRequestFinished.addListener(onFinished as (request: never) => void);
      network.onNavigated.addListener(onNavigated);

      const initial = initialHar(network, options.initialHarDelayMs ?? INITIAL_HAR_DELAY_MS,
        options.emptyHarRetriesMs ?? EMPTY_HAR_RETRIES_MS).then(async (log) => {
        const raws = Array.isArray(log?.entries) ? log.entries : [];
        const entries = await Promise.all(raws.map(toEntry));
        const seen = seenBeforeHar ?? new Set<string>();
        seenBeforeHar = null;
        // Entries already delivered live are not delivered again; the others are remembered so a
        // late live copy of the same request is skipped.
        const fresh = entries.filter((entry) => !seen.has(entryKey(entry)));
        const now: HarEntry[] = [];
        for (const entry of fresh) {
          if (unanswered(entry)) awaitingLive.set(entryKey(entry), entry);
          else {
            deliveredFromHar.add(entryKey(entry));
            now.push(entry);
          }
        }
        if (awaitingLive.size > 0) {
          flushUnanswered = setTimeout(() => {
            const left = [...awaitingLive.values()];
            awaitingLive.clear();
            enqueue(Promise.resolve(left));
          }, options.unfinishedWaitMs ?? UNFINISHED_WAIT_MS);
        }
        return now;
      }, () => {
        seenBeforeHar = null;
        return [];
      });
      // Live events can only fire after connect() returns, so the page's earlier requests, queued
      // first, reach the panel first.
      enqueue(initial);
      // Only requests finishing around the getHAR() call can come twice; forget the rest later.
      const forget = setTimeout(() => deliveredFromHar.clear(), DUPLICATE_WINDOW_MS);

      return () => {
        stopped = true;
        clearTimeout(forget);
        clearTimeout(flushUnanswered);
        network.onRequestFinished.removeListener(onFinished as (request: never) => void);
        network.onNavigated.removeListener(onNavigated);
      };
    },
  };
}
