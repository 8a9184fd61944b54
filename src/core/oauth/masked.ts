/**
 * Values a redacted export masked (src/core/redact writes `‹redacted …›`): the checks cannot compare
 * them, so they say nothing rather than report a false mismatch. A masked code or state keeps a
 * fingerprint, so equal values still mask equal and linking keeps working.
 */
const REDACTED = /^‹redacted/;

export function isRedacted(value: string | undefined): boolean {
  return value !== undefined && REDACTED.test(value);
}
