/**
 * RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) over a base32 secret, as an authenticator app
 * computes it, with Web Crypto: the demo answers SOFTWARE_TOKEN_MFA without a phone.
 */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(secret: string): Uint8Array<ArrayBuffer> {
  const clean = secret.replace(/[=\s]/g, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bitCount = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    buffer = (buffer << 5) | value;
    bitCount += 5;
    if (bitCount >= 8) {
      bitCount -= 8;
      bytes.push((buffer >> bitCount) & 0xff);
    }
  }
  return new Uint8Array(bytes);
}

export async function totpCode(secret: string, at = Date.now()): Promise<string> {
  const key = await crypto.subtle.importKey('raw', base32Decode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const counter = new DataView(new ArrayBuffer(8));
  counter.setBigUint64(0, BigInt(Math.floor(at / 30_000)));
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter.buffer));
  // Dynamic truncation (RFC 4226 §5.3): 31 bits from the offset named by the last nibble.
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const view = new DataView(mac.buffer, offset, 4);
  return String((view.getUint32(0) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
