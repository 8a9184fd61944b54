/**
 * Reading a HAR file that was cut off (a size limit in a chat or mail, a crashed save): the
 * complete entries before the cut are still good evidence. `parseHarText` parses a HAR; when the
 * text is not valid JSON but has a `"entries": [` list, it keeps every entry that is complete and
 * says how many characters were lost, instead of refusing the whole file.
 */
import { HarFormatError, assertHar } from './analyze';
import type { Har } from './har';

export interface ParsedHar {
  har: Har;
  /** Set when the file was cut off: how many entries were whole, and where the text stops being usable. */
  truncated: { entries: number; keptChars: number; totalChars: number } | null;
}

const ENTRIES_START = /"entries"\s*:\s*\[/;

/** End offsets (exclusive) of each complete top-level value of the array that starts at `from`. */
function completeElementEnds(text: string, from: number): number[] {
  const ends: number[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') {
      if (depth === 0) break; // the entries list itself closed: the file was not cut inside it
      depth -= 1;
      if (depth === 0) ends.push(i + 1);
    }
  }
  return ends;
}

function parsePrefix(text: string, start: number, end: number): Har | null {
  try {
    const value = JSON.parse(`{"log":{"entries":[${text.slice(start, end)}]}}`) as unknown;
    assertHar(value);
    return value;
  } catch {
    return null;
  }
}

function salvage(text: string): ParsedHar | null {
  const match = ENTRIES_START.exec(text);
  if (!match) return null;
  const start = match.index + match[0].length;
  const ends = completeElementEnds(text, start);
  const endOf = (n: number) => (n === 0 ? start : (ends[n - 1] ?? start));
  // If some complete-looking entry is not valid JSON inside, keep the entries before it: the
  // prefixes that parse are exactly those shorter than the first bad entry, so search for the
  // longest one (a few parses, not one per entry).
  let good = -1;
  let bad = ends.length + 1;
  while (bad - good > 1) {
    const mid = good === -1 && bad === ends.length + 1 ? ends.length : Math.floor((good + bad) / 2);
    if (parsePrefix(text, start, endOf(mid))) good = mid;
    else bad = mid;
  }
  // Cut off before the first complete entry: nothing to show, so it is just not a usable file.
  if (good <= 0) return null;
  const har = parsePrefix(text, start, endOf(good));
  return har ? { har, truncated: { entries: good, keptChars: endOf(good), totalChars: text.length } } : null;
}

/**
 * Parses HAR text (a leading byte-order mark is ignored). Throws `HarFormatError` with a one-line
 * reason when nothing usable is there; a cut-off file comes back with `truncated` set.
 */
export function parseHarText(raw: string): ParsedHar {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const salvaged = salvage(text);
    if (salvaged) return salvaged;
    throw new HarFormatError(`not JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
  assertHar(value);
  return { har: value, truncated: null };
}

/** "cut off after 12 complete entries (41,230 of 52,004 characters read)". */
export function truncationNote(truncated: NonNullable<ParsedHar['truncated']>): string {
  const n = truncated.entries;
  return `the file is cut off: read ${n} complete ${n === 1 ? 'entry' : 'entries'} (${truncated.keptChars.toLocaleString('en-US')} of ${truncated.totalChars.toLocaleString('en-US')} characters); the rest is lost`;
}
