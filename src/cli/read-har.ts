/** Reads a HAR file from disk, turning every way it can be unusable into a one-line reason. */
import { readFile } from 'node:fs/promises';

export class UnusableInput extends Error {}

export async function readHarFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnusableInput(code === 'ENOENT' ? `no such file: ${path}` : code === 'EISDIR' ? `${path} is a directory, not a HAR file` : `cannot read ${path} (${code ?? 'error'})`);
  }
  // Some tools save HAR with a byte-order mark.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UnusableInput(`${path} is not JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
}
