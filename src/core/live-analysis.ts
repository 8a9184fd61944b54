/**
 * The analysis of a capture that grows (the live panel): the same `Analysis` as `analyzeEntries`
 * over all the entries so far, but each entry is classified once, when it arrives — reading and
 * parsing its bodies is most of what an analysis costs. Linking, what follows a sign-in (identity
 * pools, refreshes, calls with a sign-in's tokens) and the diagnostics run over all the calls on
 * each update: they are linear in the calls, and identity exchanges and refreshes can join flows
 * that an earlier update already showed, so a partial re-run could show a different story than
 * the one-shot analysis.
 */
import type { AnalyzeOptions, Analysis, CognitoCall, IgnoredEntry } from './model';
import { analyzeClassified, resolveOptions } from './analyze';
import { classifyEntry } from './calls';
import type { ResolvedOptions } from './diagnostics/types';

export class LiveAnalysis {
  private readonly options: ResolvedOptions;
  /** The entries list analysed so far (appended to between updates) and how much of it. */
  private source: readonly unknown[] | null = null;
  private seen = 0;
  private readonly calls: CognitoCall[] = [];
  private readonly ignored: IgnoredEntry[] = [];
  private latest: Analysis | null = null;

  constructor(options?: AnalyzeOptions) {
    this.options = resolveOptions(options);
  }

  /**
   * The analysis of `entries`: the list given last time with entries appended, or any other list
   * (then it starts over). Returns the same object when nothing was added.
   */
  update(entries: readonly unknown[]): Analysis {
    if (entries !== this.source || entries.length < this.seen) this.reset(entries);
    if (this.latest && entries.length === this.seen) return this.latest;
    for (let index = this.seen; index < entries.length; index++) {
      const classified = classifyEntry(entries[index], index);
      if (classified.kind === 'cognito') this.calls.push(classified.call);
      else this.ignored.push(classified.ignored);
    }
    this.seen = entries.length;
    return (this.latest = analyzeClassified(entries, this.calls, this.ignored, this.options));
  }

  private reset(entries: readonly unknown[]): void {
    this.source = entries;
    this.seen = 0;
    this.calls.length = 0;
    this.ignored.length = 0;
    this.latest = null;
  }
}
