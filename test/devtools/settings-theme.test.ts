import { describe, expect, it } from 'vitest';
import { storageSettingsStore, type StorageArea } from '../../src/devtools/settings-store';
import { followTheme, themeFromName } from '../../src/devtools/theme';

function memoryArea(initial: Record<string, unknown> = {}): StorageArea & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (keys) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])),
    set: async (items) => void Object.assign(data, items),
  };
}

describe('settings: the only thing the extension stores', () => {
  it('remembers Preserve log and nothing else', async () => {
    const area = memoryArea();
    const store = storageSettingsStore(area);
    expect(await store.load()).toEqual({});
    await store.save({ preserveLog: false, ...({ capturedEntries: ['secret'] } as object) } as { preserveLog: boolean });
    expect(await store.load()).toEqual({ preserveLog: false });
    expect(JSON.stringify(area.data)).not.toContain('secret');
    expect(Object.keys(area.data)).toHaveLength(1);
  });

  it('ignores a stored value of the wrong shape, and storage that fails', async () => {
    expect(await storageSettingsStore(memoryArea({ 'cognitoFlowInspector.settings': { preserveLog: 'yes' } })).load()).toEqual({});
    const broken: StorageArea = { get: () => Promise.reject(new Error('no storage')), set: () => Promise.reject(new Error('no storage')) };
    expect(await storageSettingsStore(broken).load()).toEqual({});
  });
});

describe('theme: follows DevTools', () => {
  it("maps Chrome's default/dark and Firefox's light/dark", () => {
    expect(themeFromName('default')).toBe('light');
    expect(themeFromName('light')).toBe('light');
    expect(themeFromName('dark')).toBe('dark');
    expect(themeFromName(undefined)).toBe('light');
  });

  it("follows Firefox's onThemeChanged and stops when asked; Chrome has no such event", () => {
    const listeners = new Set<(name: string) => void>();
    const seen: string[] = [];
    const stop = followTheme({ onThemeChanged: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) } }, (t) => seen.push(t));
    for (const l of listeners) l('dark');
    stop();
    expect(listeners.size).toBe(0);
    expect(seen).toEqual(['dark']);
    expect(() => followTheme({ themeName: 'dark' }, () => undefined)()).not.toThrow();
  });
});
