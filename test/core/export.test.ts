import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exportFileName, exportHar } from '../../src/core/export';
import { analyzeHar } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';
import type { HarEntry } from '../../src/core/har';

const entries = (JSON.parse(readFileSync('test/fixtures/real/new-password-required.har', 'utf8')) as { log: { entries: HarEntry[] } }).log.entries;
const secrets = () => {
  const found: string[] = [];
  for (const entry of entries) {
    const body = JSON.parse(entry.request.postData?.text ?? '{}') as { AuthParameters?: Record<string, string>; ChallengeResponses?: Record<string, string>; Session?: string };
    for (const value of [body.AuthParameters?.PASSWORD, body.ChallengeResponses?.NEW_PASSWORD, body.Session]) if (value) found.push(value);
  }
  return found;
};

describe('Export HAR', () => {
  it('masks secrets by default and the export still gives the same chains', () => {
    expect(secrets().length).toBeGreaterThanOrEqual(3);
    const har = exportHar(entries, 'share', '0.1.0');
    const text = JSON.stringify(har);
    for (const secret of secrets()) expect(text).not.toContain(secret);
    expect(har.log.creator).toEqual({ name: 'Cognito Flow Inspector', version: '0.1.0' });
    const flows = (h: unknown) => toReport(analyzeHar(h)).flows.map((f) => f.steps.map((s) => [s.operation, s.handoff]));
    expect(flows(har)).toEqual(flows({ log: { entries } }));
  });

  it('strict also hides the user; unmasked keeps everything as captured', () => {
    const bodies = (har: { log: { entries: HarEntry[] } }) => har.log.entries.map((e) => e.request.postData?.text ?? '').join('\n');
    expect(bodies({ log: { entries } })).toContain('"USERNAME":"bob-new"');
    expect(bodies(exportHar(entries, 'share', '0.1.0'))).toContain('"USERNAME":"bob-new"');
    expect(bodies(exportHar(entries, 'strict', '0.1.0'))).not.toContain('bob-new');
    const unmasked = exportHar(entries, 'unmasked', '0.1.0');
    expect(unmasked.log.entries).toEqual(entries);
    for (const secret of secrets()) expect(JSON.stringify(unmasked)).toContain(secret);
  });

  it('names the file by time, and says when it is unmasked', () => {
    const at = new Date('2026-11-23T10:04:05.678Z');
    expect(exportFileName(at, 'share')).toBe('cognito-flow-2026-11-23T10-04-05.har');
    expect(exportFileName(at, 'unmasked')).toBe('cognito-flow-2026-11-23T10-04-05-unmasked.har');
  });
});
