/**
 * Reads a HAR while its bytes arrive, so that most of the parsing is done by the time the last
 * byte is in (the viewer's `?har=` download, or a file read from disk): one `JSON.parse` of a
 * 100 MB file after the last byte held up the viewer's first render by some 160 ms.
 *
 * `log.entries` is cut into runs of whole entries as they arrive, and each run is parsed on its
 * own; the rest of the file (`log` without its entries) is parsed at the end. The cutting only
 * needs to know where strings start and end, and the result is trusted only when JSON's grammar
 * says it is the whole file's parse:
 * - the text around the entries, with a marker string in the entries' place, parses, and its
 *   `log.entries` is exactly `[marker]` (so the `[` found is `log.entries`'s, not another list's);
 * - the runs, joined by the commas between them, are a valid list of values: each run is parsed
 *   after a comma (`[0` + run + `]`), so a missing comma or a stray character fails it.
 * JSON's grammar has one parse per text, so this is then the same value `JSON.parse` of the whole
 * file gives. Anything else (not JSON, cut off, a HAR laid out some other way) falls back to
 * `parseHarText` on the whole text, with the same result and the same messages as before.
 */
import { assertHar } from '../core/analyze';
import { isObject } from '../core/json';
import type { Har } from '../core/har';
import { parseHarText, type ParsedHar } from '../core/salvage';

/** Called with each run of entries parsed, and their texts (see the constructor). */
export type EntriesListener = (entries: readonly unknown[], texts: readonly string[] | null) => void;

/**
 * The text of each entry of a run that parsed into one value per entry end: from the end of the
 * one before (after the separating comma; the whitespace around it is JSON's) to its own end.
 */
function entryTexts(run: string, ends: readonly number[], firstRun: boolean): string[] {
  const texts: string[] = [];
  let from = 0;
  ends.forEach((end, k) => {
    // Up to an entry's first character there is only whitespace and, but for the file's first, one comma.
    const start = firstRun && k === 0 ? from : run.indexOf(',', from) + 1;
    texts.push(run.slice(start, end));
    from = end;
  });
  return texts;
}

