/** Listing a built folder: every file, relative, forward slashes, sorted (stable across machines). */
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(dir, file)).isFile())
    .map((file) => file.split(sep).join('/'))
    .sort();
}
