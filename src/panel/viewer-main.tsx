/**
 * The plain HAR viewer page: the panel fed by a HAR file from the file picker, a drop onto the
 * page, or `?har=<same-origin url>` (tests, demos). Nothing leaves the page but replays the
 * user sends.
 */
import { truncationNote } from '../core/salvage';
import { readHar, startReaderWorker, type HarRead } from './viewer-reader';
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

/** Marks when a file's entries are on the page (the panel bench reports the time up to it). */
const HAR_READ_MARK = 'viewer:har-read';

/** Started with the page, so it is running by the time a file arrives. */
const readerWorker = startReaderWorker();

/** Shows what was read: the entries, or why the file is not a usable HAR. */
function show(name: string, read: HarRead): void {
  performance.mark(HAR_READ_MARK);
  if (!read.ok) {
    showError(`${name}: ${read.message}`);
    return;
  }
  // A cut-off file still shows its complete entries, with what was lost said next to its name.
  showError(read.truncated ? `${name}: ${truncationNote(read.truncated)}` : '');
  if (nameLabel) nameLabel.textContent = name;
  source.load(name, read.entries, read.skipped);
}

/** A file the user opened or dropped: read the same way as `?har=`, as its bytes come off the disk. */
async function loadFile(file: File): Promise<void> {
  let read: HarRead;
  try {
    read = await readHar(file.stream(), await readerWorker);
  } catch (error) {
    showError(`Could not read ${file.name}: ${error instanceof Error ? error.message : 'failed'}`);
    return;
  }
  show(file.name, read);
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
    // Read as it downloads; `response.body` is null only for an empty answer.
    const read = await readHar(response.body ?? new Blob([]).stream(), await readerWorker);
    show(url.pathname.split('/').pop() ?? 'HAR', read);
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
