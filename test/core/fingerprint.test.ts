/** fingerprint (src/core/fingerprint.ts) keeps the values people and redacted exports already have. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/core/fingerprint';

/** The 53-bit cyrb53 hash formatted as before: 14 hex digits, the last 8 kept. */
function reference(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0').slice(-8);
}

describe('fingerprint', () => {
  it('is the last 8 hex digits of the 53-bit hash, as it always was', () => {
    expect(fingerprint('')).toBe(reference(''));
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
      expect(fingerprint(text)).toBe(reference(text));
    }), { numRuns: 2000 });
  });

  it('is the same hash for long values read as bytes: ASCII, past ASCII, lone surrogates, views of a text, past the byte buffer', () => {
    const ascii = fc.string({ minLength: 64, maxLength: 1200, unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/=') });
    const any = fc.string({ minLength: 64, maxLength: 400, unit: 'binary' });
    fc.assert(fc.property(fc.oneof(ascii, any, ascii.map((a) => `${a}\uD800`), ascii.map((a) => `é${a}`)), (text) => {
      expect(fingerprint(text)).toBe(reference(text));
      // A view of a longer text (what a parsed body's long strings are): the same value, the same hash.
      const view = `{"Session":"${text}"}`.slice(12, 12 + text.length);
      expect(fingerprint(view)).toBe(reference(text));
    }), { numRuns: 1000 });
    for (const length of [63, 64, 16_384, 16_385, 50_000]) {
      const text = 'AbC0-_'.repeat(Math.ceil(length / 6)).slice(0, length);
      expect(fingerprint(text), String(length)).toBe(reference(text));
    }
  });

  it('keeps leading zeros', () => {
    // Some value among these hashes to a number below 0x10000000.
    const values = Array.from({ length: 200 }, (_, i) => `value-${i}`);
    const small = values.find((v) => reference(v).startsWith('0'));
    expect(small).toBeDefined();
    expect(fingerprint(small!)).toBe(reference(small!));
    expect(fingerprint(small!)).toHaveLength(8);
  });
});
