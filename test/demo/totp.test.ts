import { describe, expect, it } from 'vitest';
import { base32Decode, totpCode } from '../../src/demo/totp';
import { totpCode as nodeTotp } from '../support/cognito-scenarios';

// RFC 6238 Appendix B (SHA-1): the secret is ASCII "12345678901234567890"; the RFC lists 8 digits,
// the demo (like Cognito) uses the last 6.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
  [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
];

describe('the demo app computes TOTP codes like an authenticator app', () => {
  it('decodes base32', () => {
    expect(new TextDecoder().decode(base32Decode(RFC_SECRET))).toBe('12345678901234567890');
    expect(() => base32Decode('NOT-BASE32')).toThrow(/not base32/);
  });

  it.each(RFC_VECTORS)('RFC 6238 test vector at %i s', async (seconds, eightDigits) => {
    expect(await totpCode(RFC_SECRET, seconds * 1000)).toBe(eightDigits.slice(-6));
  });

  it('agrees with the Node implementation the recordings use', async () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(await totpCode('JBSWY3DPEHPK3PXP', now)).toBe(nodeTotp('JBSWY3DPEHPK3PXP', now));
  });
});
