/** Loads scenarios and real captures for the view tests, analysed once each. */
import { readFileSync } from 'node:fs';
import { analyzeHar } from '../../src/core/analyze';
import type { Analysis, Diagnostic, Flow } from '../../src/core/model';
import { diagnosticsByEntry } from '../../src/core/view/flow-row';
import { scenarios } from '../fixtures/scenarios';

const cache = new Map<string, Analysis>();

export function scenario(name: string): Analysis {
  let analysis = cache.get(name);
  if (!analysis) {
    const found = scenarios.find((s) => s.name === name);
    if (!found) throw new Error(`no scenario ${name}`);
    analysis = analyzeHar(found.har, found.options);
    cache.set(name, analysis);
  }
  return analysis;
}

export function realCapture(file: string): Analysis {
  const key = `real:${file}`;
  let analysis = cache.get(key);
  if (!analysis) {
    analysis = analyzeHar(JSON.parse(readFileSync(new URL(`../fixtures/real/${file}`, import.meta.url), 'utf8')) as unknown);
    cache.set(key, analysis);
  }
  return analysis;
}

export function onlyFlow(analysis: Analysis): Flow {
  const flow = analysis.flows[0];
  if (!flow) throw new Error('no flow');
  return flow;
}

export function diagnosticsOf(analysis: Analysis, entry: number): Diagnostic[] {
  return diagnosticsByEntry(analysis.diagnostics).get(entry) ?? [];
}
