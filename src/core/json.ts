/** Small total functions over untrusted JSON: they never throw and never trust a type. */
import type { JsonObject } from './model';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, or undefined when absent or of another type. */
export function str(obj: unknown, key: string): string | undefined {
  if (!isObject(obj)) return undefined;
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

/** A nested object field (e.g. ChallengeResponses), or undefined. */
export function obj(from: unknown, key: string): JsonObject | undefined {
  if (!isObject(from)) return undefined;
  const value = from[key];
  return isObject(value) ? value : undefined;
}

/**
 * ChallengeParameters values are all strings; lists and objects are JSON encoded inside them
 * (cognito-protocol.md, "Challenges"). Returns the decoded value, or undefined.
 */
export function parseJsonString(text: string | undefined): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
