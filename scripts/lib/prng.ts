/**
 * A small seeded pseudo-random generator for synthetic data. Not for cryptography: it only has
 * to be fast, deterministic for a seed, and spread well enough that random-looking identifiers
 * (sessions, token signatures, UUIDs) never collide in practice.
 */
import { Buffer } from 'node:buffer';

const HEX = '0123456789abcdef';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Expand the seed into four 32-bit words with a splitmix-style scrambler so that nearby
    // seeds give unrelated streams.
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
  }

  /** A uniformly distributed unsigned 32-bit integer (small-fast-counter construction). */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = (this.b ^ (this.b >>> 9)) >>> 0;
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const keys = Object.keys(weights) as K[];
    let total = 0;
    for (const key of keys) total += weights[key];
    let roll = this.float() * total;
    for (const key of keys) {
      roll -= weights[key];
      if (roll < 0) return key;
    }
    return keys[keys.length - 1] as K;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  bytes(count: number): Buffer {
    const out = Buffer.allocUnsafe(count);
    let i = 0;
    while (i + 4 <= count) {
      out.writeUInt32LE(this.u32(), i);
      i += 4;
    }
    if (i < count) {
      let word = this.u32();
      for (; i < count; i++) {
        out[i] = word & 0xff;
        word >>>= 8;
      }
    }
    return out;
  }

  hex(chars: number): string {
    let out = '';
    for (let i = 0; i < chars; i++) out += HEX[this.u32() & 15];
    return out;
  }

  /** Standard base64 (with padding) of `byteCount` random bytes. */
  base64(byteCount: number): string {
    return this.bytes(byteCount).toString('base64');
  }

  /** Unpadded base64url of `byteCount` random bytes, as in JWT segments. */
  base64url(byteCount: number): string {
    return this.bytes(byteCount).toString('base64url');
  }

  /** Characters drawn from `alphabet`. */
  chars(alphabet: string, count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += alphabet[Math.floor(this.float() * alphabet.length)];
    return out;
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + (this.u32() & 3)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
