import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyzeHar } from '../../src/core/analyze';

const analyze = (name: string) => analyzeHar(JSON.parse(readFileSync(`test/fixtures/real/${name}.har`, 'utf8')) as unknown);

describe('missing keys carry why they are needed (the panel shows it on the red row)', () => {
  it('SECRET_HASH missing on a challenge answer: because the client has a secret', () => {
    const missing = analyze('secret-hash-missing-on-challenge').diagnostics.filter((d) => d.code === 'missing-challenge-response');
    expect(missing.length).toBeGreaterThan(0);
    const first = missing[0];
    expect(first?.keys).toContain('SECRET_HASH');
    expect(first?.reasons.SECRET_HASH).toMatch(/secret/i);
    // Every absent key has a reason, and nothing else does.
    expect(Object.keys(first?.reasons ?? {}).sort()).toEqual([...(first?.keys ?? [])].sort());
  });

  it('NEW_PASSWORD missing: says what the key is and why Cognito asked for it, not that the challenge "is answered with" it', () => {
    const missing = analyze('broken-missing-new-password').diagnostics.find((d) => d.code === 'missing-challenge-response');
    expect(missing?.reasons.NEW_PASSWORD).toBe('the user\'s new password, chosen by the user; Cognito asked for it because the temporary password must be replaced');
    expect(missing?.hint).not.toMatch(/is answered with|needed because/);
  });

  it('diagnostics that name no keys have no reasons', () => {
    const other = analyze('reused-session').diagnostics.filter((d) => d.keys.length === 0);
    expect(other.length).toBeGreaterThan(0);
    for (const d of other) expect(d.reasons).toEqual({});
  });
});
