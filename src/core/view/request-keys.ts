/**
 * The Request tab's key/value table: the keys the request sent (ChallengeResponses for a challenge
 * answer, AuthParameters for InitiateAuth) plus one red "missing" row for every key the rules say
 * it needed and it lacks, each with the reason it is needed (why SECRET_HASH is needed here).
 */
import type { Diagnostic, Flow, JsonObject, Step } from '../model';
import type { StepContext } from '../flows';
import { obj, str } from '../json';
import { bodyObject } from '../body';
import { ANSWER_OPERATIONS, authFlowRule, challengeRule, ownEntry } from '../rules';
import { requiredChallengeKeys } from '../diagnostics/challenge';
import { isSecretKey } from './secrets';

export interface KeyRow {
  key: string;
  /** The value sent, as text (non-strings JSON-encoded); null for a missing key. */
  value: string | null;
  state: 'present' | 'missing';
  /** Why the rules want this key here; null for a key nothing requires (still shown). */
  why: string | null;
  secret: boolean;
}

export interface KeyTable {
  /** The request field the keys live in, e.g. `ChallengeResponses`; null for a top-level table. */
  field: string | null;
  rows: KeyRow[];
}

/**
 * The facts the linker knew when `flow.steps[index]` was sent, rebuilt from the earlier steps the
 * same way flows.ts builds them: the challenge outstanding and its parameters, whether a secret or
 * a remembered device was already in play.
 */
export function stepContext(flow: Flow, index: number): StepContext {
  let expectedChallenge: string | null = null;
  let expectedParameters: JsonObject | null = null;
  let challengeIssuedAt: number | null = null;
  let secretSeenBefore = false;
  let deviceSeenBefore = false;
  for (const earlier of flow.steps.slice(0, index)) {
    const request = bodyObject(earlier.call.request);
    const response = bodyObject(earlier.call.response);
    const auth = obj(request, 'AuthParameters');
    const answers = obj(request, 'ChallengeResponses');
    if (str(auth, 'SECRET_HASH') !== undefined || str(answers, 'SECRET_HASH') !== undefined || str(request, 'SecretHash') !== undefined) secretSeenBefore = true;
    if (str(auth, 'DEVICE_KEY') !== undefined || str(answers, 'DEVICE_KEY') !== undefined) deviceSeenBefore = true;
    if (earlier.challengeOut !== null) {
      expectedChallenge = earlier.challengeOut;
      expectedParameters = obj(response, 'ChallengeParameters') ?? null;
      challengeIssuedAt = earlier.call.startedAt + earlier.call.duration;
      if (challengeRule(earlier.challengeOut)?.device) deviceSeenBefore = true;
    }
    const result = obj(response, 'AuthenticationResult');
    if (result) {
      expectedChallenge = null;
      expectedParameters = null;
      if (obj(result, 'NewDeviceMetadata')) deviceSeenBefore = true;
    }
  }
  return {
    flow, expectedChallenge, expectedParameters, challengeIssuedAt, secretSeenBefore, deviceSeenBefore,
    handoffFrom: null, firstUsedBy: null, latestSessionFrom: null,
  };
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function rowsOf(sent: JsonObject, required: readonly { key: string; why: string }[], diagnosed: readonly string[]): KeyRow[] {
  const why = new Map(required.map((r) => [r.key, r.why]));
  const rows: KeyRow[] = Object.entries(sent).map(([key, value]) => ({
    key,
    value: valueText(value),
    state: 'present',
    why: why.get(key) ?? null,
    secret: isSecretKey(key, typeof value === 'string' ? value : undefined),
  }));
  const missing = new Set<string>();
  for (const r of required) if (!Object.hasOwn(sent, r.key)) missing.add(r.key);
  // The diagnostics are the source of truth: a key they name is shown even if the table above missed it.
  for (const key of diagnosed) if (!Object.hasOwn(sent, key)) missing.add(key);
  for (const key of missing) {
    rows.push({ key, value: null, state: 'missing', why: why.get(key) ?? 'the analysis reports it missing', secret: false });
  }
  return rows;
}

function diagnosedKeys(diagnostics: readonly Diagnostic[], code: Diagnostic['code']): string[] {
  return diagnostics.filter((d) => d.code === code).flatMap((d) => d.keys);
}

/** The key table of `flow.steps[index]`, given the diagnostics of its entry. */
export function requestKeyTable(flow: Flow, index: number, diagnostics: readonly Diagnostic[]): KeyTable {
  const step: Step | undefined = flow.steps[index];
  if (!step) return { field: null, rows: [] };
  const request = bodyObject(step.call.request);
  const op = step.call.operation;
  if (ANSWER_OPERATIONS.has(op)) {
    const responses = obj(request, 'ChallengeResponses') ?? {};
    const required = step.challengeIn !== null
      ? requiredChallengeKeys(step.challengeIn, responses, { ctx: stepContext(flow, index), step })
      : [];
    const diagnosed = diagnosedKeys(diagnostics, 'missing-challenge-response').filter((key) => key !== 'ChallengeName');
    return { field: 'ChallengeResponses', rows: rowsOf(responses, required, diagnosed) };
  }
  if (op === 'InitiateAuth' || op === 'AdminInitiateAuth') {
    const parameters = obj(request, 'AuthParameters') ?? {};
    const authFlow = str(request, 'AuthFlow');
    const rule = authFlowRule(authFlow);
    const required = (rule?.required ?? []).map((key) => ({ key, why: `${authFlow ?? ''} needs ${key}` }));
    if (rule?.keysByParameter) {
      const { parameter, values } = rule.keysByParameter;
      const value = str(parameters, parameter);
      for (const key of ownEntry(values, value) ?? []) required.push({ key, why: `${parameter} is ${value ?? ''}` });
    }
    const diagnosed = diagnosedKeys(diagnostics, 'missing-auth-parameter');
    if (diagnosed.includes('SECRET_HASH') && !required.some((r) => r.key === 'SECRET_HASH')) {
      required.push({ key: 'SECRET_HASH', why: 'Cognito answered that the app client has a secret, so AuthParameters need SECRET_HASH' });
    }
    return { field: 'AuthParameters', rows: rowsOf(parameters, required, diagnosed) };
  }
  // Other operations (SignUp, AssociateSoftwareToken, …): their top-level fields.
  return { field: null, rows: topLevelRows(request, null) };
}

/** Top-level fields of a request body as rows (for calls outside a flow, and the fields beside the key table). */
export function topLevelRows(request: JsonObject, except: string | null): KeyRow[] {
  const shown: JsonObject = {};
  for (const [key, value] of Object.entries(request)) {
    if (key !== except) Object.defineProperty(shown, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return rowsOf(shown, [], []);
}
