/**
 * Runs every check over the linked calls. The order of the lists is the order diagnostics
 * are shown in for one entry.
 */
import type { LinkResult } from '../flows';
import type { CognitoCall, Diagnostic } from '../model';
import type { CallCheck, Finding, ResolvedOptions, StepCheck, StepInput } from './types';
import { checkBodies } from './bodies';
import { checkError } from './errors';
import { checkHandoff } from './handoff';
import { checkChallenge, expectedKeys } from './challenge';
import { checkFormats } from './formats';
import { checkIssuedTokens, checkSentToken } from './tokens';
import { bodyObject } from '../body';
import { serverOutranks } from './server-answer';
import { checkTokenScope } from './token-scope';

const CALL_CHECKS: readonly CallCheck[] = [checkBodies, checkError, checkSentToken, checkTokenScope];
const STEP_CHECKS: readonly StepCheck[] = [checkHandoff, checkChallenge, checkFormats, checkIssuedTokens];

function stamp(findings: Finding[], entry: number, flow: string | null): Diagnostic[] {
  return findings.map((f) => ({ entry, flow, ...f }));
}

export function diagnose(linked: LinkResult, options: ResolvedOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const callChecks = (call: CognitoCall, input?: StepInput) => CALL_CHECKS.flatMap((check) => check(call, options, input));
  for (const flow of linked.flows) {
    for (const step of flow.steps) {
      const ctx = linked.contexts.get(step);
      let findings: Finding[];
      if (ctx) {
        const input: StepInput = { step, ctx, options, request: bodyObject(step.call.request) };
        // Computed once here, read by the checks and kept on the step for the panel.
        step.expected = expectedKeys(input);
        findings = [...STEP_CHECKS.flatMap((check) => check(input)), ...callChecks(step.call, input)];
      } else {
        findings = callChecks(step.call);
      }
      diagnostics.push(...stamp(serverOutranks(step.call, findings), step.call.entry, flow.id));
    }
  }
  for (const call of linked.standalone) diagnostics.push(...stamp(serverOutranks(call, callChecks(call)), call.entry, null));
  diagnostics.sort((a, b) => a.entry - b.entry);
  return diagnostics;
}
