/**
 * Who sent a request, as the browser's Network panel shows it: the page script and line. Chrome
 * writes it into HAR entries as `_initiator` ({ type, url, lineNumber } or a stack of call frames,
 * lines 0-based); other HARs have none, and then nothing is shown.
 */
import type { HarEntry } from '../har';
import { isObject } from '../json';

export interface InitiatorView {
  /** "app.js:123" (file name and 1-based line). */
  short: string;
  /** The script's URL (without its query: it can carry tokens) and line, for the hover text. */
  full: string;
}

const hasUrl = (frame: unknown): frame is { url: string; lineNumber?: unknown } => isObject(frame) && typeof frame.url === 'string' && frame.url !== '';

function place(frame: { url: string; lineNumber?: unknown }): InitiatorView {
  const url = frame.url.split(/[?#]/)[0]!;
  const at = typeof frame.lineNumber === 'number' && Number.isFinite(frame.lineNumber) ? `:${frame.lineNumber + 1}` : '';
  return { short: `${url.replace(/\/+$/, '').split('/').at(-1)}${at}`, full: `${url}${at}` };
}

/** The first script frame of the initiator (its stack, then its async parents), else its own url and line. */
export function initiatorOf(entry: HarEntry): InitiatorView | null {
  const initiator = (entry as { _initiator?: unknown })._initiator;
  if (!isObject(initiator)) return null;
  let stack: unknown = initiator.stack;
  for (let depth = 0; isObject(stack) && depth < 32; depth++, stack = stack.parent) {
    const frame: unknown = Array.isArray(stack.callFrames) ? stack.callFrames.find(hasUrl) : undefined;
    if (hasUrl(frame)) return place(frame);
  }
  return hasUrl(initiator) ? place(initiator) : null;
}
