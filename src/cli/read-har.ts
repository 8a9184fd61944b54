/** Reads a HAR file from disk, turning every way it can be unusable into a one-line reason. */
import { readFile } from 'node:fs/promises';

export class UnusableInput extends Error {}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads `path`, or standard input when `path` is `-` (so `… | cognito-flow analyze -` works). */
export async function readHarFile(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<unknown> {
  const name = path === '-' ? 'standard input' : path;
  let text: string;
  try {
    text = path === '-' ? await readStream(stdin) : await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnusableInput(code === 'ENOENT' ? `no such file: ${path}` : code === 'EISDIR' ? `${path} is a directory, not a HAR file` : `cannot read ${path} (${code ?? 'error'})`);
  }
  // Some tools save HAR with a byte-order mark.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UnusableInput(`${name} is not JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
}
