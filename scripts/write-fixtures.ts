/**
 * Writes every scenario's HAR to test/fixtures/har/<name>.har (pretty JSON), so the CLI and the
 * panel can be tried on them: `npm run fixtures`, then `cognito-flow analyze test/fixtures/har/…`.
 * The directory mirrors the catalogue: .har files of scenarios that no longer exist are removed.
 * Output is deterministic (seeded values, fixed dates), so re-running changes nothing.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarios } from '../test/fixtures/scenarios';

const outDir = fileURLToPath(new URL('../test/fixtures/har/', import.meta.url));
mkdirSync(outDir, { recursive: true });

const wanted = new Set(scenarios.map((s) => `${s.name}.har`));
for (const file of readdirSync(outDir)) {
  if (file.endsWith('.har') && !wanted.has(file)) rmSync(join(outDir, file));
}

for (const scenario of scenarios) {
  writeFileSync(join(outDir, `${scenario.name}.har`), `${JSON.stringify(scenario.har, null, 2)}\n`);
}
console.log(`wrote ${scenarios.length} HAR files to ${outDir}`);
