/**
 * A Map for long, high-entropy string keys (Sessions ~900 characters, SECRET_BLOCKs, access
 * tokens). A plain Map hashes every character of every key it is given, which was a fifth of
 * linking a Cognito-dense capture; this one files a long key under a number computed from its
 * length and its last characters (the random end of a Session, a token's signature) and compares
 * the whole key only when that number matches. Keys that share it (unlikely for random values,
 * possible for made-up ones) share a bucket and are told apart exactly: never a wrong hit.
 *
 * A number rather than a slice of the key: a parsed body's long strings are views of the body
 * text (shared-strings.ts), and a slice of one is a new view whose characters the Map then reads
 * through it to hash them; a small integer is hashed by value.
 *
 * Keys that all end alike (a constant trailer a proxy or a redaction tool appends) would all land
 * in one bucket, and each look-up would walk every key before it: quadratic. So a bucket that
 * holds CROWDED keys becomes a plain Map of its keys, which hashes them whole: every operation
 * stays bounded, whatever the keys share.
 */
const SAMPLE = 24;
/** Keys a bucket chains before it turns into a Map of its own. */
const CROWDED = 8;

/** The bucket of a key longer than 2 × SAMPLE: its length and last SAMPLE characters, mixed into 30 bits (a small integer). */
function bucket(key: string): number {
  let h = key.length;
  for (let i = key.length - SAMPLE; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x9e3779b1);
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

interface Item<V> {
  key: string;
  value: V;
  /** The next key in the same bucket, if any. */
  next: Item<V> | undefined;
}

export class LongKeyMap<V> {
  /** Keys up to 2 × SAMPLE characters, as a plain Map keeps them. */
  private readonly short = new Map<string, V>();
  /** Each bucket: a chain of fewer than CROWDED keys, or a Map once it had that many. */
  private readonly long = new Map<number, Item<V> | Map<string, V>>();

  get(key: string): V | undefined {
    if (key.length <= 2 * SAMPLE) return this.short.get(key);
    const found = this.long.get(bucket(key));
    if (found instanceof Map) return found.get(key);
    for (let item = found; item; item = item.next) if (item.key === key) return item.value;
    return undefined;
  }

  /** Sets or replaces the value under `key`, like Map.set. */
  set(key: string, value: V): void {
    if (key.length <= 2 * SAMPLE) {
      this.short.set(key, value);
      return;
    }
    const at = bucket(key);
    const first = this.long.get(at);
    if (first instanceof Map) {
      first.set(key, value);
      return;
    }
    let chained = 0;
    for (let item = first; item; item = item.next, chained++) {
      if (item.key === key) {
        item.value = value;
        return;
      }
    }
    if (chained + 1 < CROWDED) {
      this.long.set(at, { key, value, next: first });
      return;
    }
    const map = new Map<string, V>([[key, value]]);
    for (let item = first; item; item = item.next) map.set(item.key, item.value);
    this.long.set(at, map);
  }
}
