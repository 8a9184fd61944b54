/**
 * The HAR viewer's reader, in a worker: it parses a file while its bytes arrive
 * (viewer-har-stream.ts) and sends the page only the entries the panel keeps (capture-filter.ts).
 * The page's main thread stays free during the download, so the download is not slowed by the
 * parsing (a busy page stops reading and the browser stops receiving), and a 100 MB capture of
 * which a fifth are Cognito calls crosses to the page as that fifth.
 */
import { keptInCapture } from './capture-filter';
import { HarStreamReader } from './viewer-har-stream';
import type { FromReader, ToReader } from './viewer-reader-protocol';

interface WorkerScope {
  postMessage(message: FromReader): void;
  onmessage: ((event: MessageEvent<ToReader>) => void) | null;
}
const scope = self as unknown as WorkerScope;

/** A file being read: its reader, and how many of its entries were not kept. */
interface FileRead {
  reader: HarStreamReader;
  skipped: number;
}

const files = new Map<number, FileRead>();

/** The entries the panel keeps; the others are counted on `file`. */
function keep(file: { skipped: number }, entries: readonly unknown[]): unknown[] {
  const kept: unknown[] = [];
  for (const entry of entries) {
    if (keptInCapture(entry)) kept.push(entry);
    else file.skipped += 1;
  }
  return kept;
}

/** Sends the kept ones of a run of entries as they are parsed: as their text when it was cut out. */
function sendKept(id: number, file: { skipped: number }, entries: readonly unknown[], texts: readonly string[] | null): void {
  if (!texts) {
    const kept = keep(file, entries);
    if (kept.length > 0) scope.postMessage({ type: 'entries', id, entries: kept });
    return;
  }
  const kept: string[] = [];
  entries.forEach((entry, k) => {
    if (keptInCapture(entry)) kept.push(texts[k]!);
    else file.skipped += 1;
  });
  if (kept.length > 0) scope.postMessage({ type: 'entries', id, json: `[${kept.join(',')}]` });
}

function begin(id: number): void {
  const counts = { skipped: 0 };
  const reader = new HarStreamReader((entries, texts) => sendKept(id, counts, entries, texts));
  files.set(id, Object.assign(counts, { reader }));
}

function end(id: number): void {
  const file = files.get(id);
  files.delete(id);
  if (!file) return;
  try {
    const result = file.reader.finish();
    if (result.streamed) {
      scope.postMessage({ type: 'done', id, entries: [], replace: false, skipped: file.skipped, truncated: null });
      return;
    }
    // Parsed again as a whole: what was sent while it arrived does not count.
    const whole = { skipped: 0 };
    const kept = keep(whole, result.parsed.har.log.entries);
    scope.postMessage({ type: 'done', id, entries: kept, replace: true, skipped: whole.skipped, truncated: result.parsed.truncated });
  } catch (error) {
    scope.postMessage({ type: 'failed', id, message: error instanceof Error ? error.message : 'not a HAR file' });
  }
}

scope.onmessage = ({ data }) => {
  if (data.type === 'begin') begin(data.id);
  else if (data.type === 'bytes') files.get(data.id)?.reader.push(data.bytes);
  else if (data.type === 'end') end(data.id);
  else files.delete(data.id);
};
scope.postMessage({ type: 'ready' });
