/**
 * Installs the unpacked extension as a temporary add-on, as about:debugging's "Load Temporary
 * Add-on…" does: dist/firefox is unsigned, and a temporary add-on goes with the profile.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Marionette } from './marionette';

/** Resolves with the add-on's id. */
export async function installTemporaryAddon(marionette: Marionette, extensionDir: string): Promise<string> {
  const path = resolve(extensionDir);
  if (!existsSync(join(path, 'manifest.json'))) throw new Error(`no extension build at ${path} (manifest.json missing): run npm run build`);
  await marionette.setContext('chrome');
  const answer = await marionette.command<{ value?: string }>('Addon:Install', { path, temporary: true });
  return answer.value ?? '';
}
