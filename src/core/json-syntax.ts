/**
 * Why a text is not JSON, said without quoting it.
 *
 * The engines' JSON.parse messages quote the text around the error (V8: `Unexpected token 'h',
 * ..."ASSWORD": hunter2sec"... is not valid JSON`), and the text is a captured body: an unquoted
 * password ends up in the `unparseable-body` diagnostic, the panel, `--json` and stderr
 * (issue 7, item 5). They also differ by engine (Firefox words it otherwise, V8 gives no
 * position). So we find the first error ourselves: a small JSON scanner (RFC 8259 grammar, its own
 * stack: no recursion, any depth) that reports where and what kind of error, naming at most a
 * structural character (`,`, `}`, a quote…) and otherwise only the class (a letter, a digit).
 */

export interface JsonSyntaxError {
  /** Offset in UTF-16 code units from the start of the text (as JSON.parse counts). */
  position: number;
  /** 1-based line and column of `position`. */
  line: number;
  column: number;
  /** What is wrong, in words that quote nothing of the text. */
  kind: string;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u'].map((ch) => ch.charCodeAt(0)));
/** Characters safe to name in a reason: JSON's own punctuation and the usual mistakes around it. */
const NAMEABLE = new Set(['{', '}', '[', ']', ',', ':', '"', "'", '`', '=', ';']);

/** The character at `position`, described without giving away what a secret might be made of. */
function characterClass(text: string, position: number): string {
  const ch = text[position] ?? '';
  const code = text.charCodeAt(position);
  if (NAMEABLE.has(ch)) return ch === "'" ? 'a single quote (JSON strings take double quotes)' : `'${ch}'`;
  if (/\p{L}/u.test(ch) || (code >= 0xd800 && code <= 0xdfff)) return 'a letter (an unquoted string?)';
  if (isDigit(code)) return 'a digit';
  if (code < 0x20 || code === 0x7f) return 'a control character';
  return 'a character that cannot start a value';
}

type State = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after-value';

/**
 * The first syntax error of `text` as JSON, or null when it is JSON. For text JSON.parse rejects,
 * this finds the reason JSON.parse would give, minus the quoted text.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const length = text.length;
  const stack: ('array' | 'object')[] = [];
  let state: State = 'value';
  let pos = 0;

  const fail = (at: number, kind: string): JsonSyntaxError => {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (text.charCodeAt(i) === 0x0a) {
        line += 1;
        lineStart = i + 1;
      }
    }
    return { position: at, line, column: at - lineStart + 1, kind };
  };

  /** End of the string starting at `start` (a quote), or the error inside it. */
  const scanString = (start: number): number | JsonSyntaxError => {
    let i = start + 1;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return i + 1;
      if (c < 0x20) return fail(i, 'a control character (such as a newline) inside a string: it must be escaped');
      if (c === 0x5c) {
        const next = text.charCodeAt(i + 1);
        if (i + 1 >= length) break;
        if (!ESCAPABLE.has(next)) return fail(i, 'an invalid escape (\\ followed by a character JSON does not allow) in a string');
        if (next === 0x75) {
          for (let k = 2; k < 6; k++) {
            if (i + k >= length) return fail(length, 'the text ends inside a string');
            if (!isHex(text.charCodeAt(i + k))) return fail(i, 'an invalid \\u escape (it takes 4 hex digits) in a string');
          }
          i += 6;
        } else i += 2;
        continue;
      }
      i += 1;
    }
    return fail(length, 'the text ends inside a string (an unterminated string)');
  };

  /** End of the number starting at `start`, or the error in it. */
  const scanNumber = (start: number): number | JsonSyntaxError => {
    let i = start;
    if (text.charCodeAt(i) === 0x2d) i += 1;
    if (text.charCodeAt(i) === 0x30) i += 1;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i += 1;
    else return fail(i, i >= length ? 'the text ends inside a number' : 'an invalid number (a digit must follow the minus sign)');
    if (text.charCodeAt(i) === 0x2e) {
      i += 1;
      if (!isDigit(text.charCodeAt(i))) return fail(i, 'an invalid number (a digit must follow the decimal point)');
      while (isDigit(text.charCodeAt(i))) i += 1;
    }
    if (text.charCodeAt(i) === 0x65 || text.charCodeAt(i) === 0x45) {
      i += 1;
      if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i += 1;
      if (!isDigit(text.charCodeAt(i))) return fail(i, 'an invalid number (a digit must follow the exponent)');
      while (isDigit(text.charCodeAt(i))) i += 1;
    }
    return i;
  };

  for (;;) {
    while (pos < length && WHITESPACE.has(text.charCodeAt(pos))) pos += 1;
    const top = stack[stack.length - 1];
    if (pos >= length) {
      if (state === 'after-value' && top === undefined) return null;
      return fail(length, length === 0 ? 'the text is empty' : 'the text ends early (cut off?)');
    }
    const c = text.charCodeAt(pos);
    const ch = text[pos];
    if (state === 'value' || state === 'value-or-close') {
      if (state === 'value-or-close' && ch === ']') {
        stack.pop();
        pos += 1;
        state = 'after-value';
      } else if (ch === '{') {
        stack.push('object');
        pos += 1;
        state = 'key-or-close';
      } else if (ch === '[') {
        stack.push('array');
        pos += 1;
        state = 'value-or-close';
      } else if (ch === '"' || ch === '-' || isDigit(c)) {
        const end = ch === '"' ? scanString(pos) : scanNumber(pos);
        if (typeof end !== 'number') return end;
        pos = end;
        state = 'after-value';
      } else {
        const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, pos));
        if (!literal) {
          const where = state === 'value-or-close' && ch === ',' ? ' (two commas, or a comma right after [?)' : '';
          return fail(pos, `${characterClass(text, pos)} where a value was expected${where}`);
        }
        pos += literal.length;
        state = 'after-value';
      }
    } else if (state === 'key' || state === 'key-or-close') {
      if (state === 'key-or-close' && ch === '}') {
        stack.pop();
        pos += 1;
        state = 'after-value';
      } else if (ch === '"') {
        const end = scanString(pos);
        if (typeof end !== 'number') return end;
        pos = end;
        state = 'colon';
      } else {
        const trailing = state === 'key' && ch === '}' ? ' (a trailing comma?)' : '';
        return fail(pos, `${characterClass(text, pos)} where a property name in double quotes was expected${trailing}`);
      }
    } else if (state === 'colon') {
      if (ch !== ':') return fail(pos, `${characterClass(text, pos)} where ':' was expected after a property name`);
      pos += 1;
      state = 'value';
    } else if (top === undefined) {
      return fail(pos, `${characterClass(text, pos)} after the end of the JSON value (more than one value?)`);
    } else {
      const close = top === 'array' ? ']' : '}';
      if (ch === ',') {
        pos += 1;
        state = top === 'array' ? 'value' : 'key';
      } else if (ch === close) {
        stack.pop();
        pos += 1;
        state = 'after-value';
      } else {
        return fail(pos, `${characterClass(text, pos)} where ',' or '${close}' was expected`);
      }
    }
  }
}

/**
 * A one-line reason for text JSON.parse rejected: "a letter (an unquoted string?) where a value
 * was expected, at position 63 (line 1, column 64)". Quotes nothing of the text.
 */
export function describeJsonSyntaxError(text: string): string {
  const error = findJsonSyntaxError(text);
  if (!error) return 'the JSON parser refused it (nesting too deep for this engine?)';
  return `${error.kind}, at position ${error.position} (line ${error.line}, column ${error.column})`;
}
