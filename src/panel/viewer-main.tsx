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

/**
 * The body as text, decoded chunk by chunk while it downloads: `response.text()` decodes the
 * whole 100 MB after the last byte, which held up the first render by some 80 ms.
 */
async function bodyText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return response.text();
  // UTF-8, as response.text() reads it (a leading byte-order mark dropped).
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parts.push(decoder.decode(chunk.value, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
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
    loadText(url.pathname.split('/').pop() ?? 'HAR', await bodyText(response));
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
