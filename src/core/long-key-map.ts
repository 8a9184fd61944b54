/**
 * A Map for long, high-entropy string keys (Sessions ~900 characters, SECRET_BLOCKs, access
 * tokens). A plain Map hashes every character of every key it is given, which was a fifth of
 * linking a Cognito-dense capture; this one hashes a short sample (the last characters: the
 * random end of a Session, a token's signature) and compares the whole key only on a sample
 * match. Keys that share a sample (unlikely for random values, possible for made-up ones) share
 * a bucket and are told apart exactly: never a wrong hit.
 */
const SAMPLE = 24;

function sample(key: string): string {
  // A slice is a view of the key, not a copy: nothing to flatten before hashing.
  return key.length <= 2 * SAMPLE ? key : key.slice(-SAMPLE);
}

interface Item<V> {
  key: string;
  value: V;
  /** The next key with the same sample, if any. */
  next: Item<V> | undefined;
}

export class LongKeyMap<V> {
  private readonly items = new Map<string, Item<V>>();

  get(key: string): V | undefined {
    for (let item = this.items.get(sample(key)); item; item = item.next) if (item.key === key) return item.value;
    return undefined;
  }

  /** Sets or replaces the value under `key`, like Map.set. */
  set(key: string, value: V): void {
    const at = sample(key);
    const first = this.items.get(at);
    for (let item = first; item; item = item.next) {
      if (item.key === key) {
        item.value = value;
        return;
      }
    }
    this.items.set(at, { key, value, next: first });
  }
}
