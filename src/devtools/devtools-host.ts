/**
 * The `PanelHost` of the extension: live capture from `devtools.network`, settings in
 * `storage.local`, the DevTools theme, and replays sent from the panel page with `fetch`.
 * Takes the browser API object as a parameter so it can be built over fakes in tests.
 */
import type { PanelHost } from '../panel/host';
import { fetchReplay } from '../panel/replay-fetch';
import { devtoolsTrafficSource, type DevtoolsNetwork } from './network-source';
import { storageSettingsStore, type StorageArea } from './settings-store';
import { followTheme, themeFromName, type DevtoolsPanels } from './theme';

export interface DevtoolsBrowser {
  devtools: { network: DevtoolsNetwork; panels: DevtoolsPanels };
  storage: { local: StorageArea };
}

export function devtoolsHost(browser: DevtoolsBrowser): PanelHost {
  const panels = browser.devtools.panels;
  return {
    kind: 'devtools',
    source: devtoolsTrafficSource(browser.devtools.network),
    settings: storageSettingsStore(browser.storage.local),
    theme: () => themeFromName(panels.themeName),
    onThemeChange: (listener) => followTheme(panels, listener),
    replay: (request) => fetchReplay(request),
  };
}
