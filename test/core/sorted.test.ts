/** firstIndexWhere (src/core/sorted.ts) answers as a scan from the start would. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstIndexWhere } from '../../src/core/sorted';

describe('firstIndexWhere', () => {
  it('finds the first index past a value and the first not below it, in ascending lists with repeats', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -20, max: 20 })), fc.integer({ min: -25, max: 25 }), (values, at) => {
      const list = values.sort((a, b) => a - b);
      const scan = (holds: (v: number) => boolean) => { const i = list.findIndex(holds); return i < 0 ? list.length : i; };
      expect(firstIndexWhere(list.length, (i) => list[i]! > at)).toBe(scan((v) => v > at));
      expect(firstIndexWhere(list.length, (i) => list[i]! >= at)).toBe(scan((v) => v >= at));
    }));
  });
});
