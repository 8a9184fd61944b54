/**
 * The `cognito-flow` command as one plain ESM file, dist/cli/main.js: src/cli, src/core and
 * jwt-decode bundled together, Node's built-ins left as imports. bin/cognito-flow.mjs loads it,
 * so the installed command needs no TypeScript transpiler and no runtime dependency.
 */
import { join } from 'node:path';
import { build } from 'vite';
import { DIST_CLI, ROOT } from './paths';

export async function buildCli(): Promise<void> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    // Everything except node:* goes into the file: a package installed offline has nothing else.
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: join(ROOT, 'src/cli/main.ts'),
      outDir: DIST_CLI,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'main.js' } },
    },
  });
}
