/** Reads a HAR file from disk, turning every way it can be unusable into a one-line reason. */
import { readFile } from 'node:fs/promises';
import { HarFormatError } from '../core/analyze';
import { parseHarText, type ParsedHar } from '../core/salvage';

export class UnusableInput extends Error {}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads `path`, or standard input when `path` is `-` (so `… | cognito-flow analyze -` works).
 * A file that was cut off comes back with the complete entries and `truncated` set.
 */
export async function readHarFile(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<ParsedHar & { name: string }> {
  const name = path === '-' ? 'standard input' : path;
  let text: string;
  try {
    text = path === '-' ? await readStream(stdin) : await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnusableInput(code === 'ENOENT' ? `no such file: ${path}` : code === 'EISDIR' ? `${path} is a directory, not a HAR file` : `cannot read ${path} (${code ?? 'error'})`);
  }
  try {
    return { name, ...parseHarText(text) };
  } catch (error) {
    if (error instanceof HarFormatError) throw new UnusableInput(`${name} is ${error.message}`);
    throw error;
  }
}
