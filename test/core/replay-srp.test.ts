/**
 * The panel's own SRP client, SECRET_HASH and TOTP (src/core/srp), checked against published
 * vectors (RFC 4226, RFC 6238), against the reference's formats, against the SDK's
 * (amazon-cognito-identity-js) key derivation, and end to end against the SRP stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { cognitoTimestamp } from '../../src/core/srp/timestamp';
import { computeSecretHash } from '../../src/core/srp/secret-hash';
import { base32ToBytes, hotp, totpAt, totpFromSecret } from '../../src/core/srp/totp';
import { passwordVerifier, srpHex, srpStart } from '../../src/core/srp/srp';
import { secretHash as nodeSecretHash } from '../../scripts/lib/secret-hash';
import { startSrpServer, type SrpServer } from '../support/srp-server';

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'ascii'));

describe('TIMESTAMP', () => {
  it.each([
    [Date.UTC(2017, 3, 5, 22, 42, 34), 'Wed Apr 5 22:42:34 UTC 2017'],
    [Date.UTC(2026, 11, 1, 9, 5, 7), 'Tue Dec 1 09:05:07 UTC 2026'],
    [Date.UTC(2024, 1, 29, 0, 0, 0), 'Thu Feb 29 00:00:00 UTC 2024'],
    [Date.UTC(2025, 0, 31, 23, 59, 59), 'Fri Jan 31 23:59:59 UTC 2025'],
  ])('%i is %s: English names, day not zero-padded, time zero-padded, UTC', (at, expected) => {
    expect(cognitoTimestamp(new Date(at))).toBe(expected);
  });

  it("matches the server's pattern EEE MMM d HH:mm:ss z yyyy on every day of a year", () => {
    for (let day = 0; day < 366; day++) {
      expect(cognitoTimestamp(new Date(Date.UTC(2024, 0, 1 + day, day % 24, 7, 3)))).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [1-9]\d? \d\d:\d\d:\d\d UTC 2024$/);
    }
  });
});

describe('SECRET_HASH', () => {
  it.each([
    ['client-secret', 'alice', 'client-id'],
    ['1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6', 'carol-broken', '4example3clientid1abcdefgh'],
    ['sécret ünïcode ✓', 'user@example.com', 'c1'],
  ])('Base64(HMAC_SHA256(secret, username + clientId)) — same as Node crypto for %s', async (secret, username, clientId) => {
    expect(await computeSecretHash(secret, username, clientId)).toBe(nodeSecretHash(secret, username, clientId));
  });

  it('has the fixed value of the formula for a known input', async () => {
    // HMAC-SHA256(key "secret", "alice" + "client") computed independently with Node.
    expect(await computeSecretHash('secret', 'alice', 'client')).toBe(createHmac('sha256', 'secret').update('aliceclient').digest('base64'));
    expect(await computeSecretHash('secret', 'alice', 'client')).toMatch(/^[\w+=/]{44}$/);
  });
});

describe('TOTP', () => {
  it('RFC 4226 Appendix D: HOTP values for counters 0..9', async () => {
    const key = ascii('12345678901234567890');
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    for (const [counter, code] of expected.entries()) expect(await hotp(key, counter)).toBe(code);
  });

  it.each([
    [59, '94287082', '46119246'],
    [1111111109, '07081804', '68084774'],
    [1111111111, '14050471', '67062674'],
    [1234567890, '89005924', '91819424'],
    [2000000000, '69279037', '90698825'],
    [20000000000, '65353130', '77737706'],
  ])('RFC 6238 Appendix B at T=%i: SHA-1 %s, SHA-256 %s', async (seconds, sha1, sha256) => {
    expect(await totpAt(ascii('12345678901234567890'), seconds * 1000, 8, 'SHA-1')).toBe(sha1);
    expect(await totpAt(ascii('12345678901234567890123456789012'), seconds * 1000, 8, 'SHA-256')).toBe(sha256);
  });

  it('reads the base32 secret an authenticator app is given (spaces, case and padding ignored)', async () => {
    expect(Buffer.from(base32ToBytes('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')!).toString('ascii')).toBe('12345678901234567890');
    expect(await totpFromSecret('gezd gnbv gy3t qojq gezd gnbv gy3t qojq', 59_000)).toBe('287082');
    expect(await totpFromSecret('not base32!', 0)).toBeNull();
    expect(await totpFromSecret('', 0)).toBeNull();
  });
});

interface SdkHelper {
  smallAValue: unknown;
  largeAValue: unknown;
  getPasswordAuthenticationKey(username: string, password: string, B: unknown, salt: unknown, cb: (err: unknown, key: number[] | Buffer) => void): void;
}
/** CommonJS interop: the class is the module's default, or the default's default. */
function cjsDefault<T>(module: unknown): T {
  const inner = (module as { default?: unknown }).default;
  return (typeof inner === 'function' ? inner : module) as T;
}
// The SDK's internals (not in its typings): loaded as the CommonJS files they are.
const load = createRequire(import.meta.url);
const BigInteger = cjsDefault<new (hex: string, radix: number) => { toString(radix: number): string }>(load('amazon-cognito-identity-js/lib/BigInteger.js'));
const Helper = cjsDefault<new (pool: string) => SdkHelper>(load('amazon-cognito-identity-js/lib/AuthenticationHelper.js'));

