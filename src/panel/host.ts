/**
 * What the panel needs from the page it runs in. The Preact UI only talks to a `PanelHost`;
 * `src/devtools/` builds one over the browser's devtools APIs, the HAR viewer builds one over a
 * file, tests build one over fixtures. (The two-method adapter idea of apollo-client-devtools.)
 */
import type { HarEntry } from '../core/har';
import type { ReplayRequest } from '../core/replay';

/** Receives captured traffic, in capture order. */
export interface CaptureSink {
  /**
   * Finished entries (HAR 1.2 shape, plain JSON, bodies filled in where they could be read).
   * `skipped`: how many more requests the source left out because the panel would not keep them
   * (panel/capture-filter.ts); they are counted, as if added.
   */
  add(entries: readonly HarEntry[], skipped?: number): void;
  /** The inspected page navigated to `url`; the panel clears unless Preserve log is on. */
  navigated(url: string): void;
}

/** Where entries come from: the live devtools network, or a HAR file. */
export interface TrafficSource {
  /** Starts delivering to `sink` (entries already there first); returns a function that stops. */
  connect(sink: CaptureSink): () => void;
}

/** The only thing the panel ever stores: the user's settings, never captured data. */
export interface PanelSettings {
  preserveLog: boolean;
}

export const DEFAULT_SETTINGS: PanelSettings = { preserveLog: true };

export interface SettingsStore {
  load(): Promise<Partial<PanelSettings>>;
  save(settings: PanelSettings): Promise<void>;
}

export type Theme = 'light' | 'dark';

export interface PanelHost {
  /** `devtools`: live capture in the browser's DevTools; `har-file`: a plain page fed by a HAR. */
  kind: 'devtools' | 'har-file';
  source: TrafficSource;
  settings: SettingsStore;
  /** The DevTools theme now, and a way to follow changes (Firefox reports them; Chrome reloads panels). */
  theme(): Theme;
  onThemeChange(listener: (theme: Theme) => void): () => void;
  /**
   * Sends a replay the user clicked, to the endpoint the original call went to, and returns the
   * exchange as a HAR entry (the panel appends it to the capture so it shows in the chain).
   */
  replay(request: ReplayRequest): Promise<HarEntry>;
}
