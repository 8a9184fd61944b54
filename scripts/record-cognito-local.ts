/**
 * `npm run record`: re-records the real captures in test/fixtures/real/.
 *
 * Starts cognito-local (seeded: pool, clients, users) with our SRP stand-in in front of it,
 * runs every scenario of test/support/cognito-scenarios.ts with the real client libraries
 * through a recording proxy, and writes one pretty-printed HAR per scenario, plus
 * `mixed-interleaved.har` recorded on a second, freshly seeded server with several
 * scenarios running at once, the identity-pool captures (sign-in, then GetId and
 * GetCredentialsForIdentity with the AWS SDK against test/support/identity-pool-server.ts), plus the
 * `amplify-*.har` captures: Amplify v6 in the demo app, in a headless Chromium (needs Debian's
 * chromium). Sessions and tokens differ on every run; names do not.
 *
 * Options: `--only <name>[,<name>]` records just those captures.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RecordedHar } from '../test/support/har-recorder';
import { recordAmplifyCaptures } from './demo/record-amplify';
import {
  MIXED_SCENARIOS,
  SCENARIOS,
  recordInterleaved,
  recordScenario,
  startRecordingEnvironment,
  type RecordingEnvironment,
} from '../test/support/cognito-scenarios';
import { IDENTITY_SCENARIOS, recordIdentityScenario } from '../test/support/identity-scenarios';

const OUT_DIR = fileURLToPath(new URL('../test/fixtures/real/', import.meta.url));
const MIXED_NAME = 'mixed-interleaved';

function parseOnly(argv: string[]): Set<string> | null {
  const index = argv.indexOf('--only');
  const list = index >= 0 ? argv[index + 1] : undefined;
  return list ? new Set(list.split(',').map((name) => name.trim()).filter(Boolean)) : null;
}

async function writeHar(name: string, har: RecordedHar, summary: string): Promise<void> {
  const path = `${OUT_DIR}${name}.har`;
  await writeFile(path, `${JSON.stringify(har, null, 2)}\n`);
  const operations = har.log.entries.map((entry) => {
    const target = entry.request.headers.find((h) => h.name.toLowerCase() === 'x-amz-target')?.value.split('.')[1];
    return `${target ?? entry.request.method}:${entry.response.status}`;
  });
  console.log(`wrote test/fixtures/real/${name}.har (${har.log.entries.length} entries: ${operations.join(' ')})\n  ${summary}`);
}

async function withEnvironment(use: (env: RecordingEnvironment) => Promise<void>): Promise<void> {
  const env = await startRecordingEnvironment();
  try {
    await use(env);
  } finally {
    await env.stop();
  }
}

async function main(): Promise<void> {
  const only = parseOnly(process.argv.slice(2));
  const wanted = (name: string) => !only || only.has(name);
  await mkdir(OUT_DIR, { recursive: true });

  // Scenarios change user state (passwords, MFA), so they run once each, in order, on one server.
  await withEnvironment(async (env) => {
    console.log(`cognito-local ${env.server.endpoint}, pool ${env.seed.userPoolId}, SRP stand-in ${env.srp.endpoint}`);
    for (const scenario of SCENARIOS) {
      if (!wanted(scenario.name)) continue;
      await writeHar(scenario.name, await recordScenario(env, scenario), scenario.summary);
    }
  });

  if (IDENTITY_SCENARIOS.some((scenario) => wanted(scenario.name))) {
    await withEnvironment(async (env) => {
      for (const scenario of IDENTITY_SCENARIOS) {
        if (!wanted(scenario.name)) continue;
        await writeHar(scenario.name, await recordIdentityScenario(env.server, env.seed, scenario), scenario.summary);
      }
    });
  }

  // Amplify v6 in Chromium: the demo app signs in through the recording proxy (scripts/demo/record-amplify.ts).
  for (const captured of await recordAmplifyCaptures(wanted)) await writeHar(captured.name, captured.har, captured.summary);

  if (wanted(MIXED_NAME)) {
    await withEnvironment(async (env) => {
      const har = await recordInterleaved(env, MIXED_SCENARIOS);
      await writeHar(MIXED_NAME, har, `Concurrent ${MIXED_SCENARIOS.map((s) => s.name).join(', ')} + 2 CORS preflights + a JWKS GET, interleaved in one HAR.`);
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
