/**
 * Long strings of a parsed body as views of the body's text instead of the copies JSON.parse made.
 *
 * Why: Sessions, SRP values, SECRET_BLOCKs and tokens are most of a Cognito body, and the analysis
 * keeps every parsed body (linking, diagnostics, the panel and replay read them). A kept copy is
 * copied again by each young-generation collection it survives, which on a capture where every
 * entry is a Cognito call cost as much as a fifth of the analysis. The body text is kept anyway
 * (it is the HAR entry's), and a long slice of it is a small view object in V8 and SpiderMonkey,
 * not a copy: the parsed copy then dies young, which costs almost nothing.
 *
 * A value is replaced only by a slice equal to it, so the body reads exactly as JSON.parse returned
 * it. It is found where compact JSON puts it, right after `"key":"` (what the SDKs and Cognito
 * send), looking from where the previous value ended: values come in the order JSON.parse created
 * them, their order in the text. Anything else (spaces around the colon, escapes in the value or
 * key, integer-like keys, which JSON.parse orders first) keeps the parsed copy. The look-ups only
 * move forward, and the first value not found where compact JSON would put it ends the walk (the
 * body is not written that way), so a body costs at most two passes over its text, whatever it
 * holds.
 */
import type { JsonObject } from './model';

/** Shorter strings are left as parsed: a view saves little on them. */
export const SHARED_MIN_LENGTH = 64;
/** Cognito bodies nest two or three levels (AuthenticationResult.NewDeviceMetadata); deeper values stay as parsed. */
const MAX_DEPTH = 4;

/**
 * Replaces, in place, each long string of `value` found verbatim in `text` (see above) by a slice
 * of `text`. Returns how many it replaced (for tests: the replacement is invisible otherwise).
 */
export function shareLongStrings(value: JsonObject, text: string): number {
  if (text.length < SHARED_MIN_LENGTH) return 0;
  const walk: Walk = { cursor: 0, shared: 0, done: false };
  shareIn(value, text, walk, 0);
  return walk.shared;
}

interface Walk {
  /** Where the next value is looked for from: past the last value found. */
  cursor: number;
  shared: number;
  /** A value was not where compact JSON puts it: the rest of the body keeps its copies. */
  done: boolean;
}

/** Shares the strings of one object, moving `walk.cursor` past each value it finds. */
function shareIn(value: JsonObject, text: string, walk: Walk, depth: number): void {
  for (const key in value) {
    if (walk.done) return;
    const member = value[key];
    if (typeof member === 'string') {
      if (member.length < SHARED_MIN_LENGTH || key === '__proto__') continue;
      const head = text.indexOf(`"${key}":"`, walk.cursor);
      if (head < 0) {
        walk.done = true;
        return;
      }
      const start = head + key.length + 4;
      // Past this key either way: the next value comes later in the text.
      walk.cursor = start;
      const view = text.slice(start, start + member.length);
      if (view !== member) continue;
      value[key] = view;
      walk.cursor = start + member.length;
      walk.shared++;
    } else if (depth < MAX_DEPTH && typeof member === 'object' && member !== null && !Array.isArray(member)) {
      shareIn(member as JsonObject, text, walk, depth + 1);
    }
  }
}
