/**
 * Catches one download in Chromium and returns the saved file once Chromium says it is complete.
 *
 * Why not watch the folder: Chromium reserves the final file name (empty) before it writes the
 * bytes to `<name>.crdownload`, so a test that reads the first `.har` it sees can read nothing on a
 * busy machine (a CI run did). The DevTools protocol's own download events say when it is done.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'puppeteer-core';

export interface Download {
  /** The file name the page suggested (what a person's browser would have saved it as). */
  name: string;
  text: string;
}

interface WillBegin { guid: string; suggestedFilename: string }
interface Progress { guid: string; state: 'inProgress' | 'completed' | 'canceled' }

export async function downloadOf(cdp: CDPSession, trigger: () => Promise<unknown>, timeoutMs = 20_000): Promise<Download> {
  const folder = await mkdtemp(join(tmpdir(), 'cfi-download-'));
  // allowAndName: the file is saved under its guid, so two downloads of one name never collide.
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: folder, eventsEnabled: true });
  const names = new Map<string, string>();
  let onBegin = (_event: WillBegin): void => undefined;
  let onProgress = (_event: Progress): void => undefined;
  try {
    const done = new Promise<{ guid: string; name: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no download completed within ${timeoutMs} ms`)), timeoutMs);
      onBegin = (event) => void names.set(event.guid, event.suggestedFilename);
      onProgress = (event) => {
        if (event.state === 'canceled') {
          clearTimeout(timer);
          reject(new Error('Chromium canceled the download'));
        } else if (event.state === 'completed') {
          clearTimeout(timer);
          resolve({ guid: event.guid, name: names.get(event.guid) ?? '' });
        }
      };
      cdp.on('Browser.downloadWillBegin', onBegin);
      cdp.on('Browser.downloadProgress', onProgress);
    });
    await trigger();
    const { guid, name } = await done;
    return { name, text: await readFile(join(folder, guid), 'utf8') };
  } finally {
    cdp.off('Browser.downloadWillBegin', onBegin);
    cdp.off('Browser.downloadProgress', onProgress);
    await rm(folder, { recursive: true, force: true });
  }
}
