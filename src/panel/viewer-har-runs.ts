/**
 * Parses a HAR's `log.entries` a run of entries at a time instead of in one `JSON.parse`, so that
 * the viewer can let go of the entries the panel does not keep (most of a big capture: page
 * traffic) as soon as they are parsed. One parse of a 100 MB file keeps every entry alive until
 * the end, and the garbage collector copies all of them out of the young generation on the way;
 * entries dropped run by run die young, which costs it next to nothing. The text is taken in the
 * pieces it was decoded in, so it is never joined into one 100 MB string either.
 *
 * Where to cut: a HAR laid out one value per line (JSON.stringify with an indent, as browsers
 * export them) ends an entry on a line holding only `}` at the entries' indent, so the last such
 * line of each piece is found from its end; otherwise strings and brackets are followed character
 * by character. A cut is never trusted, only the parse (issue 13):
 * - each run is parsed after a comma (`[0` + run + `]`), so the runs, joined, must be a valid list
 *   of values (a cut inside an entry, a missing comma, a stray character fail it);
 * - the text around the entries, with a marker string in their place, must parse, and its
 *   `log.entries` must be exactly `[marker]` (so the list cut was `log.entries`, not another one,
 *   and no later duplicate key replaces it).
 * JSON's grammar has one parse per text, so the entries are then exactly those `JSON.parse` of the
 * whole file gives, in order. Anything else (not JSON, cut off, an unusual layout that fails a run)
 * is parsed whole by `parseHarText`, with the same result and messages as before.
 */
import { assertHar } from '../core/analyze';
import type { Har, HarEntry } from '../core/har';
import { isObject } from '../core/json';
import { parseHarText, type ParsedHar } from '../core/salvage';

