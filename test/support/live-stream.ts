/** The live panel's analysis of a capture that arrives one entry at a time (what DevTools does). */
import type { Analysis } from '../../src/core/model';
import { LiveAnalysis } from '../../src/core/live-analysis';

/** Feeds `entries` to a fresh LiveAnalysis one by one, from empty, and returns its last analysis. */
export function liveEntryByEntry(entries: readonly unknown[]): Analysis {
  const live = new LiveAnalysis();
  const growing: unknown[] = [];
  let analysis = live.update(growing);
  for (const entry of entries) {
    growing.push(entry);
    analysis = live.update(growing);
  }
  return analysis;
}
