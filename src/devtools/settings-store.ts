/**
 * The panel's settings in `storage.local`: the only thing the extension ever writes, and never
 * captured data (only the keys of `PanelSettings` are read or written).
 */
import type { PanelSettings, SettingsStore } from '../panel/host';

/** The slice of `storage.local` used here (webextension-polyfill's, or a fake in tests). */
export interface StorageArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = 'cognitoFlowInspector.settings';

export function storageSettingsStore(area: StorageArea): SettingsStore {
  return {
    async load() {
      try {
        const stored = (await area.get([KEY]))[KEY];
        const settings: Partial<PanelSettings> = {};
        if (typeof stored === 'object' && stored !== null && typeof (stored as PanelSettings).preserveLog === 'boolean') {
          settings.preserveLog = (stored as PanelSettings).preserveLog;
        }
        return settings;
      } catch {
        // Storage unavailable (e.g. a temporary profile): defaults apply.
        return {};
      }
    },
    async save(settings) {
      await area.set({ [KEY]: { preserveLog: settings.preserveLog } });
    },
  };
}
