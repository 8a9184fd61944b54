/**
 * Short, stable fingerprints of opaque secrets (Sessions, SECRET_BLOCKs, tokens), so people and
 * redacted exports can tell two values apart without seeing them. Not cryptographic: only use
 * it on high-entropy values, never on passwords or codes (a short secret's hash can be guessed).
 */

/** 53-bit string hash (cyrb53 construction): fast, well mixed, deterministic everywhere. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** 8 hex characters, e.g. "3f9a0c12". */
export function fingerprint(value: string): string {
  return hash53(value).toString(16).padStart(14, '0').slice(-8);
}
