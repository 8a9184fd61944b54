/**
 * The captures the layout, keyboard and accessibility tests open: the real cognito-local sign-ins
 * (one broken) plus a long TOTP set-up whose VerifySoftwareToken step fails, so the failing step
 * sits low in the chain, as in issue 8's report. Also the three DevTools sizes the issue names.
 */
import type { Har, HarEntry } from '../../../src/core/har';
import { scenarios } from '../../fixtures/scenarios';
import { analyzeHar } from '../../../src/core/analyze';
import { realHar } from './viewer-harness';

export const SIZES = [
  { name: 'docked-right', width: 500, height: 810 },
  { name: 'docked-bottom', width: 1366, height: 330 },
  { name: 'undocked', width: 1600, height: 1000 },
] as const;

export const THEMES = ['light', 'dark'] as const;

/** The long flow's failing step: VerifySoftwareToken answered with CodeMismatchException. */
export function longFailingFlow(): HarEntry[] {
  const har = structuredClone(scenarios.find((s) => s.name === 'mfa-setup-totp')!.har) as Har;
  for (const entry of har.log.entries) {
    const target = entry.request.headers.find((h) => h.name.toLowerCase() === 'x-amz-target')?.value ?? '';
    if (target.endsWith('.VerifySoftwareToken')) {
      entry.response.status = 400;
      entry.response.content = { mimeType: 'application/x-amz-json-1.1', text: JSON.stringify({ __type: 'CodeMismatchException', message: 'Invalid code received for user' }) };
    }
  }
  return har.log.entries;
}

/** The demo's mix of sign-ins, with the long failing flow last. */
export async function demoHar(): Promise<Har> {
  const mixed = (await realHar('mixed-interleaved.har')) as Har;
  const broken = (await realHar('broken-missing-new-password.har')) as Har;
  const last = Date.parse(mixed.log.entries.at(-1)!.startedDateTime);
  // Later than everything else, so it is the last row and its entries keep their order.
  const shift = (entries: HarEntry[], from: number) => entries.map((e, i) => ({ ...e, startedDateTime: new Date(from + i * 1000).toISOString() }));
  return { log: { ...mixed.log, entries: [...mixed.log.entries, ...shift(broken.log.entries, last + 60_000), ...shift(longFailingFlow(), last + 120_000)] } };
}

/** Flow ids in the demo HAR: the broken sign-in (missing NEW_PASSWORD) and the long flow, the last two. */
export async function demoFlows(): Promise<{ broken: string; long: string }> {
  const flows = analyzeHar(await demoHar()).flows;
  return { broken: flows.at(-2)!.id, long: flows.at(-1)!.id };
}
