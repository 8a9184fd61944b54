/**
 * The one place that decides which characters of captured text may reach a terminal as they are.
 *
 * A HAR is written by whoever made the traffic (or edited the file), and the CLI prints its
 * strings: a USERNAME carrying `ESC ] 0 ; … BEL` retitles the terminal, `ESC ] 52` writes the
 * clipboard, a newline in an error message prints a fake diagnostic line, a bidi override
 * (U+202E) reorders what the reader sees. So every line the CLI prints goes through `visibleLine`,
 * which shows such characters as escapes (`\x1b`, `\u202e`) and keeps the line one line.
 */

/**
 * Characters never printed as they are: C0 controls (newlines and ESC included), DEL and C1
 * controls (\p{Cc}); format characters (\p{Cf}: bidi embeddings/overrides U+202A–202E,
 * isolates U+2066–2069, marks U+200E/U+200F, zero-width characters, soft hyphen, tag characters);
 * the line and paragraph separators U+2028/U+2029 (\p{Zl}, \p{Zp}); and lone surrogates (\p{Cs}),
 * which are not text at all.
 */
export const UNSAFE_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const UNSAFE_CHARACTERS = new RegExp(UNSAFE_CHARACTER.source, 'gu');

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\x1b` for controls below U+0100, `\u202e` for the rest of the BMP, `\u{e0001}` above it. */
function escapeCharacter(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short) return short;
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** `text` with every unsafe character shown as an escape: safe to print, and on one line. */
export function visibleLine(text: string): string {
  return UNSAFE_CHARACTER.test(text) ? text.replace(UNSAFE_CHARACTERS, escapeCharacter) : text;
}

/** Several lines of our own (usage, a stack trace): each made visible, joined by real newlines. */
export function visibleLines(text: string): string {
  return text.split('\n').map(visibleLine).join('\n');
}
