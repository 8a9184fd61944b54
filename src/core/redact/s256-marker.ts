/**
 * The mask of a PKCE `code_verifier` (mask kind `s256`): its length and BASE64URL(SHA-256(verifier)),
 * e.g. `‹redacted 128 chars; S256=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM›`.
 *
 * Why this one secret keeps a hash: S256(verifier) is exactly the `code_challenge` the authorize
 * URL already carries in clear (RFC 7636 §4.2; public by design, managed-login-oauth2.md §5 "keep
 * only the computed S256 result for rule 3"), so the marker tells a reader nothing the export does
 * not already show, and the PKCE check (oauth/checks.ts) can still compare it with the challenge.
 * No other mask kind carries anything computed from the value but a short fingerprint.
 *
 * Writer and reader live here together, so the format has one definition.
 */
import { s256Challenge } from '../oauth/sha256';

/** The marker for one verifier. */
export function s256Mask(verifier: string): string {
  return `‹redacted ${verifier.length} chars; S256=${s256Challenge(verifier)}›`;
}

/** SHA-256 is 32 bytes: 43 base64url characters without padding. */
const MARKER = /^‹redacted (\d+) chars; S256=([A-Za-z0-9_-]{43})›$/;

export interface S256Marker {
  /** The verifier's length. */
  length: number;
  /** BASE64URL(SHA-256(verifier)): what the verifier's code_challenge must be. */
  s256: string;
}

/** Reads a verifier's marker (after the URL or form decoding of its parameter); undefined for anything else. */
export function readS256Mask(text: string): S256Marker | undefined {
  const match = MARKER.exec(text.trim());
  return match ? { length: Number(match[1]), s256: match[2]! } : undefined;
}
