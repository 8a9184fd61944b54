/**
 * JSON text for values of any depth. `JSON.stringify` recurses: a HAR or a token claim nested
 * ~6,000 levels deep (which `JSON.parse` reads fine) overflows the stack, and pretty-printing
 * it costs depth² in indentation alone (100,000 levels would be 10 GB of spaces). This writer
 * keeps its own stack, and indents only the first `PRETTY_DEPTH` levels: deeper values are
 * written compact, still valid JSON of the same value.
 *
 * Otherwise its output is exactly `JSON.stringify(value, null, indent)`'s (same key order, same
 * skipped `undefined`s, `null` for non-finite numbers, `toJSON` honoured, lone surrogates escaped),
 * and `escapeAlso` lets a caller escape more characters as `\uXXXX` (the CLI escapes terminal
 * controls that JSON allows raw, such as C1 controls and bidi overrides): the parsed value is
 * the same either way.
 *
 * Values no deeper than `PRETTY_DEPTH` (every real HAR) go to the engine's JSON.stringify, ~10×
 * faster than this writer, and the same text; only deeper ones take the writer's own stack.
 */

export interface JsonTextOptions {
  /** Spaces per level (0: compact). */
  indent?: number;
  /** Characters (one code point each) written as `\uXXXX` escapes even where JSON allows them raw. */
  escapeAlso?: RegExp;
  /**
   * Stop once at least this many characters are written, and return that start (not valid JSON):
   * for a preview of a value that may be huge, without writing all of it.
   */
  stopAfter?: number;
}

/** Levels indented before the rest of a value is written compact. */
export const PRETTY_DEPTH = 64;

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
// What JSON.stringify escapes: quote, backslash, C0 controls, lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: JSON must escape them
const REQUIRED = /["\\\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unicodeEscape(unit: number): string {
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}

function escapeMatch(ch: string): string {
  const short = SHORT[ch];
  if (short !== undefined) return short;
  let out = '';
  for (let i = 0; i < ch.length; i++) out += unicodeEscape(ch.charCodeAt(i));
  return out;
}

function quoter(escapeAlso: RegExp | undefined): (text: string) => string {
  const pattern = escapeAlso ? new RegExp(`${REQUIRED.source}|${escapeAlso.source}`, 'gu') : new RegExp(REQUIRED.source, 'g');
  const test = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  return (text) => `"${test.test(text) ? text.replace(pattern, escapeMatch) : text}"`;
}

type Container = { kind: 'array'; items: readonly unknown[] } | { kind: 'object'; source: Record<string, unknown>; keys: string[] };

interface Frame {
  container: Container;
  value: object;
  next: number;
  /** Members written so far (an object's skipped `undefined`s do not count). */
  written: number;
  depth: number;
  pretty: boolean;
}

/**
 * True when no object or array in `value` sits `limit` levels deep; it stops looking at the first
 * that does (a cycle too ends there). The walk costs what writing the value would.
 */
function shallowerThan(value: unknown, limit: number): boolean {
  const stack: [object, number][] = typeof value === 'object' && value !== null ? [[value, 0]] : [];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth >= limit) return false;
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return true;
}

/** JSON text of `value` (`undefined` for what JSON.stringify also answers `undefined`), at any depth. */
export function jsonText(value: unknown, options: JsonTextOptions = {}): string | undefined {
  if (options.stopAfter === undefined && shallowerThan(value, PRETTY_DEPTH)) {
    let text: string | undefined;
    try {
      text = JSON.stringify(value, null, indentOf(options));
    } catch {
      // A toJSON that returned something deep, a cycle, a BigInt: the writer decides (and says so).
      return writeJson(value, options);
    }
    if (text === undefined || !options.escapeAlso) return text;
    // What escapeAlso adds can only sit inside strings (JSON's own syntax is ASCII, and the C0
    // characters left raw are the indentation's newlines), so escaping it in place keeps the value.
    return text.replace(new RegExp(options.escapeAlso.source, 'gu'), (ch) => (ch.charCodeAt(0) < 0x20 ? ch : escapeMatch(ch)));
  }
  return writeJson(value, options);
}

function indentOf(options: JsonTextOptions): string {
  return ' '.repeat(Math.max(0, Math.min(10, Math.floor(options.indent ?? 0))));
}

/** The writer itself, with its own stack: what `jsonText` does for values of any depth. Exported for tests. */
export function writeJson(value: unknown, options: JsonTextOptions = {}): string | undefined {
  const indent = indentOf(options);
  const quote = quoter(options.escapeAlso);
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = new Set<object>();

  /** Writes a scalar, or opens a container (pushes a frame). Returns false when the value is skipped. */
  const write = (raw: unknown, key: string, depth: number): boolean => {
    let v = raw;
    if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON(key: string): unknown }).toJSON(key);
    }
    if (typeof v === 'string') out.push(quote(v));
    else if (typeof v === 'number') out.push(Number.isFinite(v) ? String(v) : 'null');
    else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
    else if (typeof v === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
    else if (v === null) out.push('null');
    else if (typeof v === 'object') {
      if (open.has(v)) throw new TypeError('Converting circular structure to JSON');
      open.add(v);
      const container: Container = Array.isArray(v) ? { kind: 'array', items: v } : { kind: 'object', source: v as Record<string, unknown>, keys: Object.keys(v) };
      out.push(container.kind === 'array' ? '[' : '{');
      stack.push({ container, value: v, next: 0, written: 0, depth, pretty: indent !== '' && depth < PRETTY_DEPTH });
    } else return false;
    return true;
  };

  const newline = (depth: number) => `\n${indent.repeat(depth)}`;
  const stopAfter = options.stopAfter ?? Infinity;
  let written = 0;
  let counted = 0;

  if (!write(value, '', 0)) return undefined;
  while (stack.length > 0) {
    if (stopAfter !== Infinity) {
      for (; counted < out.length; counted++) written += out[counted]!.length;
      if (written >= stopAfter) break;
    }
    const frame = stack[stack.length - 1]!;
    const { container, pretty, depth } = frame;
    const length = container.kind === 'array' ? container.items.length : container.keys.length;
    if (frame.next >= length) {
      stack.pop();
      open.delete(frame.value);
      if (pretty && frame.written > 0) out.push(newline(depth));
      out.push(container.kind === 'array' ? ']' : '}');
      continue;
    }
    const index = frame.next++;
    const separator = (frame.written > 0 ? ',' : '') + (pretty ? newline(depth + 1) : '');
    if (container.kind === 'array') {
      out.push(separator);
      frame.written += 1;
      // In an array, what JSON.stringify skips becomes null.
      if (!write(container.items[index], String(index), depth + 1)) out.push('null');
    } else {
      const key = container.keys[index]!;
      const mark = out.length;
      out.push(separator, quote(key), pretty ? ': ' : ':');
      if (write(container.source[key], key, depth + 1)) frame.written += 1;
      else out.length = mark;
    }
  }
  return out.join('');
}
