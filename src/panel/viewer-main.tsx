/**
 * The plain HAR viewer page: the panel fed by a HAR file from the file picker, a drop onto the
 * page, or `?har=<same-origin url>` (tests, demos). Nothing leaves the page but replays the
 * user sends.
 */
import { parseHarText, truncationNote, type ParsedHar } from '../core/salvage';
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

function loadText(name: string, text: string): void {
  let parsed: ParsedHar;
  try {
    parsed = parseHarText(text);
  } catch (error) {
    showError(`${name}: ${error instanceof Error ? error.message : 'not a HAR file'}`);
    return;
  }
  // A cut-off file still shows its complete entries, with what was lost said next to its name.
  showError(parsed.truncated ? `${name}: ${truncationNote(parsed.truncated)}` : '');
  if (nameLabel) nameLabel.textContent = name;
  source.load(name, parsed.har.log.entries);
}

async function loadFile(file: File): Promise<void> {
  loadText(file.name, await file.text());
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
    loadText(url.pathname.split('/').pop() ?? 'HAR', await response.text());
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