/** Where `log.entries` opens. `"entries"` with unescaped quotes cannot be inside a string, so its `[` is JSON's. */
const ENTRIES_START = /"entries"\s*:\s*\[/;
/** The entries must open within this many characters of the start (HAR writers put `log`'s small fields first). */
const HEAD_LIMIT = 1 << 20;
/** Stands for the entries when the rest of the file is parsed. A NUL can only be written `\u0000` in JSON text. */
const MARKER = '\u0000har-entries';
const MARKER_JSON = '"\\u0000har-entries"';

const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * What `finish` found: `streamed`, the listener saw every entry and `har` is the file without them
 * (`log.entries` empty); otherwise the whole text was parsed again (`parsed`, as parseHarText
 * gives it) and what the listener saw does not count.
 */
export type HarStreamResult = { streamed: true; har: Har } | { streamed: false; parsed: ParsedHar };

export class HarStreamReader {
  /**
   * `onEntries` sees each run of entries as it is parsed, in order, with the text of each (null
   * when the run holds values that are not objects or lists). The reader keeps none of them: a
   * caller that keeps a fifth of a big file's entries lets the rest go as they are parsed.
   * `streaming: false` decodes as the bytes arrive and parses the whole text at the end only.
   */
  constructor(private readonly onEntries: EntriesListener = () => undefined, streaming = true) {
    this.streaming = streaming;
    this.keepsBytes = streaming;
  }

  private readonly decoder = new TextDecoder();
  /** False once the file is not laid out as expected: the whole text is parsed at the end. */
  private streaming: boolean;
  /**
   * What the fallback parses: the bytes as they came (streaming: outside the JS heap, so they cost
   * the garbage collector nothing; decoded again only if needed), or the text (not streaming).
   */
  private readonly keepsBytes: boolean;
  private readonly bytes: Uint8Array[] = [];
  private readonly text: string[] = [];
  /** Text before the entries' `[` was found; then the text up to and including it. */
  private head = '';
  private inEntries = false;
  /** Text of entries not parsed yet (started in earlier chunks), its length, and where entries end in it. */
  private open: string[] = [];
  private openLength = 0;
  private ends: number[] = [];
  private depth = 0;
  private inString = false;
  /** Backslashes ending the last chunk inside a string (they may escape the next chunk's quote). */
  private backslashes = 0;
  private parsedRuns = 0;
  /** From the entries' closing `]` on; null until it arrived. */
  private tail: string[] | null = null;

  /** Takes the next bytes of the file (UTF-8, as `Response.text()` and `Blob.text()` read it); keeps them, uncopied. */
  push(bytes: Uint8Array): void {
    if (this.keepsBytes) this.bytes.push(bytes);
    if (!this.keepsBytes) this.text.push(this.decoder.decode(bytes, { stream: true }));
    else if (this.streaming) this.accept(this.decoder.decode(bytes, { stream: true }));
  }

  /** Throws `HarFormatError` with the reason when the file is not a usable HAR, exactly as `parseHarText` does. */
  finish(): HarStreamResult {
    if (this.streaming) this.accept(this.decoder.decode());
    if (this.streaming && this.tail) {
      const har = this.skeleton();
      if (har) return { streamed: true, har };
    }
    return { streamed: false, parsed: parseHarText(this.wholeText()) };
  }

  private wholeText(): string {
    if (!this.keepsBytes) return this.text.join('') + this.decoder.decode();
    const decoder = new TextDecoder();
    return this.bytes.map((bytes) => decoder.decode(bytes, { stream: true })).join('') + decoder.decode();
  }

  private accept(text: string): void {
    if (text === '') return;
    try {
      this.read(text);
    } catch {
      this.stopStreaming();
    }
  }

  private stopStreaming(): void {
    this.streaming = false;
    this.open = [];
    this.head = '';
    this.tail = null;
  }

  private read(text: string): void {
    if (this.tail) {
      this.tail.push(text);
      return;
    }
    if (!this.inEntries) {
      this.head += text;
      const match = ENTRIES_START.exec(this.head);
      if (!match) {
        if (this.head.length > HEAD_LIMIT) this.stopStreaming();
        return;
      }
      const start = match.index + match[0].length;
      const rest = this.head.slice(start);
      this.head = this.head.slice(0, start);
      this.inEntries = true;
      this.scan(rest);
      return;
    }
    this.scan(text);
  }

  /** Follows strings and brackets through `s`: parses the entries that end in it, keeps the rest. */
  private scan(s: string): void {
    // Locals in the loop, fields between chunks: this loop reads every character outside strings.
    const n = s.length;
    let depth = this.depth;
    let inString = this.inString;
    let lastEnd = -1;
    let close = -1;
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
          this.ends.push(this.openLength + lastEnd);
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    if (close >= 0) {
      this.parseRun(s.slice(0, close), true);
      this.tail = [s.slice(close)];
      return;
    }
    if (lastEnd < 0) {
      this.open.push(s);
      this.openLength += n;
      return;
    }
    this.parseRun(s.slice(0, lastEnd), false);
    this.open = [s.slice(lastEnd)];
    this.openLength = n - lastEnd;
  }

  /** Parses the entries that end with `last` (whitespace only is nothing, at the end of the list). */
  private parseRun(last: string, atClose: boolean): void {
    this.open.push(last);
    const run = this.open.join('');
    const ends = this.ends;
    this.open = [];
    this.openLength = 0;
    this.ends = [];
    if (atClose && run.trim() === '') return;
    // After the first run, each one starts with the comma that separates it from the one before.
    const first = this.parsedRuns === 0;
    const values = JSON.parse(first ? `[${run}]` : `[0${run}]`) as unknown[];
    if (!first) values.shift();
    this.parsedRuns++;
    this.onEntries(values, values.length === ends.length ? entryTexts(run, ends, first) : null);
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

