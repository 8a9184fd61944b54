/**
 * The extension build (Chrome output; scripts/build/build.ts derives the Firefox one from it).
 * `npm run build` runs this; `npx vite build` alone also works and writes dist/chrome.
 * Self-contained on purpose: Vite loads this file on its own, before any project module.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Read at config time (not imported) so a manifest edit is picked up without restarting anything.
const manifest = JSON.parse(readFileSync(`${root}manifest.json`, 'utf8')) as ManifestV3Export;

/**
 * Preact's renderer keeps one `innerHTML` write, for `dangerouslySetInnerHTML`. The project never
 * uses that prop (an ESLint rule forbids it: captured data is rendered as text), but Mozilla's
 * linter flags the write and the add-on must lint clean. This turns it into a `textContent`
 * write, so even a stray use shows text instead of parsing HTML. The build fails if Preact's
 * code no longer has exactly that one write, rather than shipping something unexpected.
 */
function preactHtmlAsText(): Plugin {
  const write = /\b([A-Za-z_$][\w$]*)\.innerHTML=([A-Za-z_$][\w$]*)\.__html\b/g;
  return {
    name: 'cfi:preact-html-as-text',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id.split('?')[0] ?? '')) return null;
      const writes = code.match(write)?.length ?? 0;
      if (writes !== 1) this.error(`expected 1 innerHTML write in ${id}, found ${writes}: update preactHtmlAsText in vite.config.ts`);
      return { code: code.replace(write, '$1.textContent=$2.__html'), map: null };
    },
  };
}

export default defineConfig({
  root,
  // Icons are copied as-is; the manifest and the devtools page refer to them by fixed paths.
  publicDir: 'public',
  plugins: [preactHtmlAsText(), preact(), crx({ manifest, browser: 'chrome' })],
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    // Extension pages load from the package, not over a network: no preload polyfill needed,
    // and leaving it out keeps every page's script list exactly what the code imports.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // crxjs finds the devtools page through the manifest; the panel page is only named in
      // script (devtools.panels.create), so it has to be an explicit input.
      input: { panel: 'src/devtools/panel.html' },
    },
  },
});
