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

let current: { id: number; reader: HarStreamReader; skipped: number } | null = null;

/** The entries the panel keeps; the others are counted on `file`. */
function keep(file: { skipped: number }, entries: readonly unknown[]): unknown[] {
  const kept: unknown[] = [];
  for (const entry of entries) {
    if (keptInCapture(entry)) kept.push(entry);
    else file.skipped += 1;
  }
  return kept;
}

function begin(id: number): void {
  const file = { id, skipped: 0, reader: null as unknown as HarStreamReader };
  file.reader = new HarStreamReader((entries, texts) => {
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
  });
  current = file;
}

function end(id: number): void {
  const file = current;
  current = null;
  if (!file || file.id !== id) return;
  try {
    const parsed = file.reader.finish();
    if (file.reader.streamed) {
      scope.postMessage({ type: 'done', id, entries: [], replace: false, skipped: file.skipped, truncated: null });
      return;
    }
    file.skipped = 0;
    const kept = keep(file, parsed.har.log.entries);
    scope.postMessage({ type: 'done', id, entries: kept, replace: true, skipped: file.skipped, truncated: parsed.truncated });
  } catch (error) {
    scope.postMessage({ type: 'failed', id, message: error instanceof Error ? error.message : 'not a HAR file' });
  }
}

scope.onmessage = ({ data }) => {
  if (data.type === 'begin') begin(data.id);
  else if (data.type === 'bytes') {
    if (current?.id === data.id) current.reader.push(data.bytes);
  } else end(data.id);
};
scope.postMessage({ type: 'ready' });
