/**
 * Two lists hold the same items in the same order (compared with ===): how the live analysis and
 * the views tell that something they showed before is unchanged, and keep its object.
 */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
