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
  /** The script's URL (without its query) with line and column, for the hover text. */
  full: string;
}

function place(frame: unknown): InitiatorView | null {
  if (!isObject(frame) || typeof frame.url !== 'string' || frame.url === '') return null;
  const line = typeof frame.lineNumber === 'number' && Number.isFinite(frame.lineNumber) ? frame.lineNumber + 1 : null;
  const column = typeof frame.columnNumber === 'number' && Number.isFinite(frame.columnNumber) ? frame.columnNumber + 1 : null;
  // A script URL's query can carry tokens (signed CDN links): it is never shown.
  const url = frame.url.split(/[?#]/)[0]!;
  const file = url.split('/').filter((part) => part !== '').at(-1) ?? url;
  const at = line !== null ? `:${line}` : '';
  const fn = typeof frame.functionName === 'string' && frame.functionName !== '' ? `${frame.functionName} @ ` : '';
  return { short: `${file}${at}`, full: `${fn}${url}${at}${line !== null && column !== null ? `:${column}` : ''}` };
}

/** The first script frame of the initiator (its stack, then its async parents), else its own url and line. */
export function initiatorOf(entry: HarEntry): InitiatorView | null {
  const initiator = (entry as { _initiator?: unknown })._initiator;
  if (!isObject(initiator)) return null;
  for (let stack: unknown = initiator.stack, depth = 0; isObject(stack) && depth < 32; stack = stack.parent, depth++) {
    const frames = Array.isArray(stack.callFrames) ? stack.callFrames : [];
    for (const frame of frames) {
      const found = place(frame);
      if (found) return found;
    }
  }
  return place(initiator);
}
