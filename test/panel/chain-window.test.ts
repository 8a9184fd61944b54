/** Which steps of a long chain the panel renders (src/panel/chain-window.ts). */
import { describe, expect, it } from 'vitest';
import { CHAIN_WINDOW, chainWindow, showEarlier, showLater } from '../../src/panel/chain-window';

describe('chainWindow', () => {
  it('renders a chain of up to CHAIN_WINDOW steps whole', () => {
    expect(chainWindow(CHAIN_WINDOW, 40, null)).toEqual({ start: 0, end: CHAIN_WINDOW });
    expect(chainWindow(3, -1, { start: 1, end: 2 })).toEqual({ start: 0, end: 3 });
  });

  it('centres a long chain on the selected step, within the chain, from the first step when none is selected', () => {
    expect(chainWindow(10_000, 5_000, null)).toEqual({ start: 5_000 - CHAIN_WINDOW / 2, end: 5_000 + CHAIN_WINDOW / 2 });
    expect(chainWindow(10_000, 3, null)).toEqual({ start: 0, end: CHAIN_WINDOW });
    expect(chainWindow(10_000, 9_999, null)).toEqual({ start: 10_000 - CHAIN_WINDOW, end: 10_000 });
    expect(chainWindow(10_000, -1, null)).toEqual({ start: 0, end: CHAIN_WINDOW });
  });

  it('keeps what was shown while the selected step is in it, and moves when it leaves', () => {
    const grown = { start: 200, end: 700 };
    expect(chainWindow(10_000, 650, grown)).toBe(grown);
    expect(chainWindow(10_000, -1, grown)).toBe(grown);
    expect(chainWindow(10_000, 700, grown)).toEqual({ start: 650, end: 750 });
    // A chain that got shorter than what was shown: shown anew.
    expect(chainWindow(500, 450, grown)).toEqual({ start: 400, end: 500 });
  });

  it('grows by CHAIN_WINDOW steps at either end, never past the chain', () => {
    expect(showEarlier({ start: 250, end: 350 })).toEqual({ start: 150, end: 350 });
    expect(showEarlier({ start: 30, end: 130 })).toEqual({ start: 0, end: 130 });
    expect(showLater({ start: 0, end: 100 }, 10_000)).toEqual({ start: 0, end: 200 });
    expect(showLater({ start: 0, end: 100 }, 150)).toEqual({ start: 0, end: 150 });
  });
});
