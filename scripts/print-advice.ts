/**
 * Prints, for every scenario of the catalogue (test/fixtures/scenarios), each diagnostic's message
 * and hint as a user would read them, so a person can judge whether the advice fits the step it
 * sits on: `npm run advice`, or `npm run advice -- device totp` for the scenarios whose name holds
 * one of the words. The tests check the rules; this is for reading the words.
 */
import { analyzeHar } from '../src/core/analyze';
import type { Analysis, Diagnostic, Flow } from '../src/core/model';
import { handoffView } from '../src/core/view/handoff-view';
import { scenarios } from '../test/fixtures/scenarios';

const MARK: Readonly<Record<Diagnostic['severity'], string>> = { error: '✖ error', warning: '▲ warning', info: 'ℹ info' };

/** Long text wrapped at `width` columns, each line indented. */
function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

function flowLine(flow: Flow): string {
  const steps = flow.steps.map((step) => {
    const link = step.handoff === 'start' ? '' : `[${handoffView(step, flow).label}] `;
    const answered = step.challengeIn ? ` ${step.challengeIn}` : '';
    const result = step.call.error ? ` ✖ ${step.call.error.type}` : step.challengeOut ? ` → ${step.challengeOut}` : step.tokens ? ' → tokens' : '';
    return `${link}#${step.call.entry} ${step.call.operation}${answered}${result}`;
  });
  return `${flow.id} ${flow.user ?? '(no user)'} · ${flow.authFlow ?? 'no AuthFlow'} · ${flow.outcome}: ${steps.join('  ')}`;
}

function tokenLines(flow: Flow): string[] {
  return (['id', 'access', 'refresh'] as const).flatMap((name) => {
    const token = flow.tokens[name];
    return token && token.kind === 'malformed' ? wrap(`${name} token ${token.reason}`, '      ') : [];
  });
}

function operationOf(analysis: Analysis, entry: number): string {
  const call = analysis.calls.find((c) => c.entry === entry);
  if (!call) return '';
  const challenge = analysis.flows.flatMap((f) => f.steps).find((s) => s.call === call)?.challengeIn;
  return challenge ? `${call.operation} ${challenge}` : call.operation;
}

const filters = process.argv.slice(2).map((word) => word.toLowerCase());
const chosen = scenarios.filter((s) => filters.length === 0 || filters.some((word) => s.name.includes(word)));
const counts = { error: 0, warning: 0, info: 0 };
const out: string[] = [];
for (const scenario of chosen) {
  const analysis = analyzeHar(scenario.har, scenario.options);
  out.push(`== ${scenario.name}`, ...wrap(scenario.description, '   '));
  for (const flow of analysis.flows) out.push(...wrap(flowLine(flow), '   '), ...tokenLines(flow));
  if (analysis.diagnostics.length === 0) out.push('   (no diagnostics)');
  for (const d of analysis.diagnostics) {
    counts[d.severity] += 1;
    out.push(`   #${d.entry} ${operationOf(analysis, d.entry)}  ${MARK[d.severity]} ${d.code}`);
    out.push(...wrap(d.message, '      '), ...wrap(`→ ${d.hint}`, '      '));
  }
  out.push('');
}
out.push(`${chosen.length} scenarios: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info.`);
console.log(out.join('\n'));
