/** The hostile corpus holds what its table says: every secret and identity is really in it. */
import { describe, expect, it } from 'vitest';
import { IDENTITIES, SECRETS, hostileHar, secretsTable } from './fixtures/hostile';

describe('the hostile corpus', () => {
  it('holds every secret of its table in at least one entry', () => {
    expect(secretsTable(SECRETS).filter((row) => row.entries.length === 0).map((row) => row.what)).toEqual([]);
    expect(secretsTable(IDENTITIES).filter((row) => row.entries.length === 0).map((row) => row.what)).toEqual([]);
  });

  it('is a HAR 1.2 file with many entries, built the same way every time', () => {
    const har = hostileHar();
    expect(har.log.entries.length).toBeGreaterThan(25);
    expect(JSON.stringify(hostileHar())).toBe(JSON.stringify(har));
  });
});
