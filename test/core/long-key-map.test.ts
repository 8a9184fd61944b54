/** LongKeyMap (src/core/long-key-map.ts) behaves as a Map of strings, whatever the keys share. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LongKeyMap } from '../../src/core/long-key-map';

describe('LongKeyMap', () => {
  it('tells apart long keys that end alike and keys that are short', () => {
    const tail = 'x'.repeat(40);
    const map = new LongKeyMap<number>();
    map.set(`a${tail}`, 1);
    map.set(`b${tail}`, 2);
    map.set('short', 3);
    expect(map.get(`a${tail}`)).toBe(1);
    expect(map.get(`b${tail}`)).toBe(2);
    expect(map.get(`c${tail}`)).toBeUndefined();
    expect(map.get('short')).toBe(3);
    map.set(`a${tail}`, 4);
    expect(map.get(`a${tail}`)).toBe(4);
    expect(map.get(`b${tail}`)).toBe(2);
  });

  it('finds a key stored as a copy when asked with a view of a longer text, and the other way round', () => {
    const session = 'AYABe'.padEnd(900, 'q0-_') + 'tail-of-the-session';
    const text = `{"Session":"${session}","x":1}`;
    const view = text.slice(12, 12 + session.length);
    const map = new LongKeyMap<string>();
    map.set(session, 'copy');
    expect(map.get(view)).toBe('copy');
    map.set(view, 'view');
    expect(map.get(session)).toBe('view');
    expect(map.get(view.slice(0, -1))).toBeUndefined();
  });

  it('keeps answering like a Map when thousands of long keys end alike (their bucket turns into a Map)', () => {
    // A constant trailer (a proxy's, a redaction tool's) puts every key in one bucket: past a few
    // keys the bucket hashes keys whole instead of walking them all (linear; timed in npm run bench).
    const trailer = '.'.repeat(8) + 'same-trailer-on-every-session';
    const keys = Array.from({ length: 3_000 }, (_, i) => `${String(i).padStart(6, '0')}${'q'.repeat(200)}${trailer}`);
    const map = new LongKeyMap<number>();
    keys.forEach((key, i) => map.set(key, i));
    keys.forEach((key, i) => expect(map.get(key)).toBe(i));
    map.set(keys[5]!, -5);
    expect(map.get(keys[5]!)).toBe(-5);
    expect(map.get(keys[6]!)).toBe(6);
    expect(map.get(`999999${'q'.repeat(200)}${trailer}`)).toBeUndefined();
  });

  it('answers like a Map on random keys sharing ends', () => {
    const key = fc.tuple(fc.constantFrom('', 'p', 'AYAB'), fc.string({ maxLength: 60 }), fc.constantFrom('', 'z'.repeat(30))).map((parts) => parts.join(''));
    fc.assert(fc.property(fc.array(fc.tuple(key, fc.integer())), fc.array(key), (sets, gets) => {
      const map = new LongKeyMap<number>();
      const reference = new Map<string, number>();
      for (const [k, v] of sets) {
        map.set(k, v);
        reference.set(k, v);
      }
      for (const k of [...gets, ...reference.keys()]) expect(map.get(k)).toBe(reference.get(k));
    }));
  });
});
