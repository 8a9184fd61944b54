/**
 * The profile prefs (written to user.js) for a Firefox driven through Marionette: a quiet offline
 * start, chrome debugging on, unsigned temporary add-ons allowed, and the toolbox's place, height
 * and theme.
 */
export type FirefoxTheme = 'light' | 'dark';

export interface FirefoxPrefOptions {
  /** DevTools' theme (`devtools.theme`); dark also makes the browser and pages prefer dark. Default light. */
  theme?: FirefoxTheme;
  /**
   * Height in CSS pixels of the toolbox docked at the bottom (`devtools.toolbox.footer.height`;
   * Firefox caps it to leave the page 25 px). Default: Firefox's own (250).
   */
  toolboxHeight?: number;
  /**
   * The network monitor's Persist Logs (`devtools.netmonitor.persistlog`), what the panel advises
   * for managed login (managed-login-oauth2.md §6): requests stay readable across navigations.
   * Default: Firefox's own (off).
   */
  persistLogs?: boolean;
}

export type PrefValue = string | number | boolean;

const BASE_PREFS: Record<string, PrefValue> = {
  // 0 lets Firefox take a free port and write it to the profile's MarionetteActivePort file (what
  // geckodriver does), so parallel runs cannot collide on a port.
  'marionette.port': 0,
  // Chrome debugging on, as for the Browser Toolbox: the drivers' scripts run in chrome context.
  'devtools.chrome.enabled': true,
  'devtools.debugger.remote-enabled': true,
  'devtools.debugger.prompt-connection': false,
  'devtools.everOpened': true,
  // Docked at the bottom: the panel's flow list and details want the window's full width.
  'devtools.toolbox.host': 'bottom',
  // dist/firefox is unsigned; it is installed as a temporary add-on.
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.update.enabled': false,
  // Quiet, offline start: no first-run pages, telemetry, updates or background fetches.
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.aboutwelcome.enabled': false,
  'browser.tabs.warnOnClose': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.enabled': false,
  'app.update.disabledForTesting': true,
  'browser.safebrowsing.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.newtabpage.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'toolkit.startup.max_resumed_crashes': -1,
};

/** Dark for the browser's own UI and for pages' prefers-color-scheme, as Chromium's --force-dark-mode. */
const DARK_PREFS: Record<string, PrefValue> = {
  'ui.systemUsesDarkTheme': 1,
  'layout.css.prefers-color-scheme.content-override': 0,
};

export function firefoxPrefs(options: FirefoxPrefOptions = {}): Record<string, PrefValue> {
  const theme = options.theme ?? 'light';
  return {
    ...BASE_PREFS,
    'devtools.theme': theme,
    ...(theme === 'dark' ? DARK_PREFS : {}),
    ...(options.toolboxHeight !== undefined ? { 'devtools.toolbox.footer.height': Math.round(options.toolboxHeight) } : {}),
    ...(options.persistLogs ? { 'devtools.netmonitor.persistlog': true } : {}),
  };
}
