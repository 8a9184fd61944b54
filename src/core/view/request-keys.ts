/**
 * The Request tab's key/value table: the keys the request sent (ChallengeResponses for a challenge
 * answer, AuthParameters for InitiateAuth) plus one red "missing" row for every key the rules say
 * it needed and it lacks, each with the reason it is needed (why SECRET_HASH is needed here).
 */
import type { Diagnostic, Flow, JsonObject, Step } from '../model';
import { obj } from '../json';
import { bodyObject } from '../body';
import { ANSWER_OPERATIONS } from '../rules';
import { maskJson, maskedFrom, ownValue } from './secrets';

export interface KeyRow {
  key: string;
  /** The value sent, as text (non-strings JSON-encoded); null for a missing key. */
  value: string | null;
  state: 'present' | 'missing';
  /** Why the rules want this key here; null for a key nothing requires (still shown). */
  why: string | null;
  secret: boolean;
  /** What the value shows until revealed (secrets masked, inside objects too); null when it holds no secret. */
  masked: string | null;
}

export interface KeyTable {
  /** The request field the keys live in, e.g. `ChallengeResponses`; null for a top-level table. */
  field: string | null;
  rows: KeyRow[];
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/**
 * `maskedSent` is `sent` as the masking walk left it, walked with the whole request body (the same
 * walk as the Raw tab and the exports), so what a row hides never depends on the table it is in.
 */
function rowsOf(sent: JsonObject, maskedSent: unknown, required: readonly { key: string; why: string }[], diagnosed: readonly string[]): KeyRow[] {
  const why = new Map(required.map((r) => [r.key, r.why]));
  const rows: KeyRow[] = Object.entries(sent).map(([key, value]) => {
    const masked = maskedFrom(value, ownValue(maskedSent, key));
    return { key, value: valueText(value), state: 'present', why: why.get(key) ?? null, secret: masked !== null, masked };
  });
  const missing = new Set<string>();
  for (const r of required) if (!Object.hasOwn(sent, r.key)) missing.add(r.key);
  // The diagnostics are the source of truth: a key they name is shown even if the table above missed it.
  for (const key of diagnosed) if (!Object.hasOwn(sent, key)) missing.add(key);
  for (const key of missing) {
    rows.push({ key, value: null, state: 'missing', why: why.get(key) ?? 'the analysis reports it missing', secret: false, masked: null });
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
  const maskedRequest = maskJson(request);
  // The analysis computed what this request had to carry (diagnostics/challenge.ts, expectedKeys):
  // the table and the missing-key diagnostics read the same list.
  const expected = step.expected;
  if (expected) {
    const code = expected.field === 'ChallengeResponses' ? 'missing-challenge-response' : 'missing-auth-parameter';
    const diagnosed = diagnosedKeys(diagnostics, code).filter((key) => key !== 'ChallengeName');
    return { field: expected.field, rows: rowsOf(obj(request, expected.field) ?? {}, ownValue(maskedRequest, expected.field), expected.keys, diagnosed) };
  }
  if (ANSWER_OPERATIONS.has(step.call.operation)) {
    return { field: 'ChallengeResponses', rows: rowsOf(obj(request, 'ChallengeResponses') ?? {}, ownValue(maskedRequest, 'ChallengeResponses'), [], []) };
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
  return rowsOf(shown, maskJson(request), [], []);
}
