/**
 * The panel's capture: entries in capture order, kept in memory only. Only entries whose request
 * has an `X-Amz-Target` header, and managed-login candidates (core/oauth/keep.ts), are kept
 * (capture-filter.ts; busy pages make thousands of requests; the others are counted, their bodies
 * dropped). Re-analysis is batched: many entries arriving in one burst cost one update on the next
 * frame, not one per entry. The analysis is incremental (core/live-analysis.ts: an update costs
 * what was added, and flows it did not change keep their objects, so their rows are not rendered
 * again). Updates are paced: while a capture grows, one comes at most every UPDATE_INTERVAL_MS (ten a
 * second is as live as anyone can read, and each update costs something whatever it adds: in the
 * panel, after a render, it starts with cold caches), and after a run of `d` ms the next waits
 * `3·d` ms (capped), so analysis takes at most a quarter of the main thread. The first entry after
 * a quiet moment shows on the next frame. Paced from the first entry rather than from 500 on, as
 * before, streaming the bench's 10,000 entries took 29 updates instead of 54, and analysing them
 * 1.20× the one-shot instead of 1.46–1.65× (scripts/bench-panel.ts, medians of three streams).
 */
import { analyzeEntries } from '../core/analyze';
import { LiveAnalysis } from '../core/live-analysis';
import type { HarEntry } from '../core/har';
import { cognitoOperation } from '../core/calls';
import { headerValue } from '../core/har';
import { isObject } from '../core/json';
import { keptInCapture } from './capture-filter';
import type { Analysis } from '../core/model';

export interface CaptureState {
  entries: readonly HarEntry[];
  analysis: Analysis;
  /** Requests seen without X-Amz-Target: not Cognito, not kept. */
  otherRequests: number;
  /** Cognito user-pool calls that arrived while paused and were dropped (page requests are not counted: they are never kept). */
  droppedWhilePaused: number;
  paused: boolean;
}

/** Runs `run` on a coming frame, not before `delayMs` (default 0) have passed. */
export type Schedule = (run: () => void, delayMs?: number) => void;

/** Share of the main thread that re-analysing a growing capture may take (the rest is the user's). */
export const ANALYSIS_SHARE = 0.25;
/** However slow one analysis was, the next waits no longer than this for new entries to show. */
export const MAX_ANALYSIS_WAIT_MS = 1000;
/** A growing capture updates at most this often (the first entry after a quiet moment at once). */
export const UPDATE_INTERVAL_MS = 100;

/** Next animation frame, or a short timeout when frames do not come (a hidden DevTools panel gets none). */
export const nextFrame: Schedule = (run, delayMs = 0) => {
  if (delayMs > 0) {
    setTimeout(() => nextFrame(run), delayMs);
    return;
  }
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
  /** The entries `analysis` covers (a copy: `entries` keeps growing until the next run). */
  private analysed: readonly HarEntry[] = [];
  private otherRequests = 0;
  private droppedWhilePaused = 0;
  private paused = false;
  private analysis: Analysis = EMPTY;
  private state: CaptureState;
  private readonly listeners = new Set<(state: CaptureState) => void>();
  /** Entries changed since the last analysis. */
  private reanalyse = false;
  /** Something else shown changed (paused, dropped count). */
  private otherChanged = false;
  /** The flush that is coming (older scheduled ones are ignored), and whether it is a paced one. */
  private pending: number | null = null;
  private pendingIsPaced = false;
  private tickets = 0;
  /** When the next analysis may start (the `now()` clock). */
  private nextAnalysisAt = -Infinity;
  /** Follows `entries` as it grows; Clear gives it a new list, and it starts over. */
  private readonly live = new LiveAnalysis();
  /** What analysing has cost so far (the `now()` clock), for the panel bench. */
  readonly analysisCost = { runs: 0, totalMs: 0, maxMs: 0 };

  /** `now` is the clock that times analyses (injected, like `schedule`, so tests decide). */
  constructor(
    private readonly schedule: Schedule = nextFrame,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.state = this.snapshot();
  }

  getState(): CaptureState {
    return this.state;
  }

  subscribe(listener: (state: CaptureState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Captured entries; dropped while paused, like Chrome's Network panel when recording is stopped.
   * `skipped`: requests the source already left out because the panel would not keep them
   * (capture-filter.ts), counted with the other requests.
   */
  add(entries: readonly HarEntry[], skipped = 0): void {
    if (this.paused) {
      this.droppedWhilePaused += entries.filter(isUserPoolCall).length;
      this.invalidate(false, false);
      return;
    }
    let kept = false;
    for (const entry of entries) {
      if (keptInCapture(entry)) {
        this.entries.push(entry);
        kept = true;
      } else {
        this.otherRequests += 1;
      }
    }
    this.otherRequests += skipped;
    this.invalidate(kept, false);
  }

  /** A replay the user sent: always kept, paused or not (the user asked for it), and shown at once. Returns its entry index. */
  addReplay(entry: HarEntry): number {
    this.entries.push(entry);
    this.nextAnalysisAt = -Infinity;
    this.invalidate(true, true);
    return this.entries.length - 1;
  }

  clear(): void {
    this.entries = [];
    this.otherRequests = 0;
    this.droppedWhilePaused = 0;
    this.nextAnalysisAt = -Infinity;
    this.invalidate(true, true);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.invalidate(false, true);
  }

  private snapshot(): CaptureState {
    return {
      entries: this.analysed,
      analysis: this.analysis,
      otherRequests: this.otherRequests,
      droppedWhilePaused: this.droppedWhilePaused,
      paused: this.paused,
    };
  }

  /**
   * Marks the state stale; a flush on the next frame re-analyses (if entries changed) and notifies.
   * What the user did (`urgent`) does not wait behind a paced flush: it gets the next frame.
   */
  private invalidate(entriesChanged: boolean, urgent: boolean): void {
    if (entriesChanged) this.reanalyse = true;
    else this.otherChanged = true;
    if (this.pending !== null && !(urgent && this.pendingIsPaced)) return;
    this.plan(0);
  }

  private plan(delayMs: number): void {
    const ticket = ++this.tickets;
    this.pending = ticket;
    this.pendingIsPaced = delayMs > 0;
    const run = () => { if (this.pending === ticket) this.flush(); };
    if (delayMs > 0) this.schedule(run, delayMs);
    else this.schedule(run);
  }

  private flush(): void {
    this.pending = null;
    if (this.reanalyse) {
      const wait = this.nextAnalysisAt - this.now();
      if (wait <= 0) this.analyse();
      else {
        this.plan(wait);
        if (!this.otherChanged) return;
      }
    }
    this.otherChanged = false;
    this.state = this.snapshot();
    for (const listener of this.listeners) listener(this.state);
  }

  private analyse(): void {
    const start = this.now();
    this.analysis = this.live.update(this.entries);
    this.analysed = this.entries.slice();
    this.reanalyse = false;
    const end = this.now();
    this.analysisCost.runs += 1;
    this.analysisCost.totalMs += end - start;
    this.analysisCost.maxMs = Math.max(this.analysisCost.maxMs, end - start);
    const pause = Math.min(MAX_ANALYSIS_WAIT_MS, (end - start) * (1 / ANALYSIS_SHARE - 1));
    this.nextAnalysisAt = end + Math.max(UPDATE_INTERVAL_MS, pause);
  }
}

/** Is this entry a Cognito user-pool call (what "dropped while paused" counts)? */
function isUserPoolCall(entry: HarEntry): boolean {
  return isObject(entry.request) && cognitoOperation(headerValue(entry.request.headers, 'X-Amz-Target')) !== null;
}
