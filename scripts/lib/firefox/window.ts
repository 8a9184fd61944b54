/**
 * The browser window as a whole: its size, and a PNG of everything in it (tabs, page and toolbox),
 * taken in Marionette's chrome context, where the screenshot is of the window rather than a page.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Marionette } from './marionette';

export async function setWindowSize(marionette: Marionette, width: number, height: number): Promise<void> {
  await marionette.setContext('chrome');
  await marionette.command('WebDriver:SetWindowRect', { width, height });
}

/** Saves the window as a PNG at `file` (directories made as needed) and resolves with its absolute path. */
export async function saveWindowScreenshot(marionette: Marionette, file: string): Promise<string> {
  await marionette.setContext('chrome');
  // full: false is the window's viewport; in chrome context that is the whole window.
  const answer = await marionette.command<{ value: string }>('WebDriver:TakeScreenshot', { full: false });
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, Buffer.from(answer.value, 'base64'));
  return path;
}
