/**
 * Runs every check over the linked calls. The order of the lists is the order diagnostics
 * are shown in for one entry.
 */
import type { LinkResult, StepContext } from '../flows';
import type { CognitoCall, Diagnostic, Step } from '../model';
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

export function stamp(findings: Finding[], entry: number, flow: string | null): Diagnostic[] {
  return findings.map((f) => ({ entry, flow, ...f }));
}

/**
 * Findings of one step of a flow (`ctx` its linking context; none for a step joined after the
 * sign-in), after the server's answer outranked them. Sets `step.expected`. The live analysis
 * re-runs this for the steps of the flows an update changed only.
 */
export function diagnoseStep(step: Step, ctx: StepContext | undefined, options: ResolvedOptions): Finding[] {
  if (!ctx) return diagnoseCall(step.call, options);
  const input: StepInput = { step, ctx, options, request: bodyObject(step.call.request) };
  // Computed once here, read by the checks and kept on the step for the panel.
  step.expected = expectedKeys(input);
  const findings = [...STEP_CHECKS.flatMap((check) => check(input)), ...CALL_CHECKS.flatMap((check) => check(step.call, options, input))];
  return serverOutranks(step.call, findings);
}

/** Findings of a call judged on its own (outside any flow, or joined to one after the sign-in). */
export function diagnoseCall(call: CognitoCall, options: ResolvedOptions): Finding[] {
  return serverOutranks(call, CALL_CHECKS.flatMap((check) => check(call, options, undefined)));
}

export function diagnose(linked: LinkResult, options: ResolvedOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const flow of linked.flows) {
    for (const step of flow.steps) diagnostics.push(...stamp(diagnoseStep(step, linked.contexts.get(step), options), step.call.entry, flow.id));
  }
  for (const call of linked.standalone) diagnostics.push(...stamp(diagnoseCall(call, options), call.entry, null));
  diagnostics.sort((a, b) => a.entry - b.entry);
  return diagnostics;
}
