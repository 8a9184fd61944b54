/**
 * The one JSON walk every masking goes through: a deep copy in which a visitor may replace any
 * value by key. Iterative (an explicit stack), so 6,000 levels of nesting in a captured body cannot
 * overflow the call stack; beyond `MAX_DEPTH` a subtree is replaced whole by a string giving its
 * size, so whatever consumes the copy (JSON.stringify, the panel) never meets deep nesting either.
 * Keys stay data even when they are "__proto__".
 */
import { isObject } from '../json';

/** Deeper than this, a subtree is masked whole (real Cognito, OAuth and HAR data nests < 20 levels). */
export const MAX_DEPTH = 64;

type Container = Record<string, unknown> | unknown[];

/** A visitor's verdict on one member: `{ value }` replaces it (not walked further); undefined keeps walking. */
export type Visit = (key: string, value: unknown) => { value: unknown } | undefined;

/** Sets a key as data even when it is "__proto__" (JSON.parse makes such own keys; `=` would not). */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty only where needed: it is slow and turns objects into dictionaries.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isObject(value);
}

/** The length of `value` as JSON text, computed without recursion (and without building the text). */
export function jsonLength(value: unknown): number {
  let length = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      length += 2 + Math.max(0, item.length - 1);
      for (const member of item) stack.push(member === undefined ? null : member);
    } else if (isObject(item)) {
      const keys = Object.keys(item);
      length += 2 + Math.max(0, keys.length - 1);
      for (const key of keys) {
        length += JSON.stringify(key).length + 1;
        stack.push(item[key]);
      }
    } else {
      length += (JSON.stringify(item) as string | undefined ?? 'null').length;
    }
  }
  return length;
}

/** What a subtree deeper than MAX_DEPTH becomes. */
export function tooDeep(value: unknown): string {
  return `‹redacted: nested deeper than ${MAX_DEPTH} levels, ${jsonLength(value)} chars›`;
}

interface Frame {
  source: Container;
  target: Container;
  keys: string[];
  index: number;
  depth: number;
  /** The key the container sits under (array members are visited under their array's key). */
  key: string;
}

function emptyLike(value: Container): Container {
  return Array.isArray(value) ? [] : {};
}

function put(target: Container, key: string, value: unknown): void {
  if (Array.isArray(target)) target.push(value);
  else define(target, key, value);
}

/**
 * Deep copy of a JSON value in which `visit(key, value)` may replace any member (string, number,
 * object, …). Array members are visited under the key of their array. Never recursive.
 */
export function mapJson(root: unknown, visit: Visit, rootKey = ''): unknown {
  if (!isContainer(root)) return root;
  const out = emptyLike(root);
  const stack: Frame[] = [{ source: root, target: out, keys: Object.keys(root), index: 0, depth: 1, key: rootKey }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.keys.length) {
      stack.pop();
      continue;
    }
    const key = frame.keys[frame.index++]!;
    const item = Array.isArray(frame.source) ? frame.source[Number(key)] : frame.source[key];
    const ruleKey = Array.isArray(frame.source) ? frame.key : key;
    const verdict = visit(ruleKey, item);
    if (verdict) {
      put(frame.target, key, verdict.value);
    } else if (!isContainer(item)) {
      put(frame.target, key, item);
    } else if (frame.depth >= MAX_DEPTH) {
      put(frame.target, key, tooDeep(item));
    } else {
      const target = emptyLike(item);
      put(frame.target, key, target);
      stack.push({ source: item, target, keys: Object.keys(item), index: 0, depth: frame.depth + 1, key: ruleKey });
    }
  }
  return out;
}

/**
 * Deep copy of a JSON value in which `mask(key, value)` replaces each string it returns text for.
 * (The string-only form of mapJson, kept for callers that mask display text.)
 */
export function mapJsonStrings(value: unknown, mask: (key: string, value: string) => string | undefined): unknown {
  return mapJson(value, (key, item) => {
    if (typeof item !== 'string') return undefined;
    const masked = mask(key, item);
    return masked === undefined ? undefined : { value: masked };
  });
}
