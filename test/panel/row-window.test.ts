/** Which rows of a long flows list are put in the DOM, and where the list scrolls to show the cursor. */
import { describe, expect, it } from 'vitest';
import { OVERSCAN_ROWS, rowWindow, scrollToShow, WINDOW_FROM_ROWS } from '../../src/panel/row-window';

describe('rowWindow', () => {
  it('renders a short list whole', () => {
    expect(rowWindow(WINDOW_FROM_ROWS, 5000, 400, 38)).toEqual({ start: 0, end: WINDOW_FROM_ROWS, padTop: 0, padBottom: 0 });
  });

  it('renders the rows in view plus a margin, with padding standing in for the rest', () => {
    const w = rowWindow(500, 100 * 40, 400, 40);
    expect(w.start).toBe(100 - OVERSCAN_ROWS);
    expect(w.end).toBe(110 + OVERSCAN_ROWS);
    expect(w.padTop).toBe(w.start * 40);
    expect(w.padTop + (w.end - w.start) * 40 + w.padBottom).toBe(500 * 40);
  });

  it('starts on an even row so that alternate-row shading does not flicker while scrolling', () => {
    for (let top = 0; top < 2000; top += 7) expect(rowWindow(500, top, 300, 38).start % 2).toBe(0);
  });

  it('stays inside the list at both ends, even when scrolled past the end after a filter narrowed it', () => {
    expect(rowWindow(500, -50, 400, 40).start).toBe(0);
    const past = rowWindow(200, 100_000, 400, 40);
    expect(past.start).toBeLessThan(200);
    expect(past.end).toBeLessThanOrEqual(200);
    expect(past.padBottom).toBeGreaterThanOrEqual(0);
  });
});

describe('scrollToShow', () => {
  it('moves only when the row is out of view, and as little as possible', () => {
    expect(scrollToShow(5, 0, 400, 40)).toBeNull();
    expect(scrollToShow(10, 0, 400, 40)).toBe(40);
    expect(scrollToShow(2, 200, 400, 40)).toBe(80);
  });
});
