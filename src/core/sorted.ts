/**
 * The first index below `length` at which `holds` is true, or `length` when there is none, for a
 * test that is false up to some index and true from there on (a question about an ascending list:
 * "the first time after t", "the first entry not below e"). A binary search: the lists it serves
 * (a flow's Session issue times, the ID tokens issued so far, the entries that have diagnostics)
 * grow with the capture, and are asked once per call.
 */
export function firstIndexWhere(length: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (holds(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
