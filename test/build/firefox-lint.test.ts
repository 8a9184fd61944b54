/** Mozilla's linter (the one addons.mozilla.org runs) finds nothing in the Firefox build. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DIST_FIREFOX } from '../../scripts/build/paths';
import { requireBuild } from './dist';
import { WEB_EXT, WEB_EXT_ENV } from './web-ext';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}

interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

describe('web-ext lint on dist/firefox', () => {
  it('reports no errors and no warnings', () => {
    requireBuild(DIST_FIREFOX);
    const run = spawnSync(WEB_EXT, ['lint', '--source-dir', DIST_FIREFOX, '--output', 'json', '--no-config-discovery'], {
      encoding: 'utf8',
      env: WEB_EXT_ENV,
      timeout: 60_000,
    });
    expect(run.error).toBeUndefined();
    const report = JSON.parse(run.stdout) as LintReport;
    const listed = [...report.errors, ...report.warnings].map((m) => `${m.code} ${m.file ?? ''}: ${m.message}`);
    expect(listed, 'web-ext lint findings').toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  });
});
