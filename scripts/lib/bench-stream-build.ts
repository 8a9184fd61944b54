/**
 * Bundles scripts/lib/bench-stream-page.tsx (the real panel code plus the bench's feeding loop)
 * into .bench/stream-page/ with the same Vite + Preact setup as the viewer. Bench-only: nothing
 * of it ships, and the panel gets no test hook.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import preact from '@preact/preset-vite';
import { BENCH_ROOT } from './bench-synthetic';

export const STREAM_PAGE_DIR = join(BENCH_ROOT, '.bench', 'stream-page');

/** Builds the page; returns the HTML that loads it (served as /stream.html next to the bundle). */
export async function buildStreamPage(): Promise<string> {
  await build({
    configFile: false,
    root: BENCH_ROOT,
    logLevel: 'warn',
    publicDir: false,
    plugins: [preact()],
    build: {
      outDir: STREAM_PAGE_DIR,
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      cssCodeSplit: false,
      rollupOptions: {
        input: join(BENCH_ROOT, 'scripts', 'lib', 'bench-stream-page.tsx'),
        output: { entryFileNames: 'stream.js', assetFileNames: '[name][extname]' },
      },
    },
  });
  const styles = readdirSync(STREAM_PAGE_DIR).filter((name) => name.endsWith('.css'));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>panel stream bench</title>
${styles.map((name) => `<link rel="stylesheet" href="./${name}">`).join('\n')}
</head><body><div id="app" style="height:100vh"></div><script type="module" src="./stream.js"></script></body></html>`;
}
