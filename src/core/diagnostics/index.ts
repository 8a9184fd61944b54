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
import { SentTokens } from './sent-tokens';

const CALL_CHECKS: readonly CallCheck[] = [checkBodies, checkError, checkSentToken, checkTokenScope];
const STEP_CHECKS: readonly StepCheck[] = [checkHandoff, checkChallenge, checkFormats, checkIssuedTokens];

export function stamp(findings: Finding[], entry: number, flow: string | null): Diagnostic[] {
  return findings.map((f) => ({ entry, flow, ...f }));
}

/**
 * Findings of one step of a flow (`ctx` its linking context; none for a step joined after the
 * sign-in), after the server's answer outranked them. Sets `step.expected`. Tokens the call sends
 * are decoded through `tokens` when given (once per analysis). The live analysis re-runs this for
 * the steps of the flows an update changed only. Plain loops rather than flatMap
 * and spreads: this runs for every call of a capture, and its per-step arrays were garbage.
 */
export function diagnoseStep(step: Step, ctx: StepContext | undefined, options: ResolvedOptions, tokens?: SentTokens): Finding[] {
  if (!ctx) return diagnoseCall(step.call, options, tokens);
  const input: StepInput = { step, ctx, options, request: bodyObject(step.call.request) };
  // Computed once here, read by the checks and kept on the step for the panel.
  step.expected = expectedKeys(input);
  const findings: Finding[] = [];
  for (const check of STEP_CHECKS) check(findings, input);
  for (const check of CALL_CHECKS) check(findings, step.call, options, input, tokens);
  return findings.length === 0 ? findings : serverOutranks(step.call, findings);
}

/** Findings of a call judged on its own (outside any flow, or joined to one after the sign-in). */
export function diagnoseCall(call: CognitoCall, options: ResolvedOptions, tokens?: SentTokens): Finding[] {
  const findings: Finding[] = [];
  for (const check of CALL_CHECKS) check(findings, call, options, undefined, tokens);
  return findings.length === 0 ? findings : serverOutranks(call, findings);
}

function stampInto(into: Diagnostic[], findings: Finding[], entry: number, flow: string | null): void {
  for (const f of findings) into.push({ entry, flow, ...f });
}

export function diagnose(linked: LinkResult, options: ResolvedOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const tokens = new SentTokens(linked.flows);
  for (const flow of linked.flows) {
    tokens.within(flow);
    for (const step of flow.steps) stampInto(diagnostics, diagnoseStep(step, linked.contexts.get(step), options, tokens), step.call.entry, flow.id);
  }
  tokens.within(undefined);
  for (const call of linked.standalone) stampInto(diagnostics, diagnoseCall(call, options, tokens), call.entry, null);
  diagnostics.sort((a, b) => a.entry - b.entry);
  return diagnostics;
}
