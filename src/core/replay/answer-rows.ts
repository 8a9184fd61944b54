/**
 * The replay editor's rows view: the answer map of the draft (ChallengeResponses of a challenge
 * answer, AuthParameters of InitiateAuth) as one row per key, plus a row to fill for every key the
 * step had to carry and the draft lacks (`step.expected`, the same list the Request tab and the
 * missing-key diagnostics read). Rows are computed from the draft on every edit, so the check
 * follows the typing; a row's edit is written back into the same draft the JSON view shows.
 *
 * Secrets stay masked: the draft holds `‹secret N: KEY›` placeholders (draft.ts); a secret typed
 * into a row while masked goes to the vault under a new placeholder, never into the draft's text.
 */
import type { ExpectedKeys, JsonObject } from '../model';
import { isObject } from '../json';
import { ANSWER_OPERATIONS } from '../rules';
import { isSecretKey } from '../view/secrets';
import type { MaskedDraft } from './draft';

export type AnswerField = ExpectedKeys['field'];

export interface AnswerRow {
  key: string;
  /** present: in the draft with a value; empty: in the draft as ""; missing: required and absent. */
  state: 'present' | 'empty' | 'missing';
  /** Why the rules want this key here; null for a key nothing requires. */
  why: string | null;
  /** The value is (or would be) a secret: masked until revealed. */
  secret: boolean;
  /** The value is a placeholder of the vault: the row shows it masked, with its length only. */
  masked: boolean;
  /** What the row's input holds: the value (non-strings as JSON); "" for a masked or missing one. */
  text: string;
  /** Length of the real value behind a masked row (for "12 chars"); 0 otherwise. */
  length: number;
  /** The value is not a string (the row edits it as text; JSON view for anything else). */
  notString: boolean;
}

export type AnswerRows =
  | { ok: true; field: AnswerField; rows: AnswerRow[]; missing: string[] }
  | { ok: false; field: AnswerField; reason: string };

/** The answer map an operation carries, or null when it has none (its body is edited as JSON only). */
export function answerField(operation: string, expected: ExpectedKeys | null): AnswerField | null {
  if (expected) return expected.field;
  if (operation === 'InitiateAuth') return 'AuthParameters';
  return ANSWER_OPERATIONS.has(operation) ? 'ChallengeResponses' : null;
}

const PLACEHOLDER = /^‹secret (\d+): .*›$/s;

function ownValue(object: JsonObject, key: string): unknown {
  return Object.getOwnPropertyDescriptor(object, key)?.value;
}

function defineOwn(object: JsonObject, key: string, value: unknown): void {
  // Defined, not assigned: a key named "__proto__" stays a key.
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function parseDraft(text: string): JsonObject | string {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return 'The body is not JSON: fix it in the JSON view below.';
  }
  return isObject(value) ? value : 'The body is not a JSON object: edit it in the JSON view below.';
}

/** The rows of `field` in the draft, with every key of `expected` the draft lacks as a row to fill. */
export function answerRows(draft: MaskedDraft, field: AnswerField, expected: ExpectedKeys | null): AnswerRows {
  const body = parseDraft(draft.text);
  if (typeof body === 'string') return { ok: false, field, reason: body };
  const held = ownValue(body, field);
  if (held !== undefined && !isObject(held)) return { ok: false, field, reason: `${field} is not a JSON object: edit it in the JSON view below.` };
  const map: JsonObject = held ?? {};
  const required = expected && expected.field === field ? expected.keys : [];
  const why = new Map(required.map((k) => [k.key, k.why]));
  const rows: AnswerRow[] = Object.keys(map).map((key) => {
    const value = ownValue(map, key);
    const real = typeof value === 'string' && PLACEHOLDER.test(value) ? Object.hasOwn(draft.vault, value) ? draft.vault[value] : undefined : undefined;
    const masked = real !== undefined;
    const notString = typeof value !== 'string';
    const text = masked ? '' : notString ? JSON.stringify(value) ?? '' : value as string;
    return {
      key,
      state: value === '' ? 'empty' : 'present',
      why: why.get(key) ?? null,
      secret: masked || isSecretKey(key, typeof value === 'string' ? value : undefined),
      masked,
      text,
      length: real?.length ?? 0,
      notString,
    };
  });
  for (const { key } of required) {
    if (Object.hasOwn(map, key)) continue;
    rows.push({ key, state: 'missing', why: why.get(key) ?? null, secret: isSecretKey(key), masked: false, text: '', length: 0, notString: false });
  }
  const missing = rows.filter((r) => r.why !== null && r.state !== 'present').map((r) => r.key);
  return { ok: true, field, rows, missing };
}

function nextPlaceholder(vault: Readonly<Record<string, string>>, key: string): string {
  let n = 0;
  for (const placeholder of Object.keys(vault)) n = Math.max(n, Number(PLACEHOLDER.exec(placeholder)?.[1] ?? 0));
  return `‹secret ${n + 1}: ${key}›`;
}

/**
 * The draft with `field.key` set to `value` (a string, as Cognito's answer values are). With
 * `mask`, a secret key's value goes to the vault behind a new placeholder. An empty value typed into
 * a key the draft lacks adds nothing. Null when the draft is not a JSON object (the rows view is off).
 */
export function setAnswerValue(draft: MaskedDraft, field: AnswerField, key: string, value: string, mask: boolean): MaskedDraft | null {
  const body = parseDraft(draft.text);
  if (typeof body === 'string') return null;
  const held = ownValue(body, field);
  if (held !== undefined && !isObject(held)) return null;
  const map: JsonObject = held ?? {};
  if (value === '' && !Object.hasOwn(map, key)) return draft;
  const vault: Record<string, string> = { ...draft.vault };
  let stored = value;
  if (mask && value !== '' && isSecretKey(key, value)) {
    // The row's own placeholder is reused as the user types, so the vault holds one value per key.
    const current = ownValue(map, key);
    stored = typeof current === 'string' && PLACEHOLDER.test(current) && Object.hasOwn(vault, current) ? current : nextPlaceholder(vault, key);
    defineOwn(vault as JsonObject, stored, value);
  }
  defineOwn(map, key, stored);
  if (held === undefined) defineOwn(body, field, map);
  return { text: JSON.stringify(body, null, 2), vault };
}

/** The draft without `field.key` (a row the user removes). Null when the draft is not a JSON object. */
export function removeAnswerKey(draft: MaskedDraft, field: AnswerField, key: string): MaskedDraft | null {
  const body = parseDraft(draft.text);
  if (typeof body === 'string') return null;
  const held = ownValue(body, field);
  if (!isObject(held)) return held === undefined ? draft : null;
  // delete removes an own "__proto__" data property too.
  delete held[key];
  return { text: JSON.stringify(body, null, 2), vault: draft.vault };
}