/** Where `log.entries` opens. `"entries"` with unescaped quotes cannot be inside a string, so its `[` is JSON's. */
const ENTRIES_START = /"entries"\s*:\s*\[/;
/** The entries must open within this many characters of the start (HAR writers put `log`'s small fields first). */
const HEAD_LIMIT = 1 << 20;
/** Stands for the entries when the rest of the file is parsed. A NUL can only be written `\u0000` in JSON text. */
const MARKER = '\u0000har-entries';
const MARKER_JSON = '"\\u0000har-entries"';

/**
 * A run of entries is cut at the first entry end past this many characters (see `cut`): its text,
 * flattened for `JSON.parse`, then stays under V8's 128 KB limit for young-generation objects even
 * when it is two bytes a character. Reading the bench's 107 MB file in Node, in the 2 MB pieces
 * Chromium hands out: runs of 16 K, 32 K, 64 K and 256 K characters cost about 270, 220, 220-240
 * and 290 ms of CPU; one run per piece, 370-440 ms.
 */
export const RUN_CHARS = 1 << 15;

const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * What `finish` found. `runs`: the listener saw every entry, in order, and `har` is the file
 * without them (`log.entries` empty). `whole`: the text was parsed in one piece (`parsed`, as
 * parseHarText gives it) and what the listener saw does not count.
 */
export type HarRunsResult = { kind: 'runs'; har: Har } | { kind: 'whole'; parsed: ParsedHar };

export class HarRunsParser {
  /** `onEntries` sees each run of entries as it is parsed; keep what you need, the parser keeps none. */
  constructor(private readonly onEntries: (entries: readonly unknown[]) => void) {}

  /** All the text, for parsing it whole. */
  private readonly pieces: string[] = [];
  /** False once runs cannot be used: the whole text is parsed at the end. */
  private inRuns = true;
  /** Text before the entries' `[` was found; then the text up to and including it. */
  private head = '';
  private inEntries = false;
  /** `\n` + the entries' indent + `}` when the file is laid out one value per line. */
  private lineEnd: string | null = null;
  /**
   * Text of entries not parsed yet, joined with `+`: V8 and SpiderMonkey make a rope of it rather
   * than a copy, so a run's text is copied once, by the `JSON.parse` that flattens it. (Joined with
   * `join('')` first, every run was copied twice: 30 of the 250 ms Chromium took to read the
   * bench's 107 MB file.)
   */
  private open = '';
  private depth = 0;
  private inString = false;
  /** Backslashes ending the last piece inside a string (they may escape the next piece's quote). */
  private backslashes = 0;
  private runs = 0;
  /** From the entries' closing `]` on; null until it was found. */
  private tail: string[] | null = null;

  /** Takes the next piece of the file's text. */
  push(text: string): void {
    if (text === '') return;
    this.pieces.push(text);
    if (!this.inRuns) return;
    try {
      this.read(text);
    } catch {
      this.inRuns = false;
    }
  }

  /** Throws `HarFormatError` when the file is not a usable HAR, exactly as `parseHarText` does. */
  finish(): HarRunsResult {
    if (this.inRuns && this.lineEnd !== null && !this.tail) {
      // After the last entry cut at a line: the entries' `]` and the rest of the file.
      const rest = this.open;
      this.open = '';
      this.lineEnd = null;
      try {
        this.scan(rest);
      } catch {
        this.inRuns = false;
      }
    }
    const har = this.inRuns && this.tail ? this.skeleton() : null;
    if (har) return { kind: 'runs', har };
    return { kind: 'whole', parsed: parseHarText(this.pieces.join('')) };
  }

  private read(text: string): void {
    if (this.tail) {
      this.tail.push(text);
      return;
    }
    if (this.inEntries) {
      this.cut(text);
      return;
    }
    this.head += text;
    const match = ENTRIES_START.exec(this.head);
    if (!match) {
      if (this.head.length > HEAD_LIMIT) this.inRuns = false;
      return;
    }
    const start = match.index + match[0].length;
    const rest = this.head.slice(start);
    this.head = this.head.slice(0, start);
    this.inEntries = true;
    const indent = /^\r?\n([ \t]+)\{/.exec(rest);
    if (indent) this.lineEnd = `\n${indent[1]}}`;
    this.cut(rest);
  }

  /** Parses the entries that end in `s` (see the top of this file for where it cuts). */
  private cut(s: string): void {
    if (this.lineEnd === null) {
      this.scan(s);
      return;
    }
    const at = s.lastIndexOf(this.lineEnd);
    if (at < 0) {
      this.open += s;
      return;
    }
    const end = at + this.lineEnd.length;
    // Runs of about RUN_CHARS, not one per piece (browsers hand out pieces of up to 2 MB): a short
    // run's text is flattened and parsed in the young generation, a long one's in large-object space.
    for (let from = 0; from < end;) {
      const next = from + RUN_CHARS >= at ? -1 : s.indexOf(this.lineEnd, from + RUN_CHARS);
      const to = next < 0 || next >= at ? end : next + this.lineEnd.length;
      const run = this.open + s.slice(from, to);
      this.open = '';
      try {
        this.parseRun(run);
      } catch {
        // Not laid out as it looked: from the last good cut on, follow strings and brackets.
        this.lineEnd = null;
        this.scan(run);
        this.scan(s.slice(to));
        return;
      }
      from = to;
    }
    this.open = s.slice(end);
  }

  /** Follows strings and brackets through `s`: parses the entries that end in it, keeps the rest. */
  private scan(s: string): void {
    // Locals in the loop, fields between pieces: this loop reads every character outside strings.
    const n = s.length;
    let depth = this.depth;
    let inString = this.inString;
    let lastEnd = -1;
    let close = -1;
    /** Where the next run starts in `s` (after `this.open`). */
    let from = 0;
    let i = 0;
    while (i < n) {
      if (inString) {
        const quote = s.indexOf('"', i);
        if (quote < 0) {
          let run = 0;
          while (run < n - i && s.charCodeAt(n - 1 - run) === BACKSLASH) run++;
          this.backslashes = run === n ? this.backslashes + run : run;
          break;
        }
        let before = quote;
        while (before > 0 && s.charCodeAt(before - 1) === BACKSLASH) before--;
        const run = quote - before + (before === 0 ? this.backslashes : 0);
        if (run % 2 === 0) inString = false;
        // Backslashes carried from the last piece end at the first quote of this one.
        this.backslashes = 0;
        i = quote + 1;
        continue;
      }
      const c = s.charCodeAt(i);
      i++;
      if (c <= SPACE) continue;
      if (c === QUOTE) {
        inString = true;
        this.backslashes = 0;
      } else if (c === 123 || c === 91) depth++; // { [
      else if (c === 125 || c === 93) { // } ]
        if (depth === 0) {
          close = i - 1;
          break;
        }
        depth--;
        if (depth === 0) {
          lastEnd = i;
          // Runs of about RUN_CHARS here too (see `cut`).
          if (i - from >= RUN_CHARS) {
            this.parseRun(this.open + s.slice(from, i));
            this.open = '';
            from = i;
          }
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    if (close >= 0) {
      const run = this.open + s.slice(from, close);
      this.open = '';
      // The entries since the last run, if any: whitespace alone (up to the `]`) is none.
      if (run.trim() !== '') this.parseRun(run);
      this.tail = [s.slice(close)];
      return;
    }
    if (lastEnd < 0) {
      this.open += s;
      return;
    }
    const run = this.open + s.slice(from, lastEnd);
    this.open = s.slice(lastEnd);
    if (run !== '') this.parseRun(run);
  }

  /** Parses a run of whole entries; after the first run, each starts with the comma before it. */
  private parseRun(run: string): void {
    const first = this.runs === 0;
    const values = JSON.parse(first ? `[${run}]` : `[0${run}]`) as unknown[];
    if (!first) values.shift();
    this.runs++;
    this.onEntries(values);
  }

  /** The file without its entries, or null when it does not confirm the cut (see the top of this file). */
  private skeleton(): Har | null {
    const tail = this.tail!.join('');
    if (this.head.includes('\\u0000') || tail.includes('\\u0000')) return null;
    let value: unknown;
    try {
      value = JSON.parse(this.head + MARKER_JSON + tail) as unknown;
    } catch {
      return null;
    }
    if (!isObject(value) || !isObject(value.log)) return null;
    const listed = value.log.entries;
    if (!Array.isArray(listed) || listed.length !== 1 || listed[0] !== MARKER) return null;
    value.log.entries = [];
    assertHar(value);
    return value;
  }
}

/** A HAR's entries that `keep` accepts, and how many it did not. */
export interface KeptEntries {
  entries: HarEntry[];
  skipped: number;
  truncated: ParsedHar['truncated'];
}

/**
 * Parses the HAR whose text is `pieces` (in order), keeping the entries `keep` accepts and
 * counting the others. Throws `HarFormatError` as `parseHarText` does. A file parsed whole (cut
 * off, or not laid out for runs) is filtered the same way.
 */
export function readKeptEntries(pieces: readonly string[], keep: (entry: unknown) => boolean): KeptEntries {
  let entries: HarEntry[] = [];
  let skipped = 0;
  const sort = (values: readonly unknown[]) => {
    for (const value of values) {
      if (keep(value)) entries.push(value as HarEntry);
      else skipped += 1;
    }
  };
  const parser = new HarRunsParser(sort);
  for (const piece of pieces) parser.push(piece);
  const result = parser.finish();
  if (result.kind === 'runs') return { entries, skipped, truncated: null };
  entries = [];
  skipped = 0;
  sort(result.parsed.har.log.entries);
  return { entries, skipped, truncated: result.parsed.truncated };
}
