/**
 * Follows the DevTools theme. Chrome names it `default` or `dark` (and reloads extension panels
 * when it changes); Firefox names it `light` or `dark` and reports changes with `onThemeChanged`.
 */
import type { Theme } from '../panel/host';

export interface DevtoolsPanels {
  themeName?: string;
  onThemeChanged?: {
    addListener(listener: (name: string) => void): void;
    removeListener(listener: (name: string) => void): void;
  };
}

export function themeFromName(name: string | undefined): Theme {
  return name === 'dark' ? 'dark' : 'light';
}

export function followTheme(panels: DevtoolsPanels, listener: (theme: Theme) => void): () => void {
  const events = panels.onThemeChanged;
  if (!events) return () => undefined;
  const onChange = (name: string) => listener(themeFromName(name));
  events.addListener(onChange);
  return () => events.removeListener(onChange);
}
