/**
 * Appends every item of `items` to `list`, in order: what `list.push(...items)` does, without the
 * spread. A spread passes each item as an argument on the stack, and V8 throws RangeError past
 * some 120,000 of them; a capture can hold that many calls outside any flow, diagnostics, steps of
 * one flow or lines of a report (a lint rule keeps such spreads out of src/).
 */
export function appendAll<T>(list: T[], items: Iterable<T>): T[] {
  for (const item of items) list.push(item);
  return list;
}

/** The largest of `values` (-Infinity when there is none), like `Math.max(...values)` without the spread. */
export function maxOf(values: Iterable<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    // NaN wins, as it does in Math.max.
    if (Number.isNaN(value)) return Number.NaN;
    if (value > max) max = value;
  }
  return max;
}
