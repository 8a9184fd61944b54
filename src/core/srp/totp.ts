/**
 * TOTP codes (RFC 6238 over RFC 4226's HOTP) from an authenticator secret the user pastes:
 * Cognito's software tokens are base32 secrets, HMAC-SHA1, 6 digits, 30-second steps.
 */
import { hmac } from './web-crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 (RFC 4648; spaces, dashes, padding and case ignored) to bytes; null when it is not base32. */
export function base32ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  const clean = text.replace(/[\s-]+/g, '').replace(/=+$/, '').toUpperCase();
  if (clean === '' || !/^[A-Z2-7]+$/.test(clean)) return null;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    value = ((value << 5) | BASE32.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** HOTP(key, counter) truncated to `digits` (RFC 4226 §5.3). */
export async function hotp(key: Uint8Array<ArrayBuffer>, counter: number, digits = 6, hash: 'SHA-1' | 'SHA-256' = 'SHA-1'): Promise<string> {
  const message = new Uint8Array(8);
  let rest = BigInt(counter);
  for (let i = 7; i >= 0; i--) {
    message[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  const mac = await hmac(hash, key, message);
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = (((mac[offset] ?? 0) & 0x7f) << 24) | ((mac[offset + 1] ?? 0) << 16) | ((mac[offset + 2] ?? 0) << 8) | (mac[offset + 3] ?? 0);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP code for epoch ms `at` (RFC 6238: T0 = 0, X = 30 s). */
export function totpAt(key: Uint8Array<ArrayBuffer>, at: number, digits = 6, hash: 'SHA-1' | 'SHA-256' = 'SHA-1'): Promise<string> {
  return hotp(key, Math.floor(at / 30_000), digits, hash);
}

/** The code an authenticator app with this base32 secret shows at `at`; null when the secret is not base32. */
export async function totpFromSecret(secret: string, at: number): Promise<string | null> {
  const key = base32ToBytes(secret);
  return key ? totpAt(key, at) : null;
}
