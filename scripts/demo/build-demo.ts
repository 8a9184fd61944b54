/**
 * Builds the demo app (src/demo) into dist/demo with Vite's API, so `npm start` and the e2e tests
 * need no config file of their own. Run directly (`tsx scripts/demo/build-demo.ts`) it just builds.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const DEMO_ROOT = fileURLToPath(new URL('../../src/demo/', import.meta.url));
export const DEMO_OUT = fileURLToPath(new URL('../../dist/demo/', import.meta.url));

export async function buildDemo(): Promise<string> {
  await build({
    root: DEMO_ROOT,
    configFile: false,
    logLevel: 'warn',
    // amazon-cognito-identity-js imports the npm `buffer` package, whose v4 reads Node's `global`.
    define: { global: 'globalThis' },
    build: {
      outDir: DEMO_OUT, emptyOutDir: true, sourcemap: true, target: 'es2022',
      // frame.html is only loaded by the page (an iframe), so it is named as an input too.
      rollupOptions: { input: { index: `${DEMO_ROOT}index.html`, frame: `${DEMO_ROOT}frame.html` } },
    },
  });
  return DEMO_OUT;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildDemo().then(
    (out) => console.log(`demo app built into ${out}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
