/**
 * Diagnostics filed by entry and by who judged them (a sign-in flow's place in the linker's order),
 * kept between updates of the live analysis (live-analysis.ts): a flow judged again re-files its
 * steps' lists, every other flow's stay where they are, so an update costs what it changed, not a
 * walk over every flow. `mergedWith` lists them with the diagnostics judged anew on each update in
 * the one-shot's order (analyze.ts): by entry, and at one entry the filed ones first, in place order.
 */
import type { Diagnostic } from '../model';

/** One place's diagnostics at one entry (a step's list: every diagnostic of it names that entry). */
interface Share {
  at: number;
  diagnostics: readonly Diagnostic[];
}

export class FiledByEntry {
  private readonly byEntry = new Map<number, Share[]>();
  /** The entries that have shares, ascending. */
  private readonly entries: number[] = [];

  /**
   * Place `at` was judged again: its steps' lists were `before` and are `after` now (one list per
   * step, each naming its step's entry). The lists of the steps that kept their place are the same
   * arrays and stay filed; the rest of `before` goes and the rest of `after` comes.
   */
  refile(at: number, before: readonly (readonly Diagnostic[])[], after: readonly (readonly Diagnostic[])[]): void {
    let same = 0;
    while (same < before.length && same < after.length && before[same] === after[same]) same++;
    for (let i = same; i < before.length; i++) {
      const list = before[i]!;
      if (list.length > 0) this.drop(list[0]!.entry, at);
    }
    for (let i = same; i < after.length; i++) {
      const list = after[i]!;
      if (list.length > 0) this.add(list[0]!.entry, { at, diagnostics: list });
    }
  }

  /** Every filed diagnostic and `others` (by entry, each list in the order given), in the one-shot's order. */
  mergedWith(others: ReadonlyMap<number, readonly Diagnostic[]>): Diagnostic[] {
    const otherEntries = [...others.keys()].sort((a, b) => a - b);
    const merged: Diagnostic[] = [];
    let j = 0;
    for (const entry of this.entries) {
      for (; j < otherEntries.length && otherEntries[j]! < entry; j++) merged.push(...others.get(otherEntries[j]!)!);
      for (const share of this.byEntry.get(entry)!) for (const d of share.diagnostics) merged.push(d);
      if (j < otherEntries.length && otherEntries[j] === entry) merged.push(...others.get(otherEntries[j++]!)!);
    }
    for (; j < otherEntries.length; j++) merged.push(...others.get(otherEntries[j]!)!);
    return merged;
  }

  private drop(entry: number, at: number): void {
    const shares = this.byEntry.get(entry);
    if (!shares) return;
    const kept = shares.filter((share) => share.at !== at);
    if (kept.length > 0) {
      this.byEntry.set(entry, kept);
      return;
    }
    this.byEntry.delete(entry);
    this.entries.splice(this.indexOf(entry), 1);
  }

  private add(entry: number, share: Share): void {
    const shares = this.byEntry.get(entry);
    if (shares) {
      // In place order, as the one-shot lists flows (one flow per entry is the rule; kept exact anyway).
      let i = shares.length;
      while (i > 0 && shares[i - 1]!.at > share.at) i--;
      shares.splice(i, 0, share);
      return;
    }
    this.byEntry.set(entry, [share]);
    this.entries.splice(this.indexOf(entry), 0, entry);
  }

  /** Where `entry` is in `entries`, or would go (the first entry not below it). */
  private indexOf(entry: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.entries[mid]! < entry) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
