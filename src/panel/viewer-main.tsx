/**
 * The plain HAR viewer page: the panel fed by a HAR file from the file picker, a drop onto the
 * page, or `?har=<same-origin url>` (tests, demos). Nothing leaves the page but replays the
 * user sends.
 */
import { truncationNote } from '../core/salvage';
import { keptInCapture } from './capture-filter';
import { readKeptEntries, type KeptEntries } from './viewer-har-runs';
import { HarFileSource, createViewerHost } from './viewer-host';
import { mountPanel } from './mount';

const source = new HarFileSource();
const root = document.getElementById('panel-root');
const nameLabel = document.getElementById('har-name');
const errorLabel = document.getElementById('load-error');
const picker = document.getElementById('har-file') as HTMLInputElement | null;

function showError(message: string): void {
  if (errorLabel) errorLabel.textContent = message;
}

/** Marks when a file's entries are parsed and on their way to the panel (the panel bench reports it). */
const HAR_READ_MARK = 'viewer:har-read';

/** Parses the file's text and shows its entries, or why it is not a usable HAR. */
function load(name: string, pieces: readonly string[]): void {
  let read: KeptEntries;
  try {
    // Only the entries the panel keeps are held on to, as the file is parsed (viewer-har-runs.ts).
    read = readKeptEntries(pieces, keptInCapture);
  } catch (error) {
    showError(`${name}: ${error instanceof Error ? error.message : 'not a HAR file'}`);
    return;
  }
  performance.mark(HAR_READ_MARK);
  // A cut-off file still shows its complete entries, with what was lost said next to its name.
  showError(read.truncated ? `${name}: ${truncationNote(read.truncated)}` : '');
  if (nameLabel) nameLabel.textContent = name;
  source.load(name, read.entries, read.skipped);
}

/**
 * The file's text in the pieces it arrives in, each decoded as it comes (UTF-8, a byte-order mark
 * dropped, as `Response.text()` and `File.text()` read it): decoding a 100 MB body after its last
 * byte held up the first render by some 80 ms. The pieces are not joined (viewer-har-runs.ts).
 */
async function textPieces(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const pieces: string[] = [];
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) pieces.push(decoder.decode(chunk.value, { stream: true }));
  pieces.push(decoder.decode());
  return pieces;
}

/** A file the user opened or dropped: read the same way as `?har=`. */
async function loadFile(file: File): Promise<void> {
  let pieces: string[];
  try {
    pieces = await textPieces(file.stream());
  } catch (error) {
    showError(`Could not read ${file.name}: ${error instanceof Error ? error.message : 'failed'}`);
    return;
  }
  load(file.name, pieces);
}

/** `?har=` must name a file of this same site: the viewer never fetches from elsewhere. */
async function loadFromQuery(): Promise<void> {
  const param = new URLSearchParams(location.search).get('har');
  if (!param) return;
  const url = new URL(param, location.href);
  if (url.origin !== location.origin) {
    showError(`?har= must be a same-origin URL; ${url.origin} is not ${location.origin}.`);
    return;
  }
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    // `response.body` is null only for an empty answer.
    load(url.pathname.split('/').pop() ?? 'HAR', response.body ? await textPieces(response.body) : []);
  } catch (error) {
    showError(`Could not load ${url.pathname}: ${error instanceof Error ? error.message : 'failed'}`);
  }
}

picker?.addEventListener('change', () => {
  const file = picker.files?.[0];
  if (file) void loadFile(file);
  picker.value = '';
});

document.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.body.classList.add('drop-target');
});
document.addEventListener('dragleave', () => document.body.classList.remove('drop-target'));
document.addEventListener('drop', (event) => {
  event.preventDefault();
  document.body.classList.remove('drop-target');
  const file = event.dataTransfer?.files[0];
  if (file) void loadFile(file);
});

if (root) mountPanel(root, createViewerHost(source));
void loadFromQuery();
