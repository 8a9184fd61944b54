/**
 * Facts about where a token belongs, computed from the token alone: its `at_hash` (OIDC Core
 * §3.1.3.6) and the regions its issuer, its pool id and a user-pool prefix domain name
 * (managed-login-oauth2.md §1 "Host forms", §3 rules 17 and 19).
 */
import { USER_POOL_LOGIN_KEY } from '../identity/rules';
import { base64Url, sha256, utf8Bytes } from './sha256';

/** at_hash of an access token: BASE64URL of the left half (16 bytes) of SHA-256 over its ASCII text. */
export function atHash(accessToken: string): string {
  return base64Url(sha256(utf8Bytes(accessToken)).subarray(0, 16));
}

export interface IssuerRegions {
  /** The region of the `cognito-idp.<region>.amazonaws.com` host. */
  host: string;
  poolId: string;
  /** The region prefix of the pool id (`<region>_<id>`). */
  pool: string;
}

/** Regions named by a Cognito user-pool issuer; undefined for any other issuer. */
export function issuerRegions(iss: string): IssuerRegions | undefined {
  const match = USER_POOL_LOGIN_KEY.exec(iss.trim().replace(/^https:\/\//i, '').replace(/\/+$/, ''));
  return match ? { host: match[1]!, poolId: match[2]!, pool: match[3]! } : undefined;
}

/** `<prefix>.auth.<region>.amazoncognito.com` and the FIPS form `<prefix>.auth-fips.<region>…` (§1). */
const PREFIX_DOMAIN = /^[^.]+\.auth(?:-fips)?\.([a-z0-9-]+)\.amazoncognito\.com$/i;

/** The region in a prefix-domain host name; undefined for a custom domain (which names none). */
export function prefixDomainRegion(host: string): string | undefined {
  return PREFIX_DOMAIN.exec(host.trim())?.[1]?.toLowerCase();
}