describe('SRP', () => {
  it('writes numbers in the SDK hex form: even length, 00 in front of a set top bit', () => {
    expect(srpHex(1n)).toBe('01');
    expect(srpHex(0x7fn)).toBe('7f');
    expect(srpHex(0x80n)).toBe('0080');
    expect(srpHex(0xabcn)).toBe('0abc');
  });

  it('gives the same SRP_A and password key as amazon-cognito-identity-js for a fixed a (and so the same signature)', async () => {
    const a = BigInt(`0x${'5a'.repeat(128)}`);
    const start = srpStart(a);
    const sdk = new Helper('Example');
    sdk.smallAValue = new BigInteger(a.toString(16), 16);
    sdk.largeAValue = null;
    const sdkA = await new Promise<string>((resolve) => (sdk as unknown as { getLargeAValue(cb: (e: unknown, v: { toString(r: number): string }) => void): void })
      .getLargeAValue((_e, value) => resolve(value.toString(16))));
    expect(start.srpA).toBe(sdkA);
    // A server value and salt: any B mod N ≠ 0 exercises the same math on both sides.
    const B = `${'c3'.repeat(300)}`;
    const salt = '9f'.repeat(16);
    const sdkKey = await new Promise<Buffer>((resolve, reject) => sdk.getPasswordAuthenticationKey('alice', 'Alice-Passw0rd!', new BigInteger(B, 16), new BigInteger(salt, 16),
      (err, key) => (err ? reject(err as Error) : resolve(Buffer.from(key)))));
    const secretBlock = Buffer.from('secret-block-bytes').toString('base64');
    const now = new Date(Date.UTC(2026, 11, 1, 9, 5, 7));
    const ours = await passwordVerifier({ userPoolId: 'eu-west-1_Example', userIdForSrp: 'alice', srpB: B, salt, secretBlock, password: 'Alice-Passw0rd!', start, now });
    const sdkSignature = createHmac('sha256', sdkKey)
      .update(Buffer.concat([Buffer.from('Example'), Buffer.from('alice'), Buffer.from(secretBlock, 'base64'), Buffer.from('Tue Dec 1 09:05:07 UTC 2026')]))
      .digest('base64');
    expect(ours).toEqual({ ok: true, responses: { PASSWORD_CLAIM_SECRET_BLOCK: secretBlock, PASSWORD_CLAIM_SIGNATURE: sdkSignature, TIMESTAMP: 'Tue Dec 1 09:05:07 UTC 2026' } });
  });

  it('refuses malformed challenge parameters with a reason instead of throwing', async () => {
    const base = { userPoolId: 'p_x', userIdForSrp: 'u', salt: 'ab', secretBlock: 'AAAA', password: 'p', start: srpStart(3n), now: new Date(0) };
    expect(await passwordVerifier({ ...base, srpB: 'zz' })).toMatchObject({ ok: false, reason: expect.stringMatching(/hex/) });
    expect(await passwordVerifier({ ...base, srpB: '00' })).toMatchObject({ ok: false, reason: expect.stringMatching(/0 mod N/) });
    expect(await passwordVerifier({ ...base, srpB: 'ab', secretBlock: '***' })).toMatchObject({ ok: false, reason: expect.stringMatching(/base64/) });
  });

  describe('against the SRP stand-in', () => {
    let server: SrpServer;
    beforeAll(async () => {
      server = await startSrpServer({ userPoolId: 'local_Pool1', clientIds: ['c1'], users: [{ username: 'alice', password: 'Alice-Passw0rd!' }] });
    });
    afterAll(async () => {
      await server?.close();
    });

    async function call(operation: string, body: unknown): Promise<Record<string, unknown>> {
      const response = await fetch(`${server.endpoint}/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Record<string, unknown>;
    }

    async function signIn(password: string): Promise<Record<string, unknown>> {
      const start = srpStart();
      const challenge = await call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: 'alice', SRP_A: start.srpA } });
      const params = challenge.ChallengeParameters as Record<string, string>;
      const answer = await passwordVerifier({
        userPoolId: 'local_Pool1', userIdForSrp: params.USER_ID_FOR_SRP!, srpB: params.SRP_B!, salt: params.SALT!, secretBlock: params.SECRET_BLOCK!, password, start, now: new Date(),
      });
      if (!answer.ok) throw new Error(answer.reason);
      return call('RespondToAuthChallenge', { ClientId: 'c1', ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: params.USER_ID_FOR_SRP, ...answer.responses } });
    }

    it('signs in with the right password (several fresh a and B, so leading-zero cases come up over runs)', async () => {
      for (let i = 0; i < 6; i++) expect((await signIn('Alice-Passw0rd!')).AuthenticationResult).toBeDefined();
    });

    it('is refused with a wrong password ("Incorrect username or password.")', async () => {
      expect(await signIn('not-her-password')).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    });
  });
});
