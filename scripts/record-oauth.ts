/**
 * `npx tsx scripts/record-oauth.ts`: re-records the managed-login captures in test/fixtures/oauth/
 * from the oidc-provider double (test/support/oauth-provider.ts), one HAR per scenario of
 * test/support/oauth-scenarios.ts. Codes, verifiers, tokens and ports differ on every run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { OAUTH_SCENARIOS, recordOAuthScenario } from '../test/support/oauth-scenarios';

const OUT_DIR = fileURLToPath(new URL('../test/fixtures/oauth/', import.meta.url));

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  for (const name of OAUTH_SCENARIOS) {
    const har = await recordOAuthScenario(name);
    await writeFile(`${OUT_DIR}${name}.har`, `${JSON.stringify(har, null, 2)}\n`);
    console.log(`${name}.har: ${har.log.entries.length} entries`);
  }
}

await main();
