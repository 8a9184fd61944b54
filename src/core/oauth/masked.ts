/**
 * Values a redacted export masked (src/core/redact writes `‹redacted …›`): the checks cannot compare
 * them, so they say nothing rather than report a false mismatch. A masked code or state keeps a
 * fingerprint, so equal values still mask equal and linking keeps working; a masked PKCE verifier
 * keeps its S256 (redact/s256-marker.ts), which is all the PKCE check needs.
 */
import { readS256Mask, type S256Marker } from '../redact/s256-marker';

const REDACTED = /^‹redacted/;

export function isRedacted(value: string | undefined): boolean {
  return value !== undefined && REDACTED.test(value);
}

/** The length and S256 a masked code_verifier kept, or undefined (not masked, or masked without them). */
export function maskedVerifier(value: string): S256Marker | undefined {
  return readS256Mask(value);
}

/** True when a value (a token) lost part of itself to masking, e.g. a JWT's `‹redacted-signature›`. */
export function hasMaskedPart(value: string): boolean {
  return value.includes('‹redacted');
}
