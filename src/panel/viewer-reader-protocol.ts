/**
 * Messages between the HAR viewer page and its reader worker (viewer-worker.ts). The page sends a
 * file's bytes as they arrive; the worker parses them (viewer-har-stream.ts) and sends back only
 * the entries the panel keeps (capture-filter.ts), with a count of the others. `id` tells files
 * apart (two files opened one after the other may be read at the same time).
 */
import type { ParsedHar } from '../core/salvage';

export type ToReader =
  | { type: 'begin'; id: number }
  | { type: 'bytes'; id: number; bytes: Uint8Array }
  | { type: 'end'; id: number }
  /** Reading the file failed on the page: forget it. */
  | { type: 'abandon'; id: number };

export type FromReader =
  /** The worker is running and takes files. */
  | { type: 'ready' }
  /**
   * Kept entries parsed while the file arrives, in order (part of the result only if `done` does not
   * replace them): as `json`, the text of a list of them cut from the file (parsing text is cheaper
   * than cloning the values, on both sides), or as values when their text could not be cut out.
   */
  | { type: 'entries'; id: number; json: string }
  | { type: 'entries'; id: number; entries: unknown[] }
  /**
   * The file is read: `entries` follow those sent before, or replace them (`replace`: the whole
   * text was parsed again, a file cut off or laid out unusually). `skipped`: entries not kept.
   */
  | { type: 'done'; id: number; entries: unknown[]; replace: boolean; skipped: number; truncated: ParsedHar['truncated'] }
  /** Not a usable HAR: the reason, as parseHarText words it. */
  | { type: 'failed'; id: number; message: string };
