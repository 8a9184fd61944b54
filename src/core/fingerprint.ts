/**
 * Short, stable fingerprints of opaque secrets (Sessions, SECRET_BLOCKs, tokens), so people and
 * redacted exports can tell two values apart without seeing them. Not cryptographic: only use
 * it on high-entropy values, never on passwords or codes (a short secret's hash can be guessed).
 */

/** The hash's two lanes after mixing in one character (or byte) code. */
const M1 = 2654435761;
const M2 = 1597334677;

/** The shown low 32 bits from the two lanes (the high half's last mixing step is not computed). */
function finish(h1: number, h2: number): number {
  return (Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)) >>> 0;
}

/**
 * The low 32 bits of a 53-bit string hash (cyrb53 construction) over the string's UTF-16 code
 * units: fast, well mixed, deterministic everywhere.
 */
function hashCodeUnits(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, M1);
    h2 = Math.imul(h2 ^ ch, M2);
  }
  return finish(h1, h2);
}

/** The same hash over bytes: equal to hashCodeUnits for a string whose code units are these bytes. */
function hashBytes(bytes: Uint8Array, length: number): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < length; i++) {
    const ch = bytes[i]!;
    h1 = Math.imul(h1 ^ ch, M1);
    h2 = Math.imul(h2 ^ ch, M2);
  }
  return finish(h1, h2);
}

interface TextEncoderLike {
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
}

/**
 * Long ASCII values (Sessions, tokens: every value fingerprinted in bulk) are copied into a byte
 * buffer by the native encoder and hashed from there. Why: a body's long strings are views of its
 * text (shared-strings.ts), and reading a view one character at a time costs a lookup per
 * character; bytes read the same for every kind of string. ASCII makes each byte equal to its
 * code unit, so the hash is the same; anything else is hashed from the string.
 */
const Encoder = (globalThis as { TextEncoder?: new () => TextEncoderLike }).TextEncoder;
const encoder = Encoder ? new Encoder() : undefined;
const BYTES_FROM = 64;
/** Longer values (rare: a pasted blob) are hashed from the string rather than kept in a bigger buffer. */
const BYTES_UP_TO = 16_384;
const buffer = new Uint8Array(BYTES_UP_TO);

function hash32(text: string): number {
  if (encoder === undefined || text.length < BYTES_FROM || text.length > BYTES_UP_TO) return hashCodeUnits(text);
  // A value with a character past ASCII stops being all bytes = code units: `written` tells.
  const { read, written } = encoder.encodeInto(text, buffer);
  const hash = read === text.length && written === text.length ? hashBytes(buffer, written) : hashCodeUnits(text);
  // The values are secrets: no copy of the last one stays in the buffer.
  buffer.fill(0, 0, written);
  return hash;
}

const HEX_DIGITS = '0123456789abcdef';

/** `n.toString(16).padStart(8, '0')` for a 32-bit unsigned n, without the radix conversion's runtime call (ten times slower). */
function hex8(n: number): string {
  const d = (shift: number) => HEX_DIGITS.charCodeAt((n >>> shift) & 15);
  return String.fromCharCode(d(28), d(24), d(20), d(16), d(12), d(8), d(4), d(0));
}

/**
 * 8 hex characters, e.g. "3f9a0c12": the last 8 hex digits of the 53-bit hash (its low 32 bits),
 * formatted directly (one string per value: every step of a flow has one or two).
 */
export function fingerprint(value: string): string {
  return hex8(hash32(value));
}
