/**
 * Lists as long as a capture can make them (calls outside any flow, diagnostics, steps of one flow,
 * lines of a report), handled without spreading them into call arguments: V8 throws RangeError past
 * some 120,000 of them (a lint rule keeps such spreads out of src/).
 */

/** Appends every item of `items` to `list`, in order: what `list.push(...items)` does, without the spread. */
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
