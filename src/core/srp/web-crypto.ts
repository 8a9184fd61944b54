/**
 * The Web Crypto, TextEncoder and base64 globals that browsers and Node 20 all have. src/core is
 * type-checked with bare ES libs (no DOM, no Node), so the few members used here are typed here
 * and reached through `globalThis`, failing with a clear reason where they are missing.
 */
type Bytes = Uint8Array<ArrayBuffer>;

interface SubtleCryptoLike {
  importKey(format: 'raw', key: Bytes, algorithm: { name: 'HMAC'; hash: string }, extractable: false, usages: ['sign']): Promise<unknown>;
  sign(algorithm: 'HMAC', key: unknown, data: Bytes): Promise<ArrayBuffer>;
  digest(algorithm: string, data: Bytes): Promise<ArrayBuffer>;
}

interface WebCryptoLike {
  subtle: SubtleCryptoLike;
  getRandomValues(array: Bytes): Bytes;
}

function webCrypto(): WebCryptoLike {
  const found = (globalThis as { crypto?: WebCryptoLike }).crypto;
  if (!found?.subtle) throw new Error('Web Crypto (crypto.subtle) is not available here: SRP, SECRET_HASH and TOTP need it.');
  return found;
}

export async function hmac(hash: 'SHA-256' | 'SHA-1', key: Bytes, message: Bytes): Promise<Bytes> {
  const subtle = webCrypto().subtle;
  const imported = await subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', imported, message));
}

export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await webCrypto().subtle.digest('SHA-256', data));
}

export function randomBytes(length: number): Bytes {
  return webCrypto().getRandomValues(new Uint8Array(length));
}

interface TextEncoderLike {
  encode(text: string): Bytes;
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Bytes {
  const Encoder = (globalThis as unknown as { TextEncoder: new () => TextEncoderLike }).TextEncoder;
  return new Encoder().encode(text);
}

export function concatBytes(...parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function hexToBytes(hex: string): Bytes {
  const even = hex.length % 2 ? `0${hex}` : hex;
  const out = new Uint8Array(even.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(even.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const codec = globalThis as unknown as { btoa(binary: string): string; atob(text: string): string };

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return codec.btoa(binary);
}

/** Standard base64 to bytes; null when it is not base64. */
export function base64ToBytes(text: string): Bytes | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    return Uint8Array.from(codec.atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
