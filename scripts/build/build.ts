/**
 * `npm run build`: the Chrome extension (dist/chrome), the same code with a Firefox manifest
 * (dist/firefox), the HAR viewer as a static site (dist/viewer) and the CLI as plain JavaScript
 * (dist/cli). Prints the JavaScript sizes and fails if the panel's exceed the budget. Quiet otherwise: it runs inside `npm test`.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { buildCli } from './cli';
import { firefoxManifest, type Manifest } from './firefox-manifest';
import { pageScripts } from './page-scripts';
import { DIST_CHROME, DIST_FIREFOX, DIST_VIEWER, PANEL_HTML, PANEL_JS_BUDGET_GZIP, PANEL_LAZY_JS_BUDGET_GZIP, ROOT } from './paths';
import { allScripts, formatSizes, kb, sizeOf, type SizeRow } from './sizes';

async function main(): Promise<void> {
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  writeFirefox();
  await build({ configFile: join(ROOT, 'vite.viewer.config.ts'), logLevel: 'warn' });
  await buildCli();

  const chrome = readManifest(DIST_CHROME);
  const startup = pageScripts(DIST_CHROME, PANEL_HTML, { startupOnly: true });
  const panel = sizeOf(DIST_CHROME, startup);
  const lazy = sizeOf(DIST_CHROME, pageScripts(DIST_CHROME, PANEL_HTML).filter((file) => !startup.includes(file)));
  const overBudget = panel.gzip > PANEL_JS_BUDGET_GZIP || lazy.gzip > PANEL_LAZY_JS_BUDGET_GZIP;
  const rows: SizeRow[] = [
    { build: 'chrome', what: 'panel page', size: panel, note: `budget ${kb(PANEL_JS_BUDGET_GZIP)} gzip${panel.gzip > PANEL_JS_BUDGET_GZIP ? ': OVER' : ''}` },
    { build: 'chrome', what: 'panel on demand', size: lazy, note: `budget ${kb(PANEL_LAZY_JS_BUDGET_GZIP)} gzip${lazy.gzip > PANEL_LAZY_JS_BUDGET_GZIP ? ': OVER' : ''}` },
    { build: 'chrome', what: 'devtools page', size: sizeOf(DIST_CHROME, pageScripts(DIST_CHROME, String(chrome.devtools_page))) },
    { build: 'chrome', what: 'all', size: sizeOf(DIST_CHROME, allScripts(DIST_CHROME)) },
    { build: 'firefox', what: 'all', size: sizeOf(DIST_FIREFOX, allScripts(DIST_FIREFOX)), note: 'same files as chrome' },
    { build: 'viewer', what: 'all', size: sizeOf(DIST_VIEWER, allScripts(DIST_VIEWER)) },
  ];
  console.log(formatSizes(rows));
  if (overBudget) {
    console.error(`build: the panel loads ${kb(panel.gzip)} of JavaScript gzipped at start-up (budget ${kb(PANEL_JS_BUDGET_GZIP)}) and ${kb(lazy.gzip)} on demand (budget ${kb(PANEL_LAZY_JS_BUDGET_GZIP)})`);
    process.exitCode = 1;
  }
}

/** Firefox gets the Chrome build's files unchanged; only its manifest is rewritten. */
function writeFirefox(): void {
  rmSync(DIST_FIREFOX, { recursive: true, force: true });
  cpSync(DIST_CHROME, DIST_FIREFOX, { recursive: true });
  const manifest = firefoxManifest(readManifest(DIST_CHROME));
  writeFileSync(join(DIST_FIREFOX, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
