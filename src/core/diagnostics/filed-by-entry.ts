/**
 * Diagnostics filed by entry and by who judged them (`rank`: a sign-in flow's place in the linker's
 * order, an identity flow's number, an identity exchange's), kept between updates of the live
 * analysis (live-analysis.ts): what is judged again is re-filed, everything else stays where it is,
 * so an update costs what it changed, not a walk over every flow. `merge` lists several
 * files with the diagnostics judged anew on each update in the one-shot's order (analyze.ts): by
 * entry, and at one entry each file's in rank order, file after file, then the others.
 */
import type { Diagnostic } from '../model';
import { firstIndexWhere } from '../sorted';

/** One judge's diagnostics at one entry (a step's list: every diagnostic of it names that entry). */
interface Share {
  rank: number;
  diagnostics: readonly Diagnostic[];
}

export class FiledByEntry {
  private readonly byEntry = new Map<number, Share[]>();
  /** The entries that have shares, ascending. */
  private readonly entries: number[] = [];

  /**
   * `rank` was judged again: its steps' lists were `before` and are `after` now (one list per
   * step, each naming its step's entry). The lists of the steps that kept their place are the same
   * arrays and stay filed; the rest of `before` goes and the rest of `after` comes.
   */
  refile(rank: number, before: readonly (readonly Diagnostic[])[], after: readonly (readonly Diagnostic[])[]): void {
    let same = 0;
    while (same < before.length && same < after.length && before[same] === after[same]) same++;
    for (let i = same; i < before.length; i++) {
      const list = before[i]!;
      if (list.length > 0) this.drop(list[0]!.entry, rank);
    }
    for (let i = same; i < after.length; i++) {
      const list = after[i]!;
      if (list.length > 0) this.add(list[0]!.entry, { rank, diagnostics: list });
    }
  }

  /**
   * Every diagnostic of `files` and `others` (by entry, each list in the order given), in the
   * one-shot's order: by entry, and at one entry each file's (in rank order), file after file, then
   * the others'.
   */
  static merge(files: readonly FiledByEntry[], others: ReadonlyMap<number, readonly Diagnostic[]>): Diagnostic[] {
    const entries = [...others.keys()];
    for (const file of files) for (const entry of file.entries) entries.push(entry);
    entries.sort((a, b) => a - b);
    const merged: Diagnostic[] = [];
    let last = -1;
    for (const entry of entries) {
      if (entry === last) continue;
      last = entry;
      for (const file of files) {
        const shares = file.byEntry.get(entry);
        if (shares) for (const share of shares) for (const d of share.diagnostics) merged.push(d);
      }
      const other = others.get(entry);
      if (other) for (const d of other) merged.push(d);
    }
    return merged;
  }

  private drop(entry: number, rank: number): void {
    const shares = this.byEntry.get(entry);
    if (!shares) return;
    const kept = shares.filter((share) => share.rank !== rank);
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
      // In rank order, as the one-shot lists flows (one flow per entry is the rule; kept exact anyway).
      let i = shares.length;
      while (i > 0 && shares[i - 1]!.rank > share.rank) i--;
      shares.splice(i, 0, share);
      return;
    }
    this.byEntry.set(entry, [share]);
    this.entries.splice(this.indexOf(entry), 0, entry);
  }

  /** Where `entry` is in `entries`, or would go (the first entry not below it). */
  private indexOf(entry: number): number {
    const { entries } = this;
    return firstIndexWhere(entries.length, (i) => entries[i]! >= entry);
  }
}
