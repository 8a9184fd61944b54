/**
 * Reads a HAR file for the viewer page, from a stream of its bytes (a `?har=` download or a file
 * the user opened or dropped: the same path for both). In the reader worker when it runs
 * (viewer-worker.ts: parsed while it arrives, only kept entries cross over), otherwise on the
 * page (decoded while it arrives, parsed whole at the end).
 */
import type { HarEntry } from '../core/har';
import type { ParsedHar } from '../core/salvage';
import { HarStreamReader } from './viewer-har-stream';
import type { FromReader, ToReader } from './viewer-reader-protocol';

export type HarRead =
  | { ok: true; entries: HarEntry[]; skipped: number; truncated: ParsedHar['truncated'] }
  /** Not a usable HAR; `message` says why (parseHarText's words). */
  | { ok: false; message: string };

/** However busy the machine, a worker that has not started by then is not coming. */
const WORKER_START_MS = 10_000;

/** Starts the reader worker; null when this browser cannot run it (the page then reads on its own). */
export function startReaderWorker(): Promise<Worker | null> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./viewer-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const settle = (ready: boolean) => {
      clearTimeout(timer);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      if (!ready) worker.terminate();
      resolve(ready ? worker : null);
    };
    const onMessage = (event: MessageEvent<FromReader>) => { if (event.data.type === 'ready') settle(true); };
    const onError = (event: Event) => {
      event.preventDefault();
      settle(false);
    };
    const timer = setTimeout(() => settle(false), WORKER_START_MS);
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
}

let files = 0;

/** Reads `stream` through the worker. Rejects only when reading the bytes fails (or the worker dies). */
async function readInWorker(worker: Worker, stream: ReadableStream<Uint8Array>): Promise<HarRead> {
  const id = ++files;
  const kept: unknown[] = [];
  let stop = () => undefined as void;
  const result = new Promise<HarRead>((resolve, reject) => {
    stop = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    const onMessage = ({ data }: MessageEvent<FromReader>) => {
      if (data.type === 'ready' || data.id !== id) return;
      if (data.type === 'entries') {
        for (const entry of 'json' in data ? JSON.parse(data.json) as unknown[] : data.entries) kept.push(entry);
        return;
      }
      stop();
      if (data.type === 'failed') resolve({ ok: false, message: data.message });
      else resolve({ ok: true, entries: (data.replace ? data.entries : kept.concat(data.entries)) as HarEntry[], skipped: data.skipped, truncated: data.truncated });
    };
    const onError = (event: Event) => {
      event.preventDefault();
      stop();
      reject(new Error('the HAR reader stopped'));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
  const send = (message: ToReader, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  send({ type: 'begin', id });
  const reader = stream.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      // Handed over, not copied; a chunk that is only part of its buffer is copied first.
      const bytes = chunk.value.byteOffset === 0 && chunk.value.byteLength === chunk.value.buffer.byteLength ? chunk.value : chunk.value.slice();
      send({ type: 'bytes', id, bytes }, [bytes.buffer]);
    }
  } catch (error) {
    stop();
    send({ type: 'abandon', id });
    throw error;
  }
  send({ type: 'end', id });
  return result;
}

/** Reads `stream` on the page. Rejects only when reading the bytes fails. */
async function readOnPage(stream: ReadableStream<Uint8Array>): Promise<HarRead> {
  const har = new HarStreamReader(undefined, false);
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) har.push(chunk.value);
  let parsed: ParsedHar;
  try {
    const result = har.finish();
    // Not streaming: always the whole text, parsed at the end.
    parsed = result.streamed ? { har: result.har, truncated: null } : result.parsed;
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'not a HAR file' };
  }
  // All of them: the store keeps what it keeps and counts the rest, as for live traffic.
  return { ok: true, entries: parsed.har.log.entries, skipped: 0, truncated: parsed.truncated };
}

export function readHar(stream: ReadableStream<Uint8Array>, worker: Worker | null): Promise<HarRead> {
  return worker ? readInWorker(worker, stream) : readOnPage(stream);
}
