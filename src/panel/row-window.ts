/**
 * Which rows of a long list to put in the DOM: the ones in view plus a margin. A capture of a few
 * hundred sign-ins would otherwise rebuild hundreds of rows whenever the filter widens. Rows of
 * the flows list all have the same height (two single-line texts), so plain arithmetic will do.
 */

/** Lists up to this long are rendered whole: cheap, and simplest for find-in-page and tests. */
export const WINDOW_FROM_ROWS = 150;
/** Rows rendered beyond each edge of the view, so a fast scroll does not show blanks. */
export const OVERSCAN_ROWS = 10;

export interface RowWindow {
  /** First rendered row (always even: alternate-row shading stays put while scrolling). */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Heights of the empty space standing in for the rows above and below. */
  padTop: number;
  padBottom: number;
}

export function rowWindow(count: number, scrollTop: number, viewportHeight: number, rowHeight: number): RowWindow {
  if (count <= WINDOW_FROM_ROWS || rowHeight <= 0) return { start: 0, end: count, padTop: 0, padBottom: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight) - OVERSCAN_ROWS;
  const start = Math.min(Math.max(0, first - (first % 2)), Math.max(0, count - 1));
  const end = Math.min(count, Math.ceil((Math.max(0, scrollTop) + viewportHeight) / rowHeight) + OVERSCAN_ROWS);
  const last = Math.max(start, end);
  return { start, end: last, padTop: start * rowHeight, padBottom: (count - last) * rowHeight };
}

/** The scrollTop that brings row `index` into view, moving as little as possible; null when it is in view. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return null;
}
