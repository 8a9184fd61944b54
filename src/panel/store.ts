/**
 * The panel's capture: entries in capture order, kept in memory only. Only entries whose request
 * has an `X-Amz-Target` header are kept (busy pages make thousands of requests; the others are
 * counted, their bodies dropped). Re-analysis is batched: many entries arriving in one burst cost
 * one `analyzeEntries` run on the next frame, not one per entry.
 */
import { analyzeEntries } from '../core/analyze';
import type { HarEntry } from '../core/har';
import { hasAmzTarget } from '../core/calls';
import type { Analysis } from '../core/model';

export interface CaptureState {
  entries: readonly HarEntry[];
  analysis: Analysis;
  /** Requests seen without X-Amz-Target: not Cognito, not kept. */
  otherRequests: number;
  /** Entries that arrived while paused and were dropped. */
  droppedWhilePaused: number;
  paused: boolean;
}

export type Schedule = (run: () => void) => void;

/** Next animation frame, or a short timeout when frames do not come (a hidden DevTools panel gets none). */
export const nextFrame: Schedule = (run) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
};

const EMPTY: Analysis = analyzeEntries([]);

export class CaptureStore {
  private entries: HarEntry[] = [];
  private otherRequests = 0;
  private droppedWhilePaused = 0;
  private paused = false;
  private analysis: Analysis = EMPTY;
  private state: CaptureState;
  private scheduled = false;
  private readonly listeners = new Set<(state: CaptureState) => void>();

  constructor(private readonly schedule: Schedule = nextFrame) {
    this.state = this.snapshot();
  }

  getState(): CaptureState {
    return this.state;
  }

  subscribe(listener: (state: CaptureState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Captured entries; dropped while paused, like Chrome's Network panel when recording is stopped. */
  add(entries: readonly HarEntry[]): void {
    if (this.paused) {
      this.droppedWhilePaused += entries.length;
      this.invalidate(false);
      return;
    }
    let kept = false;
    for (const entry of entries) {
      if (hasAmzTarget(entry)) {
        this.entries.push(entry);
        kept = true;
      } else {
        this.otherRequests += 1;
      }
    }
    this.invalidate(kept);
  }

  /** A replay the user sent: always kept, paused or not (the user asked for it). */
  addReplay(entry: HarEntry): void {
    this.entries.push(entry);
    this.invalidate(true);
  }

  clear(): void {
    this.entries = [];
    this.otherRequests = 0;
    this.droppedWhilePaused = 0;
    this.invalidate(true);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.invalidate(false);
  }

  private snapshot(): CaptureState {
    return {
      entries: this.entries.slice(),
      analysis: this.analysis,
      otherRequests: this.otherRequests,
      droppedWhilePaused: this.droppedWhilePaused,
      paused: this.paused,
    };
  }

  private reanalyse = false;

  /** Marks the state stale; one flush per frame re-analyses (only if entries changed) and notifies. */
  private invalidate(entriesChanged: boolean): void {
    this.reanalyse ||= entriesChanged;
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.reanalyse) {
      this.analysis = analyzeEntries(this.entries);
      this.reanalyse = false;
    }
    this.state = this.snapshot();
    for (const listener of this.listeners) listener(this.state);
  }
}
