/**
 * The HAR viewer as a plain static site, dist/viewer/viewer.html (no extension APIs, no crxjs):
 * relative asset paths so it opens from any folder or sub-path.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const viewerDir = fileURLToPath(new URL('src/panel/', import.meta.url));

export default defineConfig({
  // Rooted at the viewer's folder so the page lands at the top of dist/viewer, not under src/panel/.
  root: viewerDir,
  base: './',
  publicDir: false,
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('dist/viewer', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    rollupOptions: { input: { viewer: `${viewerDir}viewer.html` } },
  },
});
