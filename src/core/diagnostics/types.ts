import type { AnalyzeOptions, CognitoCall, Diagnostic, JsonObject, Step } from '../model';
import type { StepContext } from '../flows';
import type { SentTokens } from './sent-tokens';

/** A diagnostic before the runner stamps it with its entry and flow. */
export type Finding = Omit<Diagnostic, 'entry' | 'flow'>;

export type ResolvedOptions = Required<AnalyzeOptions>;

/**
 * Checks that judge one call on its own (bodies, errors, tokens sent). For a call in a flow they
 * also get its step, so advice can fit the step (an error's explanation depends on the challenge).
 * Tokens a call sends are decoded through `tokens` when given (once per analysis, sent-tokens.ts).
 *
 * Every check adds what it finds to `out`, the list the runner keeps for the step, rather than
 * returning a list: the checks run for every call of a capture and nearly always find nothing,
 * and an empty list per check and call was most of what the diagnostics allocated (issue 13).
 */
export type CallCheck = (out: Finding[], call: CognitoCall, options: ResolvedOptions, step?: StepInput, tokens?: SentTokens) => void;

export interface StepInput {
  step: Step;
  ctx: StepContext;
  /** The request body, {} when it could not be read. */
  request: JsonObject;
  options: ResolvedOptions;
}

/** Checks that judge a step against the flow it belongs to (handoffs, challenge answers). */
export type StepCheck = (out: Finding[], input: StepInput) => void;

export function finding(code: Finding['code'], severity: Finding['severity'], message: string, hint: string, keys: string[] = [], reasons: Record<string, string> = {}): Finding {
  return { code, severity, message, hint, keys, reasons };
}
