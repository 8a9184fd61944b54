/** Raw and gzipped sizes of built JavaScript, and the table the build prints. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { filesUnder } from './files';

export interface Size {
  files: number;
  raw: number;
  gzip: number;
}

/**
 * Files are gzipped one by one (as a server or store would serve them) and summed; zlib's
 * default level, so the figure matches what `gzip` on the command line says.
 */
export function sizeOf(root: string, files: readonly string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(root, file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files: files.length, raw, gzip };
}

/** Every .js file under `root`, relative to it. */
export function allScripts(root: string): string[] {
  return filesUnder(root).filter((file) => file.endsWith('.js'));
}

export interface SizeRow {
  build: string;
  what: string;
  size: Size;
  note?: string;
}

export function formatSizes(rows: readonly SizeRow[]): string {
  const cells = rows.map((row) => [row.build, row.what, String(row.size.files), kb(row.size.raw), kb(row.size.gzip), row.note ?? '']);
  const header = ['build', 'javascript', 'files', 'raw', 'gzip', ''];
  const widths = header.map((title, col) => Math.max(title.length, ...cells.map((cell) => (cell[col] as string).length)));
  const rightAligned = new Set([2, 3, 4]);
  const line = (cell: string[]): string =>
    cell.map((text, col) => (rightAligned.has(col) ? text.padStart(widths[col] as number) : text.padEnd(widths[col] as number))).join('  ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
