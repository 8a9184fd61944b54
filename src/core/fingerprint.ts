/**
 * Short, stable fingerprints of opaque secrets (Sessions, SECRET_BLOCKs, tokens), so people and
 * redacted exports can tell two values apart without seeing them. Not cryptographic: only use
 * it on high-entropy values, never on passwords or codes (a short secret's hash can be guessed).
 */

/**
 * The low 32 bits of a 53-bit string hash (cyrb53 construction): fast, well mixed, deterministic
 * everywhere. Only the low half is shown, so the high half's last mixing step is not computed.
 */
function hash32(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return h1 >>> 0;
}

/**
 * 8 hex characters, e.g. "3f9a0c12": the last 8 hex digits of the 53-bit hash (its low 32 bits),
 * formatted directly (one string per value: every step of a flow has one or two).
 */
export function fingerprint(value: string): string {
  return hash32(value).toString(16).padStart(8, '0');
}
