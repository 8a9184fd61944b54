/**
 * The Response tab's pieces: ChallengeParameters whose values are JSON inside strings (lists of
 * attributes, MFA options) decoded for reading, AvailableChallenges, and an error with its
 * explanation from the reference's failure table.
 */
import type { CognitoCall, JsonObject } from '../model';
import { explainError, type ErrorContext } from '../errors';
import { isObject, obj, parseJsonString } from '../json';
import { bodyObject } from '../body';
import { maskJson, maskedDisplay, maskedFrom, ownValue } from './secrets';

export interface ParameterRow {
  key: string;
  /** The value as sent (a string for ChallengeParameters). */
  text: string;
  /** The decoded value when the string holds a JSON array or object; undefined otherwise. */
  json: unknown;
  secret: boolean;
  /** What the value shows until revealed (secrets masked, inside decoded JSON too); null when it holds no secret. */
  masked: string | null;
}

/** Decodes a string that holds a JSON array or object; scalars stay strings ("123" is a code, not a number). */
export function jsonInString(text: string): unknown {
  const trimmed = text.trim();
  return trimmed.startsWith('[') || trimmed.startsWith('{') ? parseJsonString(trimmed) : undefined;
}

/**
 * `maskedParameters`: the same object as the masking walk left it, walked with its whole body (the
 * walk's context); without it each value is walked under its own key.
 */
export function parameterRows(parameters: JsonObject | undefined, maskedParameters?: unknown): ParameterRow[] {
  if (!parameters) return [];
  return Object.entries(parameters).map(([key, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
    const json = typeof value === 'string' ? jsonInString(value) : value;
    const walked = maskedParameters === undefined ? maskedDisplay(key, value) : maskedFrom(value, ownValue(maskedParameters, key));
    // A string holding JSON is masked like the JSON it holds (secret keys inside it), unless its own key is secret.
    const masked = walked ?? (json !== undefined && json !== value ? maskedDisplay(key, json) : null);
    return { key, text, json, secret: masked !== null, masked };
  });
}

export interface ResponseView {
  challengeName: string | null;
  parameters: ParameterRow[];
  availableChallenges: string[];
  /** Fields of the response other than the ones above and the tokens (e.g. SecretCode, CodeDeliveryDetails). */
  other: ParameterRow[];
  hasTokens: boolean;
  error: { type: string; message: string; source: string; cause: string | null; fix: string | null } | null;
}

const SHOWN_APART = new Set(['ChallengeName', 'ChallengeParameters', 'AvailableChallenges', 'AuthenticationResult', '__type', 'message', 'Message']);

/** `context`: where the call sits (diagnostics/error-context.ts), so the error's advice fits its step. */
export function responseView(call: CognitoCall, context?: ErrorContext): ResponseView {
  const body = bodyObject(call.response);
  const maskedBody = maskJson(body);
  const available = Array.isArray(body.AvailableChallenges) ? body.AvailableChallenges.filter((c): c is string => typeof c === 'string') : [];
  const other: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (!SHOWN_APART.has(key)) Object.defineProperty(other, key, { value, enumerable: true, writable: true, configurable: true });
  }
  const explanation = call.error ? explainError(call.error, context) : undefined;
  return {
    challengeName: typeof body.ChallengeName === 'string' ? body.ChallengeName : null,
    parameters: parameterRows(obj(body, 'ChallengeParameters'), ownValue(maskedBody, 'ChallengeParameters')),
    availableChallenges: available,
    other: parameterRows(other, maskedBody),
    hasTokens: isObject(body.AuthenticationResult),
    error: call.error
      ? { ...call.error, cause: explanation?.cause ?? null, fix: explanation?.fix ?? null }
      : null,
  };
}
