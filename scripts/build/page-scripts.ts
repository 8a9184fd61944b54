/**
 * Which JavaScript files a built page loads: the scripts and module preloads its HTML names, then
 * every chunk those files name, transitively. Chunk names are found as string literals in the
 * minified output, which covers static imports, dynamic imports and Vite's preload lists alike;
 * counting a chunk that is only named, never loaded, errs on the side of a bigger total.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const HTML_SCRIPT = /<script\b[^>]*\bsrc="([^"]+)"/g;
const HTML_PRELOAD = /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"|<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"/g;
const JS_NAME = /["'`]([^"'`\s]+\.js)["'`]/g;
/** Only static imports (`import … from "x.js"`, `import "x.js"`): what runs before the page is interactive. */
const STATIC_IMPORT = /\b(?:from|import)\s*["'`]([^"'`\s]+\.js)["'`]/g;

/**
 * Paths (relative to `root`) of every JS file `page` (relative to `root`) loads, in discovery order.
 * `startupOnly`: follow static imports only, leaving out chunks loaded on demand (`import()`).
 */
export function pageScripts(root: string, page: string, options: { startupOnly?: boolean } = {}): string[] {
  const names = options.startupOnly ? STATIC_IMPORT : JS_NAME;
  const pagePath = join(root, page);
  const html = readFileSync(pagePath, 'utf8');
  const queue: string[] = [];
  for (const match of html.matchAll(HTML_SCRIPT)) queue.push(...locate(root, dirname(pagePath), match[1]));
  for (const match of html.matchAll(HTML_PRELOAD)) queue.push(...locate(root, dirname(pagePath), match[1] ?? match[2]));

  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(names)) queue.push(...locate(root, dirname(file), match[1]));
  }
  return [...seen].map((file) => relative(root, file));
}

/**
 * A name can be relative to the file (`./x.js`), to the site (`/assets/x.js`) or, in Vite's
 * preload lists, to the base (`assets/x.js`); whichever exists inside `root` is the one loaded.
 */
function locate(root: string, from: string, name: string | undefined): string[] {
  if (name === undefined || /^[a-z][a-z0-9+.-]*:/i.test(name)) return [];
  const path = name.split(/[?#]/)[0] as string;
  const candidates = path.startsWith('/') ? [join(root, path)] : [resolve(from, path), resolve(root, path)];
  return candidates.filter((file) => isInside(root, file) && existsSync(file)).slice(0, 1);
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..');
}
