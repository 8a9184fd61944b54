/**
 * Runs axe-core inside a page or frame (its source evaluated over the DevTools protocol, so the
 * extension page's CSP does not stop it) and returns the critical and serious violations, each
 * as "rule: target (summary)".
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'puppeteer-core';

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

export async function seriousViolations(target: Page | Frame): Promise<string[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const code = await source;
  await target.evaluate(code);
  const result = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
    // WCAG 2.2 AA and best practices, the target-size rule included.
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
  });
  return (result as AxeResult).violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} (${(n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 200)})`));
}
