/**
 * The HAR viewer's `PanelHost`: entries come from a file the user opened (or `?har=`), settings
 * live in memory only (the page stores nothing), the theme follows `?theme=` or the system, and
 * replays go out with `fetch`.
 */
import type { HarEntry } from '../core/har';
import type { CaptureSink, PanelHost, PanelSettings, SettingsStore, Theme, TrafficSource } from './host';
import { fetchReplay } from './replay-fetch';

/**
 * A TrafficSource fed by HAR files: each file replaces the last (delivered as a navigation). A file
 * opened before the panel connects waits for it; once delivered, the source lets go of it: the
 * store keeps only the X-Amz-Target entries, and holding on to the whole file would keep a big
 * HAR's ordinary traffic (most of it, bodies and all) in memory for nothing.
 */
export class HarFileSource implements TrafficSource {
  private sink: CaptureSink | null = null;
  private pending: { name: string; entries: readonly HarEntry[]; skipped: number } | null = null;

  connect(sink: CaptureSink): () => void {
    this.sink = sink;
    const waiting = this.pending;
    this.pending = null;
    if (waiting) this.deliver(waiting.name, waiting.entries, waiting.skipped);
    return () => { if (this.sink === sink) this.sink = null; };
  }

  /** `skipped`: entries of the file already left out because the panel would not keep them (counted). */
  load(name: string, entries: readonly HarEntry[], skipped = 0): void {
    if (this.sink) this.deliver(name, entries, skipped);
    else this.pending = { name, entries, skipped };
  }

  private deliver(name: string, entries: readonly HarEntry[], skipped: number): void {
    this.sink?.navigated(name);
    this.sink?.add(entries, skipped);
  }
}

/** Settings kept for the page's lifetime only. Preserve log is off: opening a file replaces the capture. */
export class MemorySettings implements SettingsStore {
  private settings: Partial<PanelSettings> = { preserveLog: false };
  load(): Promise<Partial<PanelSettings>> {
    return Promise.resolve({ ...this.settings });
  }
  save(settings: PanelSettings): Promise<void> {
    this.settings = { ...settings };
    return Promise.resolve();
  }
}

/** `?theme=dark|light` wins (tests, demos); otherwise the system's colour scheme, followed live. */
function themeFrom(search: string): Theme | null {
  const asked = new URLSearchParams(search).get('theme');
  return asked === 'dark' || asked === 'light' ? asked : null;
}

export function createViewerHost(source: HarFileSource, search = location.search): PanelHost {
  const forced = themeFrom(search);
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const systemTheme = (): Theme => (query?.matches ? 'dark' : 'light');
  return {
    kind: 'har-file',
    source,
    settings: new MemorySettings(),
    theme: () => forced ?? systemTheme(),
    onThemeChange(listener) {
      if (forced || !query) return () => undefined;
      const onChange = () => listener(systemTheme());
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    replay: (request) => fetchReplay(request),
  };
}
