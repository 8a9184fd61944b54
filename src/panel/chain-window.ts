/**
 * Which steps of a long chain to put in the DOM. Step cards have different heights (diagnostics,
 * flags), so the flows list's arithmetic does not apply; instead a chain of more than CHAIN_WINDOW
 * steps shows that many around the selected step, with buttons for the steps before and after.
 * Why: one user's answers can all join one flow (a long test run whose sign-ins were not
 * captured), and with all 10,000 steps on the page opening it took 5 s and each ↓ half a second.
 */

/** Chains up to this long are rendered whole (every real sign-in); longer ones a window at a time. */
export const CHAIN_WINDOW = 100;

export interface ChainWindow {
  /** First rendered step. */
  start: number;
  /** One past the last rendered step. */
  end: number;
}

/**
 * The steps to render of a chain of `length`, `selected` the selected step's index (-1 for none).
 * `current`, what was rendered before, stays as long as it fits and shows the selected step (so
 * the buttons' growth and the reader's place are kept); otherwise the window is centred on the
 * selected step, or starts at the first.
 */
export function chainWindow(length: number, selected: number, current: ChainWindow | null): ChainWindow {
  if (length <= CHAIN_WINDOW) return { start: 0, end: length };
  if (current && current.start >= 0 && current.start < current.end && current.end <= length
    && (selected < 0 || (selected >= current.start && selected < current.end))) return current;
  const start = Math.max(0, Math.min(length - CHAIN_WINDOW, selected - Math.floor(CHAIN_WINDOW / 2)));
  return { start, end: start + CHAIN_WINDOW };
}

/** The window with up to CHAIN_WINDOW more steps before it. */
export function showEarlier(window: ChainWindow): ChainWindow {
  return { start: Math.max(0, window.start - CHAIN_WINDOW), end: window.end };
}

/** The window with up to CHAIN_WINDOW more steps after it, in a chain of `length`. */
export function showLater(window: ChainWindow, length: number): ChainWindow {
  return { start: window.start, end: Math.min(length, window.end + CHAIN_WINDOW) };
}
