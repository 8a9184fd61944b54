/**
 * The client side of Cognito's USER_SRP_AUTH (SRP-6a over the RFC 3526 3072-bit group, g = 2,
 * SHA-256), so a re-run can sign in with a password the user types:
 * - InitiateAuth sends SRP_A = g^a mod N (hex);
 * - PASSWORD_VERIFIER answers PASSWORD_CLAIM_SIGNATURE = Base64(HMAC_SHA256(key = HKDF(S, u),
 *   poolName-after-"_" ‖ USER_ID_FOR_SRP ‖ b64decode(SECRET_BLOCK) ‖ TIMESTAMP))
 *   (cognito-protocol.md, "Formats"), with TIMESTAMP in Cognito's format (timestamp.ts).
 * Numbers are hashed in Cognito's hex form: minimal, even-length, and with a 00 byte in front
 * when the top bit is set (a non-negative two's-complement value), as the SDKs do.
 */
import { cognitoTimestamp } from './timestamp';
import { base64ToBytes, bytesToBase64, bytesToHex, concatBytes, hexToBytes, hmac, randomBytes, sha256, utf8 } from './web-crypto';

/** RFC 3526 §4, the 3072-bit MODP group's prime. */
const N = BigInt('0x'
  + 'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD'
  + 'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED'
  + 'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F'
  + '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B'
  + 'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510'
  + '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7'
  + 'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C'
  + 'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF');
const G = 2n;

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/** Cognito's hex form of a non-negative number (see the module comment). */
export function srpHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

async function hashHex(...hexParts: string[]): Promise<bigint> {
  return BigInt(`0x${bytesToHex(await sha256(hexToBytes(hexParts.join(''))))}`);
}

export interface SrpStart {
  /** The secret exponent: keep it (in memory) for the PASSWORD_VERIFIER answer. */
  a: bigint;
  A: bigint;
  /** AuthParameters.SRP_A. */
  srpA: string;
}

/** A fresh SRP_A for InitiateAuth (or PASSWORD_SRP). `secret` fixes `a` (tests). */
export function srpStart(secret?: bigint): SrpStart {
  for (;;) {
    const a = secret ?? BigInt(`0x${bytesToHex(randomBytes(128))}`) % N;
    const A = modPow(G, a, N);
    if (A % N !== 0n) return { a, A, srpA: A.toString(16) };
    if (secret !== undefined) throw new Error('This SRP secret gives A = 0 mod N.');
  }
}

export interface PasswordVerifierInput {
  /** The user pool id (`<region>_<name>`); the SRP math uses the part after "_". */
  userPoolId: string;
  /** ChallengeParameters of PASSWORD_VERIFIER. */
  userIdForSrp: string;
  srpB: string;
  salt: string;
  secretBlock: string;
  password: string;
  start: SrpStart;
  now: Date;
}

export type PasswordVerifierAnswer =
  | { ok: true; responses: { PASSWORD_CLAIM_SECRET_BLOCK: string; PASSWORD_CLAIM_SIGNATURE: string; TIMESTAMP: string } }
  | { ok: false; reason: string };

/** The PASSWORD_VERIFIER ChallengeResponses (without USERNAME / SECRET_HASH, which the caller adds). */
export async function passwordVerifier(input: PasswordVerifierInput): Promise<PasswordVerifierAnswer> {
  if (!/^[0-9a-f]+$/i.test(input.srpB) || !/^[0-9a-f]+$/i.test(input.salt)) return { ok: false, reason: 'SRP_B and SALT must be hex, as Cognito sends them.' };
  const secretBlock = base64ToBytes(input.secretBlock);
  if (!secretBlock) return { ok: false, reason: 'SECRET_BLOCK is not base64.' };
  const B = BigInt(`0x${input.srpB}`);
  if (B % N === 0n) return { ok: false, reason: 'SRP_B is 0 mod N: not a valid server value.' };
  const { a, A } = input.start;
  const u = await hashHex(srpHex(A), srpHex(B));
  if (u === 0n) return { ok: false, reason: 'The SRP scrambling value u is 0; start again.' };
  const poolName = input.userPoolId.includes('_') ? input.userPoolId.slice(input.userPoolId.indexOf('_') + 1) : input.userPoolId;
  const identity = bytesToHex(await sha256(utf8(`${poolName}${input.userIdForSrp}:${input.password}`)));
  const x = await hashHex(srpHex(BigInt(`0x${input.salt}`)), identity);
  const k = await hashHex(srpHex(N), srpHex(G));
  const base = (((B - k * modPow(G, x, N)) % N) + N) % N;
  const S = modPow(base, a + u * x, N);
  // HKDF-SHA256 (RFC 5869) with one output block, info "Caldera Derived Key", first 16 bytes.
  const prk = await hmac('SHA-256', hexToBytes(srpHex(u)), hexToBytes(srpHex(S)));
  const key = (await hmac('SHA-256', prk, concatBytes(utf8('Caldera Derived Key'), new Uint8Array([1])))).slice(0, 16);
  const timestamp = cognitoTimestamp(input.now);
  const signature = await hmac('SHA-256', key, concatBytes(utf8(poolName), utf8(input.userIdForSrp), secretBlock, utf8(timestamp)));
  return {
    ok: true,
    responses: { PASSWORD_CLAIM_SECRET_BLOCK: input.secretBlock, PASSWORD_CLAIM_SIGNATURE: bytesToBase64(signature), TIMESTAMP: timestamp },
  };
}
